import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { DrawRoundTable } from './draw.table';
import type { NumberedRound } from './round-rules';

/** How many rounds or records have a number starting with the prefix (numbers run on per year or round). */
export async function countNumbered(db: Db, table: 'draw_rounds' | 'draw_records', prefix: string): Promise<number> {
  const column = table === 'draw_rounds' ? 'round_no' : 'record_no';
  const { count } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(column, 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Whether each sampling item is published and in force. */
export const listSamplingItemStates = (db: Db, ids: readonly number[]) =>
  db
    .selectFrom('sampling_items')
    .select(['id', 'code', 'published', 'status'])
    .where('id', 'in', [...ids])
    .execute();

export const listDepartmentNames = (db: Db, ids: readonly number[]) =>
  db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();

/** The rounds of a year with their numbers and items (src/draw/round-rules.ts numbers them). */
export async function listYearRounds(db: Db, year: number): Promise<NumberedRound[]> {
  const rows = await db
    .selectFrom('draw_rounds')
    .select(['round_no', 'title', 'year', 'round_index', 'rounds_in_year', 'sampling_item_ids'])
    .where('year', '=', year)
    .execute();
  return rows.map(numberedRound);
}

/** A round row as the numbering rule sees it (bigint[] item ids may arrive as text). */
export function numberedRound(r: {
  round_no: string;
  title: string;
  year: number;
  round_index: number;
  rounds_in_year: number;
  sampling_item_ids: readonly (number | string)[];
}): NumberedRound {
  return {
    roundNo: r.round_no,
    title: r.title,
    year: r.year,
    roundIndex: r.round_index,
    roundsInYear: r.rounds_in_year,
    samplingItemIds: r.sampling_item_ids.map(Number),
  };
}

/** Serialises commitments until the transaction ends: a round's number is checked and its round number given under it. */
export async function lockRoundCommitments(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(20261206, 26)`.execute(trx);
}

export async function insertRound(trx: Db, values: Insertable<DrawRoundTable>): Promise<void> {
  await trx.insertInto('draw_rounds').values(values).execute();
}

/** A round without its frame snapshot (tens of megabytes for a large city: read only to draw). */
export const findRound = (db: Db, roundNo: string) =>
  db
    .selectFrom('draw_rounds')
    .select([
      'id',
      'round_no',
      'title',
      'year',
      'round_index',
      'rounds_in_year',
      'window_from',
      'window_to',
      'sampling_item_ids',
      'design',
      'commitment',
      'commitment_hash',
      'created_by',
      'created_at',
    ])
    .where('round_no', '=', roundNo)
    .executeTakeFirst();

export async function findRoundSnapshot(db: Db, roundId: number): Promise<Buffer> {
  return (
    await db.selectFrom('draw_rounds').select('frame_snapshot').where('id', '=', roundId).executeTakeFirstOrThrow()
  ).frame_snapshot;
}

export const listRounds = (db: Db) =>
  db
    .selectFrom('draw_rounds')
    .select([
      'round_no',
      'title',
      'year',
      'round_index',
      'rounds_in_year',
      'sampling_item_ids',
      'window_from',
      'window_to',
      'created_at',
    ])
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
