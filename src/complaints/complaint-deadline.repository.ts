import type { Db } from '../db/database';
import type { DeadlineStage } from './complaint-deadline.table';

export const listMatters = (db: Db) => db.selectFrom('complaint_matters').selectAll().orderBy('sort').execute();

export const updateMatterDays = (
  db: Db,
  code: string,
  days: { ack_days: number; verify_days: number; reply_days: number },
  at: Date,
) =>
  db
    .updateTable('complaint_matters')
    .set({ ...days, updated_at: at })
    .where('code', '=', code)
    .execute();

/** Complaints being handled by a department whose running deadline is on or before `by`. */
export const openComplaintsDueBy = (db: Db, by: string) =>
  db
    .selectFrom('complaints')
    .select([
      'id',
      'ticket_no',
      'title',
      'subject_name',
      'status',
      'department_id',
      'ack_due',
      'verify_due',
      'reply_due',
    ])
    .where('department_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', '待受理'), eb('ack_due', '<=', by)]),
        eb.and([eb('status', '=', '核查中'), eb('verify_due', '<=', by)]),
        eb.and([eb('status', '=', '待答复'), eb('reply_due', '<=', by)]),
      ]),
    )
    .orderBy('id')
    .execute();

/** Records the reminders; returns the keys that are new (a reminder already sent is not sent again). */
export async function recordComplaintReminders(
  db: Db,
  rows: {
    complaint_id: number;
    stage: DeadlineStage;
    phase: 'due_soon' | 'overdue';
    due_on: string;
    created_at: Date;
  }[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insertInto('complaint_reminders')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning(['complaint_id', 'stage', 'phase'])
    .execute();
  return new Set(inserted.map((r) => `${r.complaint_id}|${r.stage}|${r.phase}`));
}
