import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { DrawRoundTable } from './draw.table';

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
    .select(['round_no', 'title', 'year', 'window_from', 'window_to', 'created_at'])
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
