import type { Db } from '../db/database';
import type { PlatformKeyTable } from './platform-key.table';

export const findPlatformKey = (db: Db, purpose: string) =>
  db.selectFrom('platform_keys').selectAll().where('purpose', '=', purpose).executeTakeFirst();

/** Inserts the key unless one for the purpose exists already (the first one written is kept). */
export async function insertPlatformKeyIfAbsent(db: Db, values: PlatformKeyTable): Promise<void> {
  await db
    .insertInto('platform_keys')
    .values(values)
    .onConflict((oc) => oc.column('purpose').doNothing())
    .execute();
}

export async function deletePlatformKey(db: Db, purpose: string): Promise<void> {
  await db.deleteFrom('platform_keys').where('purpose', '=', purpose).execute();
}
