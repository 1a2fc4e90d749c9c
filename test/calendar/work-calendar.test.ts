import { describe, it, expect } from 'vitest';
import cd from 'chinese-days';
import { addDays } from '../../src/calendar/calendar-date';
import {
  BUILTIN_FIRST_YEAR,
  BUILTIN_LAST_YEAR,
  builtinCalendarYears,
  builtinYear,
} from '../../src/calendar/builtin-holidays';
import { parseCalendarFile } from '../../src/calendar/calendar-file';
import { createWorkCalendar, type DayException } from '../../src/calendar/work-calendar';
import { AppError } from '../../src/shared/app-error';

const calendar = createWorkCalendar(builtinCalendarYears());

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

function expectMissingYear(fn: () => unknown, year: number): void {
  const err = errorOf(fn);
  expect(err.code).toBe('CALENDAR_YEAR_MISSING');
  expect(err.message).toBe(
    `尚未载入 ${year} 年的节假日安排，无法计算工作日；请管理员在"工作日历"中载入该年度国务院办公厅放假通知`,
  );
  expect(err.details).toEqual({ year });
}

/** Dates from `from` to `to` inclusive. */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

// A hypothetical 2027 arrangement, used only to show that a loaded file extends the calendar.
const FILE_2027 = [
  '日期,类型,名称',
  '2027-01-01,放假,元旦',
  '2027-01-02,放假,元旦',
  '2027-01-03,放假,元旦',
  '2027-02-20,上班,春节调休上班',
].join('\n');

describe('2026 State Council notice: Spring Festival (2月15日–23日 off; 2月14日、28日 Sat working)', () => {
  it('marks the days correctly', () => {
    for (const d of range('2026-02-15', '2026-02-23')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-01')).toBe(false); // ordinary Sunday
  });

  it('adds and counts working days across the holiday', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.countWorkingDays('2026-02-13', '2026-02-24')).toBe(2);
    expect(calendar.countWorkingDays('2026-02-14', '2026-02-23')).toBe(0);
    expect(calendar.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
  });
});

describe('2026 State Council notice: National Day (10月1日–7日 off; 9月20日 Sun、10月10日 Sat working)', () => {
  it('marks the days correctly', () => {
    for (const d of range('2026-10-01', '2026-10-07')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('2026-09-28 + 5 working days = 2026-10-10', () => {
    expect(calendar.addWorkingDays('2026-09-28', 5)).toBe('2026-10-10');
    expect(calendar.countWorkingDays('2026-09-28', '2026-10-10')).toBe(5);
  });

  it('counts and steps across the holiday', () => {
    expect(calendar.countWorkingDays('2026-09-30', '2026-10-08')).toBe(1);
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-19', 1)).toBe('2026-09-20');
    expect(calendar.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
  });
});

describe('2025 cross-check (10月1日–8日 off; 9月28日 Sun、10月11日 Sat working)', () => {
  it('matches the 2025 notice', () => {
    for (const d of range('2025-10-01', '2025-10-08')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.countWorkingDays('2025-09-30', '2025-10-09')).toBe(1);
    expect(calendar.addWorkingDays('2025-09-27', 1)).toBe('2025-09-28');
  });
});

describe('ordinary weeks and the n = 0 / count conventions', () => {
  it('an ordinary week has 5 working days, Mon–Fri', () => {
    expect(range('2026-03-09', '2026-03-15').map((d) => calendar.isWorkingDay(d))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(calendar.countWorkingDays('2026-03-08', '2026-03-15')).toBe(5);
    expect(calendar.addWorkingDays('2026-03-13', 1)).toBe('2026-03-16'); // Fri → Mon
    expect(calendar.addWorkingDays('2026-03-09', 5)).toBe('2026-03-16');
    expect(calendar.addWorkingDays('2026-03-16', -1)).toBe('2026-03-13');
  });

  it('n = 0 keeps a working day and moves a day off to the next working day', () => {
    expect(calendar.addWorkingDays('2026-03-11', 0)).toBe('2026-03-11');
    expect(calendar.addWorkingDays('2026-03-14', 0)).toBe('2026-03-16');
    expect(calendar.nextWorkingDayOnOrAfter('2026-10-01')).toBe('2026-10-08');
    expect(calendar.nextWorkingDayOnOrAfter('2026-02-14')).toBe('2026-02-14');
  });

  it('countWorkingDays excludes the start, includes the end, and is 0 for to ≤ from', () => {
    expect(calendar.countWorkingDays('2026-03-09', '2026-03-10')).toBe(1);
    expect(calendar.countWorkingDays('2026-03-09', '2026-03-09')).toBe(0);
    expect(calendar.countWorkingDays('2026-03-13', '2026-03-09')).toBe(0);
  });

  it('addWorkingDays(from, countWorkingDays(from, to)) never passes `to`', () => {
    const pairs: [string, string][] = [
      ['2026-09-28', '2026-10-11'],
      ['2026-02-10', '2026-02-23'],
      ['2026-01-01', '2026-12-30'],
    ];
    for (const [from, to] of pairs) {
      const k = calendar.countWorkingDays(from, to);
      expect(k).toBeGreaterThan(0);
      expect(calendar.addWorkingDays(from, k) <= to).toBe(true);
      expect(calendar.addWorkingDays(from, k + 1) > to).toBe(true);
    }
  });

  it('rejects non-integer working-day counts', () => {
    expect(errorOf(() => calendar.addWorkingDays('2026-03-09', 1.5)).code).toBe('VALIDATION');
  });
});

describe('deadlineAfterMonths (民法典第二百零三条)', () => {
  it('keeps a working day', () => {
    expect(calendar.deadlineAfterMonths('2026-07-04', 1)).toBe('2026-08-04');
    expect(calendar.deadlineAfterMonths('2026-01-14', 1)).toBe('2026-02-14'); // make-up Saturday
  });

  it('moves a holiday or weekend to the next working day', () => {
    expect(calendar.deadlineAfterMonths('2026-09-01', 1)).toBe('2026-10-08');
    expect(calendar.deadlineAfterMonths('2026-09-17', 1)).toBe('2026-10-19'); // Sat → Mon
  });

  it('clamps to the end of a shorter month first', () => {
    expect(calendar.deadlineAfterMonths('2025-10-31', 1)).toBe('2025-12-01'); // 11-30 is a Sunday
    expect(calendar.deadlineAfterMonths('2026-01-31', 1)).toBe('2026-02-28'); // clamped; a make-up Saturday
  });
});

describe('missing years', () => {
  it('knows which years are loaded', () => {
    expect(calendar.hasYear(2004)).toBe(true);
    expect(calendar.hasYear(2026)).toBe(true);
    expect(calendar.hasYear(2027)).toBe(false);
    expect(calendar.hasYear(2003)).toBe(false);
  });

  it('refuses to guess 2027 with only built-in data', () => {
    expectMissingYear(() => calendar.isWorkingDay('2027-03-10'), 2027);
    expectMissingYear(() => calendar.isWorkingDay('2003-06-02'), 2003);
    expectMissingYear(() => calendar.nextWorkingDayOnOrAfter('2027-01-01'), 2027);
    expectMissingYear(() => calendar.deadlineAfterMonths('2026-12-15', 1), 2027);
  });

  it('throws when stepping from 2026-12-30 crosses into 2027', () => {
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expectMissingYear(() => calendar.addWorkingDays('2026-12-30', 2), 2027);
    expectMissingYear(() => calendar.countWorkingDays('2026-12-30', '2027-01-05'), 2027);
    expectMissingYear(() => calendar.addWorkingDays('2004-01-02', -1), 2003);
  });

  it('works across the year boundary once a 2027 file is loaded', () => {
    const file = parseCalendarFile(FILE_2027);
    const years = new Map<number, readonly DayException[]>(builtinCalendarYears());
    years.set(file.year, file.days);
    const loaded = createWorkCalendar(years);
    expect(loaded.hasYear(2027)).toBe(true);
    expect(loaded.isWorkingDay('2027-01-01')).toBe(false); // Friday, 元旦
    expect(loaded.isWorkingDay('2027-02-20')).toBe(true); // Saturday, make-up
    expect(loaded.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
    expect(loaded.addWorkingDays('2026-12-30', 3)).toBe('2027-01-05');
    expect(loaded.countWorkingDays('2026-12-30', '2027-01-05')).toBe(3);
    expectMissingYear(() => loaded.isWorkingDay('2028-01-03'), 2028);
  });
});

describe('builtin holidays', () => {
  const byDate = (year: number): Map<string, DayException> => new Map(builtinYear(year)!.map((d) => [d.date, d]));

  it('covers 2004–2026 only', () => {
    expect(BUILTIN_FIRST_YEAR).toBe(2004);
    expect(BUILTIN_LAST_YEAR).toBe(2026);
    expect(builtinYear(2003)).toBeUndefined();
    expect(builtinYear(2027)).toBeUndefined();
    expect([...builtinCalendarYears().keys()]).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it('lists holidays, make-up days and weekend days inside a holiday, with Chinese names', () => {
    const days = byDate(2026);
    for (const d of range('2026-10-01', '2026-10-07'))
      expect(days.get(d), d).toEqual({ date: d, kind: 'holiday', name: '国庆节' });
    expect(days.get('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' });
    expect(days.get('2026-09-20')).toEqual({ date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' });
    expect(days.get('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节调休上班' });
    expect(days.get('2026-02-15')).toEqual({ date: '2026-02-15', kind: 'holiday', name: '春节' });
    expect(days.get('2026-06-19')?.name).toBe('端午节');
    expect(days.get('2026-04-06')?.name).toBe('清明节');
    expect(days.get('2026-10-17')).toBeUndefined(); // ordinary Saturday
    expect(days.get('2026-03-11')).toBeUndefined(); // ordinary Wednesday
  });

  it('uses Chinese names only, in every year', () => {
    for (let y = BUILTIN_FIRST_YEAR; y <= BUILTIN_LAST_YEAR; y++) {
      for (const d of builtinYear(y)!) {
        expect(d.name, d.date).toMatch(/^[\u4e00-\u9fff0-9]+$/);
        expect(d.name.length, d.date).toBeLessThanOrEqual(20);
      }
    }
  });

  it('returns an independent copy each time', () => {
    const first = builtinYear(2026)!;
    first.length = 0;
    expect(builtinYear(2026)!.length).toBeGreaterThan(30);
  });

  // cd.isWorkday gets the weekday wrong west of UTC (see builtin-holidays.ts), so compare only where it is reliable.
  const chineseDaysReliable = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() <= 0;
  it.skipIf(!chineseDaysReliable)('agrees with chinese-days on every day 2004–2026', () => {
    const mismatches: string[] = [];
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if (calendar.isWorkingDay(d) !== cd.isWorkday(d)) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });
});
