import { addDays, weekday } from '../calendar/calendar-date';
import { unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';

/** 一反馈 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十一条): acknowledged within 1 working day. */
export const ACK_WORKING_DAYS = 1;
/** 二反馈 (第十二条): the licence result reported within 7 working days of the decision. */
export const LICENCE_FEEDBACK_WORKING_DAYS = 7;

/**
 * The n-th working day after `date` by the calendar. A registration must be pushed even when the year's holiday
 * notice is not loaded yet: then Monday to Friday count (the deadline is a day's grace at most, never a refusal).
 */
export function workingDaysAfter(calendar: WorkCalendar, date: string, n: number): string {
  const exact = unlessYearMissing(() => calendar.addWorkingDays(date, n));
  if (exact) return exact;
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (weekday(d) !== 0 && weekday(d) !== 6) left -= 1;
  }
  return d;
}
