import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { NewsQuery, PublicNewsQuery } from './news.schemas';
import type { PortalNewsTable } from './portal-content.table';

const withNames = (db: Db) =>
  db
    .selectFrom('portal_news as n')
    .innerJoin('departments as d', 'd.id', 'n.department_id')
    .selectAll('n')
    .select('d.name as department_name');

export const findNews = (db: Db, id: number) => withNames(db).where('n.id', '=', id).executeTakeFirst();
export const lockNews = (db: Db, id: number) =>
  db.selectFrom('portal_news').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

interface NewsFilter {
  q?: string;
  departmentId?: number;
  status?: NewsQuery['status'];
  scopeDepartmentId: number | null;
  /** Public: published and dated today or earlier. */
  publicOn?: string;
}

export async function listNews(db: Db, f: NewsFilter, page: Pick<PublicNewsQuery, 'page' | 'pageSize'>) {
  let base = withNames(db);
  if (f.scopeDepartmentId !== null) base = base.where('n.department_id', '=', f.scopeDepartmentId);
  if (f.departmentId) base = base.where('n.department_id', '=', f.departmentId);
  if (f.status) base = base.where('n.status', '=', f.status);
  if (f.publicOn) base = base.where('n.status', '=', '已发布').where('n.published_on', '<=', f.publicOn);
  if (f.q)
    base = base.where((eb) =>
      eb.or([eb('n.title', 'like', likeContains(f.q!)), eb('n.body', 'like', likeContains(f.q!))]),
    );
  const { n } = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .orderBy('n.published_on', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.pageSize)
    .offset(offsetOf(page))
    .execute();
  return { rows, total: Number(n) };
}

export const insertNews = (db: Db, values: Insertable<PortalNewsTable>) =>
  db.insertInto('portal_news').values(values).returning('id').executeTakeFirstOrThrow();

export async function updateNews(db: Db, id: number, values: Updateable<PortalNewsTable>): Promise<void> {
  await db.updateTable('portal_news').set(values).where('id', '=', id).execute();
}
