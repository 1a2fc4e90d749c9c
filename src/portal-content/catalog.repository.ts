import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { CatalogQuery } from './catalog.schemas';

const activeItems = (db: Db) =>
  db
    .selectFrom('supervision_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .where('i.status', '=', '有效');

const activeChecks = (db: Db) => db.selectFrom('check_items').where('withdrawn_at', 'is', null);

/** Active supervision items (停用 ones are withdrawn from the catalog), filtered; `ids` restricts to an industry's. */
export async function listCatalogItems(db: Db, q: CatalogQuery, ids: number[] | null) {
  let base = activeItems(db);
  if (ids !== null) base = ids.length ? base.where('i.id', 'in', ids) : base.where('i.id', '=', -1);
  if (q.departmentId) base = base.where('i.department_id', '=', q.departmentId);
  if (q.level) base = base.where('i.level', '=', q.level);
  if (q.q)
    base = base.where((eb) =>
      eb.or([
        eb('i.name', 'like', likeContains(q.q!)),
        eb('i.code', 'like', likeContains(q.q!.toUpperCase())),
        eb('i.object_type', 'like', likeContains(q.q!)),
      ]),
    );
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['i.id', 'i.code', 'i.name', 'i.level', 'i.object_type', 'd.name as department_name'])
    .select((eb) =>
      activeChecks(db)
        .select((e) => e.fn.countAll<number>().as('c'))
        .whereRef('check_items.supervision_item_id', '=', eb.ref('i.id'))
        .as('check_count'),
    )
    .orderBy('i.department_id')
    .orderBy('i.code')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { rows, total: Number(n) };
}

export const findCatalogItem = (db: Db, id: number) =>
  activeItems(db).selectAll('i').select('d.name as department_name').where('i.id', '=', id).executeTakeFirst();

export const activeCheckItems = (db: Db, itemId: number) =>
  activeChecks(db)
    .select(['code', 'content', 'method', 'basis'])
    .where('supervision_item_id', '=', itemId)
    .orderBy('sort_order')
    .execute();

/** Departments with active items and how many. */
export const catalogDepartments = (db: Db) =>
  activeItems(db)
    .select(['d.id', 'd.name'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['d.id', 'd.name'])
    .orderBy('d.id')
    .execute();
