import type { Db } from '../db/database';

/** The stored value of a setting, or undefined when it was never set (callers apply their built-in default). */
export async function readSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(
  db: Db,
  key: string,
  value: unknown,
  userId: number | null,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: userId }))
    .execute();
}
