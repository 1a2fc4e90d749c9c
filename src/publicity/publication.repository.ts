import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { PublicationKind, PublicationTable, PublicationPushTable, PublicationStatus } from './publication.table';

export const findLicence = (db: Db, id: number) =>
  db.selectFrom('licence_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const findPenalty = (db: Db, id: number) =>
  db.selectFrom('penalty_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const lockPublicationOf = (trx: Db, kind: PublicationKind, recordId: number) =>
  trx
    .selectFrom('publications')
    .selectAll()
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .forUpdate()
    .executeTakeFirst();

export const lockPublication = (trx: Db, id: number) =>
  trx.selectFrom('publications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function insertPublication(trx: Db, values: Insertable<PublicationTable>): Promise<number> {
  const row = await trx.insertInto('publications').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updatePublication(trx: Db, id: number, values: Updateable<PublicationTable>): Promise<void> {
  await trx.updateTable('publications').set(values).where('id', '=', id).execute();
}

export async function insertPush(trx: Db, values: Insertable<PublicationPushTable>): Promise<void> {
  await trx.insertInto('publication_pushes').values(values).execute();
}

export async function autoPublishes(db: Db, departmentId: number | null): Promise<boolean> {
  if (departmentId === null) return false;
  const row = await db
    .selectFrom('publicity_settings')
    .select('auto_publish')
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return row?.auto_publish ?? false;
}

export async function saveSetting(trx: Db, departmentId: number, autoPublish: boolean, userId: number, now: Date) {
  await trx
    .insertInto('publicity_settings')
    .values({ department_id: departmentId, auto_publish: autoPublish, updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.column('department_id').doUpdateSet({ auto_publish: autoPublish, updated_by: userId, updated_at: now }),
    )
    .execute();
}

/** Publications without a deadline (their year's holidays were not loaded when they arrived). */
export const publicationsWithoutDue = (db: Db) =>
  db.selectFrom('publications').select(['id', 'decided_on']).where('due_on', 'is', null).limit(1000).execute();

const listBase = (db: Db) => db.selectFrom('publications as p').leftJoin('departments as d', 'd.id', 'p.department_id');

export interface PublicationFilter {
  kind?: PublicationKind;
  status?: PublicationStatus | '公示期满' | '逾期';
  departmentId?: number | null;
  keyword?: string;
  from?: string;
  to?: string;
  today: string;
}

export function filteredPublications(db: Db, f: PublicationFilter) {
  let q = listBase(db);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.departmentId != null) q = q.where('p.department_id', '=', f.departmentId);
  if (f.from) q = q.where('p.decided_on', '>=', f.from);
  if (f.to) q = q.where('p.decided_on', '<=', f.to);
  if (f.keyword) {
    const k = f.keyword;
    q = q.where((eb) => eb.or([eb('p.uscc', '=', k.toUpperCase()), eb('p.counterpart_name', 'like', likeContains(k))]));
  }
  if (f.status === '公示期满')
    q = q.where('p.status', 'in', ['已公示', '已更新']).where('p.publicity_until', '<', f.today);
  else if (f.status === '逾期') q = q.where('p.status', '=', '待公示').where('p.due_on', '<', f.today);
  else if (f.status) q = q.where('p.status', '=', f.status);
  return q;
}

const listColumns = [
  'p.id',
  'p.kind',
  'p.record_id',
  'p.department_id',
  'd.name as department_name',
  'p.counterpart_name',
  'p.uscc',
  'p.decided_on',
  'p.due_on',
  'p.publicity_until',
  'p.status',
  'p.record_version',
  'p.published_version',
  'p.published_at',
  'p.late',
  'p.withdrawn_reason',
] as const;

export async function pagePublications(db: Db, f: PublicationFilter, limit: number, offset: number) {
  const base = filteredPublications(db, f);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(listColumns)
      .orderBy('p.decided_on', 'desc')
      .orderBy('p.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(total), rows };
}

/** Every filtered publication with its public fields (for the exports), oldest decision first. */
export const exportRows = (db: Db, f: PublicationFilter) =>
  filteredPublications(db, f)
    .where('p.public_fields', 'is not', null)
    .select([...listColumns, 'p.public_fields'])
    .orderBy('p.decided_on')
    .orderBy('p.id')
    .limit(100_000)
    .execute();

export const findPublicationView = (db: Db, id: number) =>
  listBase(db)
    .select([...listColumns, 'p.public_fields'])
    .where('p.id', '=', id)
    .executeTakeFirst();

export const pushesOf = (db: Db, publicationId: number) =>
  db
    .selectFrom('publication_pushes as x')
    .innerJoin('outbound_messages as m', 'm.id', 'x.message_id')
    .select(['x.id', 'x.operation', 'x.version', 'x.created_at', 'm.status', 'm.sent_at', 'm.attempts', 'm.last_error'])
    .where('x.publication_id', '=', publicationId)
    .orderBy('x.id')
    .execute();

/** Per department: awaiting publication past due, published late, and penalties after an inspection collected late. */
export function overdueCounts(db: Db, today: string, departmentId: number | null) {
  let q = db
    .selectFrom('publications as p')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .select([
      'p.department_id',
      sql<string>`coalesce(d.name, '（非本平台部门）')`.as('department_name'),
      sql<number>`count(*) filter (where p.status = '待公示' and p.due_on < ${today})`.as('overdue'),
      sql<number>`count(*) filter (where p.status = '待公示' and (p.due_on >= ${today} or p.due_on is null))`.as(
        'waiting',
      ),
      sql<number>`count(*) filter (where p.late)`.as('late'),
    ])
    .groupBy(['p.department_id', 'd.name'])
    .orderBy('d.name');
  if (departmentId != null) q = q.where('p.department_id', '=', departmentId);
  return q.execute();
}

/** Penalties decided after an inspection's finding (penalty_records.task_id), with their collection date. */
export function taskPenalties(db: Db, f: { taskNo?: string; departmentId?: number | null }) {
  let q = db
    .selectFrom('penalty_records as r')
    .innerJoin('inspection_tasks as t', 't.id', 'r.task_id')
    .leftJoin('departments as d', 'd.id', 'r.department_id')
    .select([
      'r.id',
      'r.task_id',
      't.task_no',
      'r.department_id',
      'd.name as department_name',
      'r.counterpart_name',
      'r.decision_doc_no',
      'r.decided_on',
      'r.received_at',
    ])
    .orderBy('r.decided_on', 'desc')
    .limit(500);
  if (f.taskNo !== undefined) q = q.where('t.task_no', '=', f.taskNo);
  if (f.departmentId != null) q = q.where('r.department_id', '=', f.departmentId);
  return q.execute();
}

/** Case transfers (移送立案查处) of tasks for which no penalty has been collected yet (待归集). */
export function transfersAwaitingPenalty(db: Db, departmentId: number | null) {
  let q = db
    .selectFrom('case_transfers as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select([
      'c.task_id',
      't.task_no',
      'c.department_id',
      'd.name as department_name',
      's.name as subject_name',
      sql<Date>`min(c.transferred_at)`.as('transferred_at'),
    ])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('penalty_records as r').select('r.id').whereRef('r.task_id', '=', 'c.task_id'))),
    )
    .groupBy(['c.task_id', 't.task_no', 'c.department_id', 'd.name', 's.name'])
    .orderBy('transferred_at')
    .limit(500);
  if (departmentId != null) q = q.where('c.department_id', '=', departmentId);
  return q.execute();
}

/** Public search: 已公示 / 已更新 within their publicity period, by name (contains) or credit code (exact). */
export async function searchPublic(
  db: Db,
  q: { kind: PublicationKind; keyword?: string; today: string; limit: number; offset: number },
) {
  let base = db
    .selectFrom('publications as p')
    .where('p.kind', '=', q.kind)
    .where('p.status', 'in', ['已公示', '已更新'])
    .where((eb) => eb.or([eb('p.publicity_until', 'is', null), eb('p.publicity_until', '>=', q.today)]));
  if (q.keyword) {
    const k = q.keyword;
    base = base.where((eb) =>
      eb.or([eb('p.uscc', '=', k.toUpperCase()), eb('p.counterpart_name', 'like', likeContains(k))]),
    );
  }
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(['p.id', 'p.kind', 'p.public_fields', 'p.published_at', 'p.status'])
      .orderBy('p.decided_on', 'desc')
      .orderBy('p.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ]);
  return { total: Number(total), rows };
}

export const findPublic = (db: Db, id: number, today: string) =>
  db
    .selectFrom('publications as p')
    .select(['p.id', 'p.kind', 'p.public_fields', 'p.published_at', 'p.status'])
    .where('p.id', '=', id)
    .where('p.status', 'in', ['已公示', '已更新'])
    .where((eb) => eb.or([eb('p.publicity_until', 'is', null), eb('p.publicity_until', '>=', today)]))
    .executeTakeFirst();

/** Awaiting publication and due within [today, until] or overdue, not yet reminded today: for the reminders. */
export const publicationsToRemind = (db: Db, today: string, until: string) =>
  db
    .selectFrom('publications')
    .select(['id', 'kind', 'department_id', 'counterpart_name', 'due_on'])
    .where('status', '=', '待公示')
    .where('department_id', 'is not', null)
    .where('due_on', '<=', until)
    .where((eb) => eb.or([eb('reminded_on', 'is', null), eb('reminded_on', '<', today)]))
    .limit(5000)
    .execute();

export async function markReminded(trx: Db, ids: number[], today: string): Promise<void> {
  if (ids.length) await trx.updateTable('publications').set({ reminded_on: today }).where('id', 'in', ids).execute();
}

/** Active users of a department who may review and publish (a role granting publicity:record:write). */
export const publisherUsers = (db: Db, departmentId: number) =>
  db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.department_id', '=', departmentId)
    .where('u.status', '=', 'active')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND ${'publicity:record:write'} = ANY(r.permissions))`,
    )
    .execute();
