import { weekday } from '../calendar/calendar-date';
import { unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';
import { AppError } from '../shared/app-error';

/**
 * A visit (排期) or a check-in (签到) on a rest day — a Saturday or Sunday that is not a make-up working day (调休上班),
 * or a day of a statutory holiday — is allowed, but only once the user has confirmed it: the one rule for both,
 * used by scheduling and check-in alike.
 */

/** The flag a request carries once the user has confirmed a rest day. */
const CONFIRM_REST_DAY = 'confirmNonWorkingDay';

const weekdayNames = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * How a rest day is named (e.g. 星期六, or 国庆节，星期四), or null for a working day. In a year whose holiday notice is
 * not loaded only Saturdays and Sundays are known to be rest days, and the name says so.
 */
export function restDayOf(calendar: WorkCalendar, date: string): string | null {
  const day = weekdayNames[weekday(date)]!;
  const working = unlessYearMissing(() => calendar.isWorkingDay(date));
  if (working === null) return day === '星期六' || day === '星期日' ? `${day}，该年度节假日安排尚未载入` : null;
  if (working) return null;
  const holiday = calendar.holidayName(date);
  return holiday ? `${holiday}，${day}` : day;
}

/**
 * Refuses (409, CONFIRMATION_REQUIRED) a rest day not yet confirmed, with the question to ask; returns how the rest day
 * is named when it was confirmed (for the audit entry), or null on a working day.
 * `doing` is what is done on the day: 安排检查, 签到.
 */
export function requireRestDayConfirmed(
  calendar: WorkCalendar,
  date: string,
  confirmed: boolean | undefined,
  doing: string,
): string | null {
  const rest = restDayOf(calendar, date);
  if (rest && !confirmed)
    throw new AppError('CONFIRMATION_REQUIRED', `${date} 是休息日（${rest}），确认仍在该日${doing}？`, [
      { field: CONFIRM_REST_DAY, message: `${date} 是休息日（${rest}）` },
    ]);
  return rest;
}
