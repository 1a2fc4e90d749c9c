import type { Db } from '../db/database';
import type { CalendarDayTable, CalendarYearTable } from './calendar.table';
import type { Insertable } from 'kysely';

/** Every year an administrator has loaded, with all its exception days in date order. */
export async function loadedCalendar(db: Db) {
  const years = await db.selectFrom('calendar_years').select('year').execute();
  const days = await db.selectFrom('calendar_days').select(['date', 'year', 'kind', 'name']).orderBy('date').execute();
  return { years: years.map((y) => y.year), days };
}

/** Loaded years, newest first, with who loaded them. */
export const listLoadedYears = (db: Db) =>
  db
    .selectFrom('calendar_years as c')
    .leftJoin('users as u', 'u.id', 'c.loaded_by')
    .select(['c.year', 'c.file_name', 'c.holidays', 'c.workdays', 'c.loaded_at', 'u.name as loaded_by_name'])
    .orderBy('c.year', 'desc')
    .execute();

export const loadedYearDays = (db: Db, year: number) =>
  db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute();

export const findLoadedYear = (db: Db, year: number) =>
  db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();

/** Replaces one year's record and its days (the old days go with the year row: ON DELETE CASCADE). */
export async function replaceCalendarYear(
  trx: Db,
  year: Insertable<CalendarYearTable>,
  days: Insertable<CalendarDayTable>[],
): Promise<void> {
  await trx.deleteFrom('calendar_years').where('year', '=', year.year).execute();
  await trx.insertInto('calendar_years').values(year).execute();
  await trx.insertInto('calendar_days').values(days).execute();
}
