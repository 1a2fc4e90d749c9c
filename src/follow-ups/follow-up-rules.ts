import { addCalendarMonths, addDays, compareDates, weekday } from '../calendar/calendar-date';
import { unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';
import type { FollowUpStatus } from './follow-up.table';

/**
 * The rules of 双跟踪 as pure functions (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条、第十八条): the 2-month
 * follow-up deadline, the task window, the status shown, and the processing time of a licence application.
 */

/** 照后证前 follow-up within 2 calendar months of the push (第十五条). */
export const FOLLOW_UP_MONTHS = 2;

/** The check item content an inspector marks 不符合 when the subject operates without the licence (第十五条第三款). */
export const UNLICENSED_CHECK_CONTENT = '是否未取得相关许可即开展经营活动';

/** The name of a department's own follow-up item, used when none of its items covers the approval item or the industry. */
export const FOLLOW_UP_ITEM_NAME = '照后证前跟踪检查';

/**
 * Due date: 2 calendar months after the push's date, clamped to the month's end (12-31 → 02-28/29, 01-31 → 03-31);
 * when that day is a rest day by the working-day calendar, the next working day (《中华人民共和国民法典》第二百零三条).
 * Without the year's holiday notice the calendar-month date, moved off a weekend to the Monday.
 */
export function followUpDueOn(calendar: WorkCalendar, pushedOn: string): string {
  const exact = unlessYearMissing(() => calendar.deadlineAfterMonths(pushedOn, FOLLOW_UP_MONTHS));
  if (exact) return exact;
  // Without the year's holiday notice a Saturday or Sunday still moves to the Monday (as the 签收期限 does).
  let d = addCalendarMonths(pushedOn, FOLLOW_UP_MONTHS);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
  return d;
}

/** The follow-up task's window opens on the next working day after the push (Monday–Friday without a holiday notice). */
export function followUpWindowFrom(calendar: WorkCalendar, pushedOn: string): string {
  const next = unlessYearMissing(() => calendar.addWorkingDays(pushedOn, 1));
  if (next) return next;
  let d = addDays(pushedOn, 1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
  return d;
}

export type FollowUpDisplayStatus = FollowUpStatus | '逾期';

/** 逾期: still 待跟踪 after the due date. */
export function displayStatus(status: FollowUpStatus, dueOn: string, today: string): FollowUpDisplayStatus {
  return status === '待跟踪' && compareDates(today, dueOn) > 0 ? '逾期' : status;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type ProcessingState = '正常' | '超承诺时限' | '超法定时限';

export interface ProcessingTime {
  /** Working days from 受理 (not counted) to the conclusion or today; null when a year's holiday notice is missing. */
  elapsedWorkingDays: number | null;
  promisedDueOn: string | null;
  statutoryDueOn: string | null;
  state: ProcessingState;
}

/**
 * 办证时限 (第十八条, 二跟踪): working days elapsed since acceptance against the promised and statutory limits, by the
 * working-day calendar (the acceptance day is not counted; holidays and weekends are not, make-up working days are).
 */
export function processingTime(
  calendar: WorkCalendar,
  app: { acceptedOn: string; promisedDays: number; statutoryDays: number; concludedOn: string | null },
  today: string,
): ProcessingTime {
  const end = app.concludedOn ?? today;
  const elapsed = unlessYearMissing(() => calendar.countWorkingDays(app.acceptedOn, end));
  const promisedDueOn = unlessYearMissing(() => calendar.addWorkingDays(app.acceptedOn, app.promisedDays));
  const statutoryDueOn = unlessYearMissing(() => calendar.addWorkingDays(app.acceptedOn, app.statutoryDays));
  const state: ProcessingState =
    elapsed === null
      ? '正常'
      : elapsed > app.statutoryDays
        ? '超法定时限'
        : elapsed > app.promisedDays
          ? '超承诺时限'
          : '正常';
  return { elapsedWorkingDays: elapsed, promisedDueOn, statutoryDueOn, state };
}
