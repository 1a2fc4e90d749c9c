import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { DrawRecordTable } from './draw.table';

/**
 * The round's records, oldest first, with the number of the record each redraws, what was entered and
 * the name and department of who entered it. `legacy_bundle`: the bundle of a record drawn before the
 * entry was kept apart (it is read from there), otherwise null.
 */
export const listRoundRecords = (db: Db, roundId: number) =>
  db
    .selectFrom('draw_records as r')
    .leftJoin('draw_records as o', 'o.id', 'r.redraw_of')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select((eb) => [
      'r.record_no',
      'r.seed',
      'r.record_digest',
      'r.redraw_reason',
      'o.record_no as redraw_of',
      'r.created_at',
      'r.measures',
      'r.reveal',
      'u.name as entered_by_name',
      'd.name as entered_by_department',
      eb.case().when('r.reveal', 'is', null).then(eb.ref('r.bundle')).end().as('legacy_bundle'),
    ])
    .where('r.round_id', '=', roundId)
    .orderBy('r.id')
    .execute();

/** The round's current (latest) record, if it was drawn. */
export const findLatestRecord = (db: Db, roundId: number) =>
  db
    .selectFrom('draw_records')
    .select(['id', 'record_no'])
    .where('round_id', '=', roundId)
    .orderBy('id', 'desc')
    .executeTakeFirst();

/** An id for a record about to be written (its tasks may be written first, in the same transaction). */
export async function reserveRecordId(trx: Db): Promise<number> {
  const { rows } = await sql<{
    id: string;
  }>`SELECT nextval(pg_get_serial_sequence('draw_records', 'id'))::text AS id`.execute(trx);
  return Number(rows[0]!.id);
}

export async function insertRecord(trx: Db, values: Insertable<DrawRecordTable>): Promise<number> {
  const { id } = await trx.insertInto('draw_records').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A record with its round's number and title. */
export const findRecord = (db: Db, recordNo: string) =>
  db
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .select([
      'r.id',
      'r.record_no',
      'r.seed',
      'r.record_digest',
      'r.measures',
      'r.bundle',
      'r.redraw_reason',
      'r.created_at',
      'r.round_id',
      'd.round_no',
      'd.title',
    ])
    .where('r.record_no', '=', recordNo)
    .executeTakeFirst();

/** A record's bundle with its round's frame snapshot. */
export const findRecordWithSnapshot = (db: Db, recordNo: string) =>
  db
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .select(['r.bundle', 'd.frame_snapshot', 'd.round_no'])
    .where('r.record_no', '=', recordNo)
    .executeTakeFirst();

/** Subjects with an active registration (提前登记) in the year. */
export async function listRegisteredSubjects(db: Db, year: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection_registrations')
    .select('subject_id')
    .distinct()
    .where('year', '=', year)
    .where('status', '=', '有效')
    .execute();
  return rows.map((r) => r.subject_id);
}
