/**
 * Working-day (工作日) arithmetic. A day is a working day when it is Monday–Friday and not
 * a declared holiday, or a Saturday/Sunday declared as a make-up working day (调休上班).
 * Years without a loaded holiday notice are never guessed: using them throws.
 */
import { AppError } from '../shared/app-error';
import { addCalendarMonths, addDays, compareDates, parseIsoDate, weekday } from './calendar-date';

/**
 * An exception to the Monday–Friday rule in one year.
 * 'holiday': a day off (Mon–Fri days off change the arithmetic; weekend days inside a holiday
 * period are listed for display only). 'workday': a Saturday/Sunday make-up working day.
 */
export interface DayException {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface WorkCalendar {
  hasYear(year: number): boolean;
  /** @throws AppError('CALENDAR_YEAR_MISSING') when the date's year is not loaded. */
  isWorkingDay(date: string): boolean;
  /**
   * n ≥ 1: the n-th working day strictly after `date` (the start day is not counted).
   * n = 0: `date` itself if it is a working day, otherwise the next working day.
   * n ≤ -1: the |n|-th working day strictly before `date`.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Number of working days d with from < d ≤ to (the start day is not counted, the end day is);
   * 0 when to ≤ from. Consistent with addWorkingDays: for k = countWorkingDays(from, to) ≥ 1,
   * addWorkingDays(from, k) ≤ to.
   */
  countWorkingDays(from: string, to: string): number;
  /** `date` if it is a working day, otherwise the next working day. */
  nextWorkingDayOnOrAfter(date: string): string;
  /** The name of the holiday `date` belongs to (e.g. 国庆节), or null when it is not in a declared holiday. */
  holidayName(date: string): string | null;
  /**
   * Deadline of a period of `months` calendar months from `date` (addCalendarMonths, clamped to
   * the month's end). If that day is not a working day the deadline moves to the next working day
   * (民法典第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
   */
  deadlineAfterMonths(date: string, months: number): string;
}

export function missingYearError(year: number): AppError {
  return new AppError(
    'CALENDAR_YEAR_MISSING',
    `尚未载入 ${year} 年的节假日安排，无法计算工作日；请管理员在"工作日历"中载入该年度国务院办公厅放假通知`,
    { year },
  );
}

/** A working-day computation, or null when it needs a year whose holiday notice is not loaded yet (other errors pass through). */
export function unlessYearMissing<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof AppError && error.code === 'CALENDAR_YEAR_MISSING') return null;
    throw error;
  }
}

/** Builds a calendar from the exceptions of each loaded year (year → that year's exceptions). */
export function createWorkCalendar(years: ReadonlyMap<number, readonly DayException[]>): WorkCalendar {
  const exceptions = new Map<string, DayException['kind']>();
  const holidayNames = new Map<string, string>();
  for (const days of years.values()) {
    for (const day of days) {
      exceptions.set(day.date, day.kind);
      if (day.kind === 'holiday') holidayNames.set(day.date, day.name);
    }
  }

  const isWorkingDay = (date: string): boolean => {
    const { y } = parseIsoDate(date);
    if (!years.has(y)) throw missingYearError(y);
    const kind = exceptions.get(date);
    if (kind) return kind === 'workday';
    const wd = weekday(date);
    return wd >= 1 && wd <= 5;
  };

  const addWorkingDays = (date: string, n: number): string => {
    if (!Number.isInteger(n)) throw new AppError('VALIDATION', `工作日数应为整数：${n}`);
    if (n === 0) {
      let d = date;
      while (!isWorkingDay(d)) d = addDays(d, 1);
      return d;
    }
    const step = n > 0 ? 1 : -1;
    let remaining = Math.abs(n);
    let d = date;
    while (remaining > 0) {
      d = addDays(d, step);
      if (isWorkingDay(d)) remaining--;
    }
    return d;
  };

  const countWorkingDays = (from: string, to: string): number => {
    let count = 0;
    if (compareDates(to, from) <= 0) return 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
      if (isWorkingDay(d)) count++;
    }
    return count;
  };

  const nextWorkingDayOnOrAfter = (date: string): string => addWorkingDays(date, 0);

  return {
    hasYear: (year) => years.has(year),
    isWorkingDay,
    addWorkingDays,
    countWorkingDays,
    nextWorkingDayOnOrAfter,
    holidayName: (date) => holidayNames.get(date) ?? null,
    deadlineAfterMonths: (date, months) => nextWorkingDayOnOrAfter(addCalendarMonths(date, months)),
  };
}

/**
 * How late something due on `dueOn` is on `today`: the working days between them, or the calendar days when a year's
 * holiday notice is not loaded yet (a list must still show, not fail, between 1 January and the notice).
 */
export function daysLate(cal: WorkCalendar, dueOn: string, today: string): number {
  const working = unlessYearMissing(() => cal.countWorkingDays(dueOn, today));
  if (working !== null) return working;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
}
