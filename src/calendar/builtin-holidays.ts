/**
 * Built-in holiday arrangements 2004–2026 (State Council notices), derived from `chinese-days`.
 * Later years are loaded by an administrator from a file (see calendar-file.ts).
 */
import cd from 'chinese-days';
import { addDays, formatIsoDate, weekday } from './calendar-date';
import type { DayException } from './work-calendar';

export const BUILTIN_FIRST_YEAR = 2004;
export const BUILTIN_LAST_YEAR = 2026;

/** chinese-days names look like 'National Day,国庆节,3'; official Chinese names for the short ones. */
const OFFICIAL_NAMES: Readonly<Record<string, string>> = {
  清明: '清明节',
  端午: '端午节',
  中秋: '中秋节',
  中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日: '抗战胜利70周年纪念日',
};

/** The Chinese holiday name of a chinese-days detail name, or undefined for plain weekdays ('Saturday'). */
function chineseName(detailName: string): string | undefined {
  const parts = detailName.split(',');
  if (parts.length < 2) return undefined;
  const name = parts[1].trim();
  return OFFICIAL_NAMES[name] ?? name;
}

const cache = new Map<number, readonly DayException[]>();

/**
 * Only days chinese-days lists in its holiday/workday tables (those with a holiday name) are
 * exceptions. Its own weekday for ordinary days is wrong in time zones west of UTC (it parses
 * dates as UTC midnight and reads them with local getters), so the weekday is ours.
 */
function computeYear(year: number): readonly DayException[] {
  const result: DayException[] = [];
  const end = formatIsoDate({ y: year, m: 12, d: 31 });
  for (let date = formatIsoDate({ y: year, m: 1, d: 1 }); date <= end; date = addDays(date, 1)) {
    const detail = cd.getDayDetail(date);
    const name = chineseName(detail.name);
    if (name === undefined) continue;
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    if (!detail.work) {
      // Mon–Fri days off change the arithmetic; weekend days inside a holiday period are for display.
      result.push(Object.freeze({ date, kind: 'holiday', name }));
    } else if (weekend) {
      result.push(Object.freeze({ date, kind: 'workday', name: `${name}调休上班` }));
    }
  }
  return result;
}

/**
 * The exceptions to the Mon–Fri rule in `year` (days off on Mon–Fri, make-up working weekend
 * days, and weekend days inside a holiday period), or undefined outside 2004–2026. Memoized.
 */
export function builtinYear(year: number): DayException[] | undefined {
  if (!Number.isInteger(year) || year < BUILTIN_FIRST_YEAR || year > BUILTIN_LAST_YEAR) return undefined;
  let days = cache.get(year);
  if (!days) {
    days = computeYear(year);
    cache.set(year, days);
  }
  return [...days];
}

/** All built-in years 2004–2026, ready for createWorkCalendar. */
export function builtinCalendarYears(): Map<number, DayException[]> {
  const years = new Map<number, DayException[]>();
  for (let year = BUILTIN_FIRST_YEAR; year <= BUILTIN_LAST_YEAR; year++) {
    years.set(year, builtinYear(year) ?? []);
  }
  return years;
}
