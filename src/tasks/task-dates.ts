import type { WorkCalendar } from '../calendar/work-calendar';
import { unlessYearMissing } from '../calendar/work-calendar';

/**
 * The dates a task's deadlines count from, in one place (inspections, results, reminders, visit rules,
 * evaluations): the inspection date, and the results and publication deadlines.
 */

/** Results are entered within 7 working days of the inspection (《黄浦区精准高效协同监管实施办法（试行）》第十六条). */
export const RESULT_WORKING_DAYS = 7;
/** Random-check results are published within 20 working days (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十七条). */
export const PUBLISH_WORKING_DAYS = 20;

/** The inspection date: the visit's check-in, else the latest off-site check (a task checked only off site has one too). */
export function taskInspectedOn(checkedInOn: string | null, offsiteDates: readonly (string | null)[]): string | null {
  if (checkedInOn) return checkedInOn;
  return (
    offsiteDates
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null
  );
}

// The inspection date as SQL lives with the queries (task-dates.repository.ts); other capabilities'
// repositories take it from here, since they may not import this capability's repositories.
export { inspectedOnSql } from './task-dates.repository';

/** The results deadline; null (unknown, never late) while the holiday notice of the year it falls in is not loaded. */
export const resultsDueOn = (calendar: WorkCalendar, inspectedOn: string): string | null =>
  unlessYearMissing(() => calendar.addWorkingDays(inspectedOn, RESULT_WORKING_DAYS));

/** The publication deadline; null while the holiday notice of its year is not loaded. */
export const publicationDueOn = (calendar: WorkCalendar, inspectedOn: string): string | null =>
  unlessYearMissing(() => calendar.addWorkingDays(inspectedOn, PUBLISH_WORKING_DAYS));
