import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR, builtinCalendarYears, builtinYear } from './builtin-holidays';
import { addDays, compareDates } from './calendar-date';
import { parseCalendarFile } from './calendar-file';
import {
  findLoadedYear,
  listLoadedYears,
  loadedCalendar,
  loadedYearDays,
  replaceCalendarYear,
} from './calendar.repository';
import type { CalendarYearView } from './calendar.schemas';
import {
  createWorkCalendar,
  type DayException,
  missingYearError,
  unlessYearMissing,
  type WorkCalendar,
} from './work-calendar';

// The calendar changes only when an administrator loads a year: cache it per database.
const cache = new WeakMap<Db, Promise<WorkCalendar>>();

async function buildCalendar(db: Db): Promise<WorkCalendar> {
  const years = builtinCalendarYears();
  const loaded = await loadedCalendar(db);
  const days = loaded.days;
  for (const year of loaded.years)
    years.set(
      year,
      days.filter((d) => d.year === year).map(({ date, kind, name }) => ({ date, kind, name })),
    );
  return createWorkCalendar(years);
}

/** The working-day calendar: built-in years 2004–2026 plus every year an administrator has loaded. */
export function workCalendar(db: Db): Promise<WorkCalendar> {
  let calendar = cache.get(db);
  if (!calendar) {
    calendar = buildCalendar(db);
    cache.set(db, calendar);
    calendar.catch(() => cache.delete(db));
  }
  return calendar;
}

function workingDaysIn(calendar: WorkCalendar, year: number): number {
  return calendar.countWorkingDays(addDays(`${year}-01-01`, -1), `${year}-12-31`);
}

const countKinds = (days: readonly DayException[], kind: DayException['kind']) =>
  days.filter((d) => d.kind === kind).length;

export async function listCalendarYears(deps: AppDeps): Promise<CalendarYearView[]> {
  const loaded = await listLoadedYears(deps.db);
  let calendar = await workCalendar(deps.db);
  // A year loaded by another process (`lianjian calendar load` next to a server on PostgreSQL) is not in this
  // process's cached calendar yet: rebuild it rather than fail the list.
  if (
    loaded.some(
      (r) => unlessYearMissing(() => calendar.countWorkingDays(`${r.year}-01-01`, `${r.year}-01-02`)) === null,
    )
  ) {
    cache.delete(deps.db);
    calendar = await workCalendar(deps.db);
  }
  const admin: CalendarYearView[] = loaded.map((r) => ({
    year: r.year,
    source: 'admin',
    holidays: r.holidays,
    workdays: r.workdays,
    workingDays: workingDaysIn(calendar, r.year),
    fileName: r.file_name,
    loadedAt: r.loaded_at.toISOString(),
    loadedBy: r.loaded_by_name ?? '命令行',
  }));
  const builtin: CalendarYearView[] = [];
  for (let year = BUILTIN_LAST_YEAR; year >= BUILTIN_FIRST_YEAR; year -= 1) {
    const days = builtinYear(year) ?? [];
    builtin.push({
      year,
      source: 'builtin',
      holidays: countKinds(days, 'holiday'),
      workdays: countKinds(days, 'workday'),
      workingDays: workingDaysIn(calendar, year),
      fileName: null,
      loadedAt: null,
      loadedBy: null,
    });
  }
  return [...admin, ...builtin];
}

export async function calendarYearDays(
  deps: AppDeps,
  year: number,
): Promise<{ year: number; source: 'builtin' | 'admin'; days: DayException[] }> {
  const builtin = builtinYear(year);
  if (builtin) return { year, source: 'builtin', days: builtin };
  const rows = await loadedYearDays(deps.db, year);
  if (rows.length === 0) {
    throw missingYearError(year);
  }
  return { year, source: 'admin', days: rows };
}

/**
 * Loads (or replaces) one year's holiday arrangement from the State Council notice, as a CSV file.
 * The whole file is checked first; nothing is written unless every row is valid.
 */
export async function loadCalendarYear(deps: AppDeps, subject: AuditSubject, fileName: string, content: string) {
  const { year, days } = parseCalendarFile(content);
  const holidays = countKinds(days, 'holiday');
  const workdays = countKinds(days, 'workday');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await findLoadedYear(trx, year);
    await replaceCalendarYear(
      trx,
      { year, file_name: fileName, holidays, workdays, loaded_by: subject.userId, loaded_at: now },
      days.map((d) => ({ date: d.date, year, kind: d.kind, name: d.name })),
    );
    await recordAudit(trx, deps.config.auditHash, now, subject, {
      action: 'calendar.load',
      entityType: 'calendar_year',
      entityId: year,
      summary: `${before ? '重新载入' : '载入'} ${year} 年节假日安排（放假 ${holidays} 天，调休上班 ${workdays} 天）`,
      before: before ? { fileName: before.file_name, holidays: before.holidays, workdays: before.workdays } : null,
      after: { fileName, holidays, workdays, days: days.map((d) => `${d.date} ${d.kind} ${d.name}`) },
    });
  });
  cache.delete(deps.db);
  return { year, holidays, workdays };
}

export async function addWorkingDays(deps: AppDeps, date: string, n: number) {
  return { date, n, result: (await workCalendar(deps.db)).addWorkingDays(date, n) };
}

export async function countWorkingDays(deps: AppDeps, from: string, to: string) {
  if (compareDates(from, to) > 0) throw new AppError('VALIDATION', '起始日期不能晚于结束日期');
  return { from, to, count: (await workCalendar(deps.db)).countWorkingDays(from, to) };
}

export async function deadlineAfterMonths(deps: AppDeps, date: string, months: number) {
  return { date, months, result: (await workCalendar(deps.db)).deadlineAfterMonths(date, months) };
}
