import type { ColumnType } from 'kysely';

/** The three deadlines of a complaint: 受理 (ack), 核查 (verify), 答复 (reply). */
export const deadlineStages = ['ack', 'verify', 'reply'] as const;
export type DeadlineStage = (typeof deadlineStages)[number];

/** A reminder already sent: the working day before the deadline (due_soon) or once it has passed (overdue). */
export interface ComplaintReminderTable {
  complaint_id: number;
  stage: DeadlineStage;
  phase: 'due_soon' | 'overdue';
  due_on: ColumnType<string, string, string>;
  created_at: Date;
}
