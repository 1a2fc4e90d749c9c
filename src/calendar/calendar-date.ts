/**
 * Pure helpers for calendar dates written as 'YYYY-MM-DD' strings.
 * No time zones: every computation goes through Date.UTC and getUTC*.
 */
import { AppError } from '../shared/app-error';

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Parses and validates a real calendar date 'YYYY-MM-DD' (years 1000–9999).
 * @throws AppError('VALIDATION') for a wrong format or a date that does not exist (e.g. 2026-02-29).
 */
export function parseIsoDate(s: string): DateParts {
  const match = ISO_DATE.exec(s);
  const y = match ? Number(match[1]) : 0;
  const m = match ? Number(match[2]) : 0;
  const d = match ? Number(match[3]) : 0;
  if (!match || y < 1000 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new AppError('VALIDATION', `日期格式应为 YYYY-MM-DD：${s}`);
  }
  return { y, m, d };
}

/** Formats parts (already known to be valid) as 'YYYY-MM-DD'. */
export function formatIsoDate({ y, m, d }: DateParts): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function requireInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new AppError('VALIDATION', `${what}应为整数：${n}`);
}

function toUtcMs(date: string): number {
  const { y, m, d } = parseIsoDate(date);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): string {
  const dt = new Date(ms);
  return formatIsoDate({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

/** The date `n` calendar days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  requireInteger(n, '天数');
  return fromUtcMs(toUtcMs(date) + n * MS_PER_DAY);
}

/** Day of the week: 0 = Sunday, 1 = Monday, …, 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function yearOf(date: string): number {
  return parseIsoDate(date).y;
}

/**
 * Adds `n` calendar months (n may be negative), Chinese legal convention: the same
 * day-of-month in the target month, or that month's last day if it has no such day
 * (2026-01-31 + 1 → 2026-02-28; 2024-01-31 + 1 → 2024-02-29).
 */
export function addCalendarMonths(date: string, n: number): string {
  requireInteger(n, '月数');
  const { y, m, d } = parseIsoDate(date);
  const monthIndex = y * 12 + (m - 1) + n;
  const ty = Math.floor(monthIndex / 12);
  const tm = monthIndex - ty * 12 + 1;
  return formatIsoDate({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** -1, 0 or 1 as `a` is before, equal to or after `b` (both validated). */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
