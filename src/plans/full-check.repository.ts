import type { Db } from '../db/database';

/** The ids of the published, active sampling items. */
export async function publishedItemIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('sampling_items')
    .select('id')
    .where('published', '=', true)
    .where('status', '=', '有效')
    .execute();
  return rows.map((p) => p.id);
}

/** Department id → name. */
export async function departmentNames(db: Db): Promise<Map<number, string>> {
  return new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.id, d.name]));
}
