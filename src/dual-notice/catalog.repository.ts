import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { CatalogItemTable } from './dual-notice.table';

export const listCatalogVersions = (db: Db) =>
  db
    .selectFrom('dual_notice_catalog_versions as v')
    .leftJoin('users as c', 'c.id', 'v.created_by')
    .leftJoin('users as p', 'p.id', 'v.published_by')
    .select([
      'v.id',
      'v.version_no',
      'v.status',
      'v.note',
      'v.created_at',
      'v.published_at',
      'c.name as created_by_name',
      'p.name as published_by_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('dual_notice_catalog_items as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.version_id', '=', 'v.id')
        .as('items'),
    )
    .orderBy('v.version_no', 'desc')
    .execute();

export const findCatalogVersion = (db: Db, id: number) =>
  db.selectFrom('dual_notice_catalog_versions').selectAll().where('id', '=', id).executeTakeFirst();

/** The latest published version (the one new registrations use). */
export const currentPublishedVersion = (db: Db) =>
  db
    .selectFrom('dual_notice_catalog_versions')
    .selectAll()
    .where('status', '=', '已发布')
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst();

export const findDraftVersion = (db: Db) =>
  db.selectFrom('dual_notice_catalog_versions').selectAll().where('status', '=', '草稿').forUpdate().executeTakeFirst();

export async function nextVersionNo(db: Db): Promise<number> {
  const r = await db
    .selectFrom('dual_notice_catalog_versions')
    .select((eb) => eb.fn.max('version_no').as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export const insertCatalogVersion = (
  db: Db,
  v: { version_no: number; note: string; created_by: number | null; created_at: Date },
) =>
  db
    .insertInto('dual_notice_catalog_versions')
    .values({ ...v, status: '草稿' })
    .returning('id')
    .executeTakeFirstOrThrow();

export const publishCatalogVersion = (db: Db, id: number, by: number | null, at: Date) =>
  db
    .updateTable('dual_notice_catalog_versions')
    .set({ status: '已发布', published_by: by, published_at: at })
    .where('id', '=', id)
    .where('status', '=', '草稿')
    .executeTakeFirst();

export const catalogItemsOf = (db: Db, versionId: number) =>
  db.selectFrom('dual_notice_catalog_items').selectAll().where('version_id', '=', versionId).orderBy('code').execute();

export const copyCatalogItems = (db: Db, fromVersion: number, toVersion: number) =>
  db
    .insertInto('dual_notice_catalog_items')
    .columns([
      'version_id',
      'code',
      'name',
      'licensing_department_id',
      'supervising_department_ids',
      'enforcement_department_ids',
      'keywords',
      'industry_codes',
      'prior_approval',
      'high_risk',
      'restriction',
    ])
    .expression((eb) =>
      eb
        .selectFrom('dual_notice_catalog_items')
        .select((e) => [
          e.val(toVersion).as('version_id'),
          'code',
          'name',
          'licensing_department_id',
          'supervising_department_ids',
          'enforcement_department_ids',
          'keywords',
          'industry_codes',
          'prior_approval',
          'high_risk',
          'restriction',
        ])
        .where('version_id', '=', fromVersion),
    )
    .execute();

export const findCatalogItem = (db: Db, versionId: number, code: string) =>
  db
    .selectFrom('dual_notice_catalog_items')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('code', '=', code)
    .executeTakeFirst();

export const insertCatalogItem = (db: Db, row: Insertable<CatalogItemTable>) =>
  db.insertInto('dual_notice_catalog_items').values(row).execute();

export const updateCatalogItem = (db: Db, id: number, row: Updateable<CatalogItemTable>) =>
  db.updateTable('dual_notice_catalog_items').set(row).where('id', '=', id).execute();

export const deleteCatalogItem = (db: Db, id: number) =>
  db.deleteFrom('dual_notice_catalog_items').where('id', '=', id).execute();

export const departmentNames = (db: Db) => db.selectFrom('departments').select(['id', 'name']).execute();
