import { daysLate, unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';
import type { ComplaintRow, ComplaintStatus } from './complaint.table';
import type { DeadlineStage } from './complaint-deadline.table';

/** The working days a matter allows for each stage (complaint_matters). */
export interface MatterDays {
  ack_days: number;
  verify_days: number;
  reply_days: number;
}

export const stageNames: Record<DeadlineStage, string> = { ack: '受理', verify: '核查', reply: '答复' };

/** The stage whose deadline runs in a status (待分派 has none: the joint office dispatches at once). */
export const stageOfStatus: Partial<Record<ComplaintStatus, DeadlineStage>> = {
  待受理: 'ack',
  核查中: 'verify',
  待答复: 'reply',
};

/** 受理 is due `ack_days` working days after the dispatch day (the day itself not counted), and so on. */
export const ackDueOn = (cal: WorkCalendar, dispatchedOn: string, m: MatterDays) =>
  cal.addWorkingDays(dispatchedOn, m.ack_days);
export const verifyDueOn = (cal: WorkCalendar, acceptedOn: string, m: MatterDays) =>
  cal.addWorkingDays(acceptedOn, m.verify_days);
export const replyDueOn = (cal: WorkCalendar, verifiedOn: string, m: MatterDays) =>
  cal.addWorkingDays(verifiedOn, m.reply_days);

/** The deadline running now: the stage and its date, or null when none runs (待分派, closed). */
export function currentDeadline(
  c: Pick<ComplaintRow, 'status' | 'ack_due' | 'verify_due' | 'reply_due'>,
): { stage: DeadlineStage; dueOn: string } | null {
  const stage = stageOfStatus[c.status];
  if (!stage) return null;
  const dueOn = stage === 'ack' ? c.ack_due : stage === 'verify' ? c.verify_due : c.reply_due;
  return dueOn ? { stage, dueOn } : null;
}

export type DeadlineState = '正常' | '临期' | '超期';

/**
 * 超期 once the due day has passed; 临期 on the due day and the working day before it (when the reminder goes out);
 * with the working days overdue (0 unless 超期).
 */
export function deadlineState(cal: WorkCalendar, dueOn: string, today: string) {
  if (today > dueOn) return { state: '超期' as DeadlineState, daysOverdue: daysLate(cal, dueOn, today) };
  const soon = today >= (unlessYearMissing(() => cal.addWorkingDays(dueOn, -1)) ?? dueOn);
  return { state: (soon ? '临期' : '正常') as DeadlineState, daysOverdue: 0 };
}
