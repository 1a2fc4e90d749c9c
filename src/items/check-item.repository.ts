import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { CheckItemTable } from './supervision-item.table';

/** Every check item of a supervision item, withdrawn ones included. */
export const checkItemsOfItem = (db: Db, itemId: number) =>
  db.selectFrom('check_items').selectAll().where('supervision_item_id', '=', itemId).execute();

/** Which sampling items link these check items. */
export const samplingLinksOf = (db: Db, checkItemIds: number[]) =>
  db
    .selectFrom('sampling_item_check_items as l')
    .innerJoin('sampling_items as s', 's.id', 'l.sampling_item_id')
    .select(['l.check_item_id', 's.code', 's.name'])
    .where('l.check_item_id', 'in', checkItemIds)
    .execute();

export async function withdrawCheckItems(db: Db, ids: number[], now: Date): Promise<void> {
  await db.updateTable('check_items').set({ withdrawn_at: now }).where('id', 'in', ids).execute();
}

export async function insertCheckItem(db: Db, values: Insertable<CheckItemTable>): Promise<void> {
  await db.insertInto('check_items').values(values).execute();
}

export async function updateCheckItem(db: Db, id: number, values: Updateable<CheckItemTable>): Promise<void> {
  await db.updateTable('check_items').set(values).where('id', '=', id).execute();
}
