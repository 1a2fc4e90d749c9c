import type { Db } from '../db/database';
import { type Page, likeContains, offsetOf } from '../shared/paging';
import type { DepartmentListQuery, DepartmentView } from './department.schemas';
import type { DepartmentRow, DepartmentTable } from './department.table';
import type { Insertable, Updateable } from 'kysely';

export const findDepartment = (db: Db, id: number): Promise<DepartmentRow | undefined> =>
  db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertDepartment(db: Db, values: Insertable<DepartmentTable>): Promise<DepartmentRow> {
  return db.insertInto('departments').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateDepartment(
  db: Db,
  id: number,
  values: Updateable<DepartmentTable>,
): Promise<DepartmentRow> {
  return db.updateTable('departments').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findDepartmentClash(db: Db, name: string, code: string, exceptId?: number) {
  let query = db
    .selectFrom('departments')
    .select(['id', 'name', 'code'])
    .where((eb) => eb.or([eb('name', '=', name), eb('code', '=', code)]));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** Walks up from `startId` through parents; used to refuse cycles. */
export async function ancestorIds(db: Db, startId: number): Promise<number[]> {
  const ids: number[] = [];
  let current: number | null = startId;
  while (current !== null && !ids.includes(current)) {
    ids.push(current);
    const row: { parent_id: number | null } | undefined = await db
      .selectFrom('departments')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  return ids;
}

export async function listDepartments(
  db: Db,
  query: DepartmentListQuery,
  onlyId: number | null,
): Promise<Page<DepartmentView>> {
  let base = db.selectFrom('departments as d');
  if (query.q)
    base = base.where((eb) =>
      eb.or([eb('d.name', 'like', likeContains(query.q!)), eb('d.code', '=', query.q!.toUpperCase())]),
    );
  if (query.kind) base = base.where('d.kind', '=', query.kind);
  if (onlyId !== null) base = base.where('d.id', '=', onlyId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('departments as p', 'p.id', 'd.parent_id')
    .selectAll('d')
    .select('p.name as parent_name')
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .whereRef('u.department_id', '=', 'd.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('user_count'),
    )
    .orderBy('d.id')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      ...presentDepartment(r),
      parentName: r.parent_name,
      userCount: Number(r.user_count ?? 0),
    })),
  };
}

export function presentDepartment(row: DepartmentRow): Omit<DepartmentView, 'parentName' | 'userCount'> {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    kind: row.kind,
    divisionCode: row.division_code,
    parentId: row.parent_id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const listDepartmentOptions = (db: Db) =>
  db.selectFrom('departments').select(['id', 'name', 'kind']).where('status', '=', 'active').orderBy('id').execute();

export const listDepartmentStates = (db: Db) => db.selectFrom('departments').select(['id', 'name', 'status']).execute();
