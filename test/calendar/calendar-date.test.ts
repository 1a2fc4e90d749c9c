import { describe, it, expect } from 'vitest';
import {
  addCalendarMonths,
  addDays,
  compareDates,
  parseIsoDate,
  weekday,
  yearOf,
} from '../../src/calendar/calendar-date';
import { AppError } from '../../src/shared/app-error';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('parseIsoDate', () => {
  it('parses a valid date into numbers', () => {
    expect(parseIsoDate('2026-10-01')).toEqual({ y: 2026, m: 10, d: 1 });
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-5',
    '2026/01/05',
    '20260105',
    '',
    ' 2026-01-05',
    '2026-01-05T00:00',
  ])('rejects %j with a VALIDATION error', (s) => {
    const err = errorOf(() => parseIsoDate(s));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(`日期格式应为 YYYY-MM-DD：${s}`);
  });
});

describe('addDays / weekday / yearOf / compareDates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  it('is not affected by daylight-saving transitions of the host time zone', () => {
    // 2026-03-29 is the EU DST switch; naive local-time arithmetic would repeat or skip a day.
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });

  it('rejects non-integer day counts', () => {
    expect(errorOf(() => addDays('2026-01-01', 1.5)).code).toBe('VALIDATION');
  });

  it('gives the weekday with 0 = Sunday', () => {
    expect(weekday('2026-10-01')).toBe(4); // Thursday
    expect(weekday('2026-02-14')).toBe(6); // Saturday
    expect(weekday('2026-09-20')).toBe(0); // Sunday
    expect(weekday('2026-02-23')).toBe(1); // Monday
  });

  it('gives the year and compares dates', () => {
    expect(yearOf('2027-01-04')).toBe(2027);
    expect(compareDates('2026-09-30', '2026-10-01')).toBe(-1);
    expect(compareDates('2026-10-01', '2026-10-01')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(errorOf(() => compareDates('2026-02-30', '2026-03-01')).code).toBe('VALIDATION');
  });
});

describe('addCalendarMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-15', 12, '2027-05-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-03-31', -13, '2025-02-28'],
    ['2026-06-30', 0, '2026-06-30'],
  ])('%s + %i months → %s', (date, n, expected) => {
    expect(addCalendarMonths(date, n)).toBe(expected);
  });
});
