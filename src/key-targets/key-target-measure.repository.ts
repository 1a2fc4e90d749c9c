import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { KeyTargetTable } from './key-target.table';

export const insertKeyTarget = async (db: Db, values: Insertable<KeyTargetTable>): Promise<number> =>
  Number((await db.insertInto('key_targets').values(values).returning('id').executeTakeFirstOrThrow()).id);

/** The listing in force that came from `sourceRef` for the subject, if any. */
export const findOpenKeyTarget = (db: Db, subjectId: number, sourceRef: string) =>
  db
    .selectFrom('key_targets')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('source_ref', '=', sourceRef)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();

export const liftKeyTargetRow = (db: Db, id: number, v: { at: Date; by: number | null; reason: string }) =>
  db
    .updateTable('key_targets')
    .set({ lifted_at: v.at, lifted_by: v.by, lift_reason: v.reason })
    .where('id', '=', id)
    .execute();

/** How many listings of the subject are in force on `today` (not lifted, not expired). */
export async function keyTargetsInForce(db: Db, subjectId: number, today: string): Promise<number> {
  const row = await db
    .selectFrom('key_targets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('subject_id', '=', subjectId)
    .where('lifted_at', 'is', null)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
