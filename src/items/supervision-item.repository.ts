import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type {
  CheckItemOption,
  CheckItemView,
  ItemVersionSummary,
  SupervisionItemListQuery,
  SupervisionItemSummary,
  SupervisionItemView,
} from './supervision-item.schemas';
import type { CheckItemRow, SupervisionItemTable } from './supervision-item.table';

/** Who made a change: a signed-in user, or the system (demo seed, imports). */
export interface ChangedBy {
  userId: number | null;
  name: string;
}

const withNames = (db: Db) =>
  db
    .selectFrom('supervision_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('users as u', 'u.id', 'i.updated_by')
    .selectAll('i')
    .select(['d.name as department_name', 'u.name as updater_name']);

type ItemRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

const presentCheckItem = (c: CheckItemRow): CheckItemView => ({
  id: c.id,
  code: c.code,
  content: c.content,
  method: c.method,
  basis: c.basis,
  sortOrder: c.sort_order,
});

function presentSummary(r: ItemRow, checkItemCount: number): SupervisionItemSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    legalBasis: r.legal_basis,
    objectType: r.object_type,
    measures: r.measures,
    process: r.process,
    resultHandling: r.result_handling,
    level: r.level,
    responsibleLeader: r.responsible_leader,
    responsibleUnit: r.responsible_unit,
    responsiblePerson: r.responsible_person,
    licenceItems: r.licence_items,
    source: r.source,
    claimedFrom: r.claimed_from,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: { userId: r.updated_by, name: r.updater_name ?? '系统' },
    checkItemCount,
  };
}

export const activeCheckItems = (db: Db, itemId: number) =>
  db
    .selectFrom('check_items')
    .selectAll()
    .where('supervision_item_id', '=', itemId)
    .where('withdrawn_at', 'is', null)
    .orderBy('sort_order')
    .execute();

/** The item as users and the version history see it, or undefined. */
export async function loadItemView(db: Db, id: number): Promise<SupervisionItemView | undefined> {
  const row = await withNames(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const checks = (await activeCheckItems(db, id)).map(presentCheckItem);
  const { checkItemCount: _n, ...rest } = presentSummary(row, checks.length);
  return { ...rest, checkItems: checks };
}

/** The items the list's filters select (code or name, department, level, source, status), with department and updater names; the list page and the export use it. */
export function itemsMatching(db: Db, query: SupervisionItemListQuery) {
  let q = withNames(db);
  if (query.q)
    q = q.where((eb) =>
      eb.or([eb('i.name', 'like', likeContains(query.q!)), eb('i.code', 'ilike', likeContains(query.q!))]),
    );
  if (query.departmentId) q = q.where('i.department_id', '=', query.departmentId);
  if (query.level) q = q.where('i.level', '=', query.level);
  if (query.source) q = q.where('i.source', '=', query.source);
  if (query.status) q = q.where('i.status', '=', query.status);
  return q;
}

export async function searchItems(
  db: Db,
  query: SupervisionItemListQuery,
): Promise<{ items: SupervisionItemSummary[]; total: number }> {
  const q = itemsMatching(db, query);
  const { n } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .select((eb) =>
      eb
        .selectFrom('check_items as c')
        .whereRef('c.supervision_item_id', '=', 'i.id')
        .where('c.withdrawn_at', 'is', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('check_count'),
    )
    .orderBy('i.department_id')
    .orderBy('i.code')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  return { items: rows.map((r) => presentSummary(r, Number(r.check_count ?? 0))), total: Number(n) };
}

export const insertItem = (db: Db, values: Insertable<SupervisionItemTable>) =>
  db.insertInto('supervision_items').values(values).returning('id').executeTakeFirstOrThrow();
export const updateItem = (db: Db, id: number, values: Updateable<SupervisionItemTable>) =>
  db.updateTable('supervision_items').set(values).where('id', '=', id).execute();

/** Locks the item row for the rest of the transaction, so concurrent changes get consecutive versions. */
export const lockItem = (db: Db, id: number) =>
  db
    .selectFrom('supervision_items')
    .select(['id', 'version', 'department_id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
/** The same lock, found by the item code (imports). */
export const lockItemByCode = (db: Db, code: string) =>
  db
    .selectFrom('supervision_items')
    .select(['id', 'version', 'department_id', 'status'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();

export async function writeVersion(
  db: Db,
  view: SupervisionItemView,
  by: ChangedBy,
  now: Date,
  summary: string,
): Promise<void> {
  await db
    .insertInto('supervision_item_versions')
    .values({
      item_id: view.id,
      version: view.version,
      snapshot: JSON.stringify(view),
      changed_by: by.userId,
      changed_by_name: by.name,
      changed_at: now,
      summary,
    })
    .execute();
}

const presentVersion = (r: {
  version: number;
  changed_by: number | null;
  changed_by_name: string;
  changed_at: Date;
  summary: string;
}): ItemVersionSummary => ({
  version: r.version,
  changedBy: { userId: r.changed_by, name: r.changed_by_name },
  changedAt: r.changed_at.toISOString(),
  summary: r.summary,
});

export async function listVersions(db: Db, itemId: number): Promise<ItemVersionSummary[]> {
  const rows = await db
    .selectFrom('supervision_item_versions')
    .select(['version', 'changed_by', 'changed_by_name', 'changed_at', 'summary'])
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(presentVersion);
}

export async function findVersion(db: Db, itemId: number, version: number) {
  const row = await db
    .selectFrom('supervision_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { ...presentVersion(row), item: row.snapshot } : undefined;
}

/** Active check items of active supervision items, optionally of one department: what sampling items may link. */
export async function checkItemOptions(
  db: Db,
  ids: number[] | null,
  departmentId: number | null,
): Promise<(CheckItemOption & { itemStatus: string; withdrawn: boolean })[]> {
  let q = db
    .selectFrom('check_items as c')
    .innerJoin('supervision_items as i', 'i.id', 'c.supervision_item_id')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .select([
      'c.id',
      'c.code',
      'c.content',
      'c.method',
      'c.withdrawn_at',
      'i.id as item_id',
      'i.code as item_code',
      'i.name as item_name',
      'i.status as item_status',
      'd.id as department_id',
      'd.name as department_name',
    ]);
  if (ids) q = q.where('c.id', 'in', ids.length ? ids : [0]);
  else q = q.where('c.withdrawn_at', 'is', null).where('i.status', '=', '有效');
  if (departmentId) q = q.where('i.department_id', '=', departmentId);
  const rows = await q.orderBy('i.department_id').orderBy('i.code').orderBy('c.sort_order').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    content: r.content,
    method: r.method,
    supervisionItemId: r.item_id,
    supervisionItemCode: r.item_code,
    supervisionItemName: r.item_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    itemStatus: r.item_status,
    withdrawn: r.withdrawn_at !== null,
  }));
}

export const findItemByCode = (db: Db, code: string) =>
  db.selectFrom('supervision_items').select(['id', 'name']).where('code', '=', code).executeTakeFirst();

/** Active sampling items that link any check item of this supervision item. */
export const activeSamplingUsersOfItem = (db: Db, itemId: number) =>
  db
    .selectFrom('sampling_item_check_items as l')
    .innerJoin('check_items as c', 'c.id', 'l.check_item_id')
    .innerJoin('sampling_items as s', 's.id', 'l.sampling_item_id')
    .select(['s.code', 's.name'])
    .distinct()
    .where('c.supervision_item_id', '=', itemId)
    .where('s.status', '=', '有效')
    .execute();

/** One keyset page of the items the list's filters select, each with its active check items in list order. */
export async function itemsWithChecksAfter(db: Db, query: SupervisionItemListQuery, afterId: number, limit: number) {
  const page = await itemsMatching(db, query).where('i.id', '>', afterId).orderBy('i.id').limit(limit).execute();
  const checks = page.length
    ? await db
        .selectFrom('check_items')
        .selectAll()
        .where(
          'supervision_item_id',
          'in',
          page.map((r) => r.id),
        )
        .where('withdrawn_at', 'is', null)
        .orderBy('sort_order')
        .execute()
    : [];
  const byItem = new Map<number, typeof checks>();
  for (const c of checks) byItem.set(c.supervision_item_id, [...(byItem.get(c.supervision_item_id) ?? []), c]);
  return page.map((r) => ({ ...r, checks: byItem.get(r.id) ?? [] }));
}

/** The whole catalogue as an import checks rows against it: items, all check items, and the sampling links. */
export async function wholeCatalogue(db: Db) {
  const items = await db.selectFrom('supervision_items').selectAll().execute();
  const checks = await db.selectFrom('check_items').selectAll().orderBy('sort_order').execute();
  const links = await db
    .selectFrom('sampling_item_check_items as l')
    .innerJoin('check_items as c', 'c.id', 'l.check_item_id')
    .innerJoin('sampling_items as s', 's.id', 'l.sampling_item_id')
    .select(['c.supervision_item_id', 'c.code', 's.code as sampling_code', 's.name as sampling_name', 's.status'])
    .execute();
  return { items, checks, links };
}
