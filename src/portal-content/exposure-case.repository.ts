import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { ExposureCaseQuery, PublicExposureQuery } from './exposure-case.schemas';
import type { ExposureCaseEventTable, ExposureCaseTable } from './portal-content.table';

const withNames = (db: Db) =>
  db
    .selectFrom('exposure_cases as c')
    .innerJoin('departments as d', 'd.id', 'c.department_id')
    .leftJoin('penalty_records as p', 'p.id', 'c.penalty_record_id')
    .selectAll('c')
    .select(['d.name as department_name', 'p.decision_doc_no as penalty_doc_no']);

export type ExposureCaseFullRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export const findCase = (db: Db, id: number) => withNames(db).where('c.id', '=', id).executeTakeFirst();

export const lockCase = (db: Db, id: number) =>
  db.selectFrom('exposure_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function listCases(db: Db, q: ExposureCaseQuery, scopeDepartmentId: number | null) {
  let base = withNames(db);
  if (scopeDepartmentId !== null) base = base.where('c.department_id', '=', scopeDepartmentId);
  if (q.departmentId) base = base.where('c.department_id', '=', q.departmentId);
  if (q.status) base = base.where('c.status', '=', q.status);
  if (q.q)
    base = base.where((eb) =>
      eb.or([eb('c.title', 'like', likeContains(q.q!)), eb('c.subject_name', 'like', likeContains(q.q!))]),
    );
  const { n } = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { rows, total: Number(n) };
}

export async function listPublicCases(db: Db, q: PublicExposureQuery) {
  let base = withNames(db).where('c.status', '=', '已发布');
  if (q.departmentId) base = base.where('c.department_id', '=', q.departmentId);
  if (q.q)
    base = base.where((eb) =>
      eb.or([
        eb('c.title', 'like', likeContains(q.q!)),
        eb('c.violation', 'like', likeContains(q.q!)),
        eb.and([eb('c.subject_category', '<>', '自然人'), eb('c.subject_name', 'like', likeContains(q.q!))]),
      ]),
    );
  const { n } = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .orderBy('c.decided_on', 'desc')
    .orderBy('c.id', 'desc')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { rows, total: Number(n) };
}

export const caseEvents = (db: Db, caseId: number) =>
  db.selectFrom('exposure_case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/** Serialises the numbering of one year's cases (BGT2026-0001) within the transaction. */
export async function nextCaseNo(trx: Db, year: string): Promise<string> {
  const prefix = `BGT${year}-`;
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${prefix}))`.execute(trx);
  const row = await trx
    .selectFrom('exposure_cases')
    .select('case_no')
    .where('case_no', '>=', `${prefix}0000`)
    .where('case_no', '<=', `${prefix}9999`)
    .orderBy('case_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  const last = row ? Number(row.case_no.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}

export const insertCase = (db: Db, values: Insertable<ExposureCaseTable>) =>
  db.insertInto('exposure_cases').values(values).returning('id').executeTakeFirstOrThrow();

export async function updateCase(db: Db, id: number, values: Updateable<ExposureCaseTable>): Promise<void> {
  await db.updateTable('exposure_cases').set(values).where('id', '=', id).execute();
}

export async function insertCaseEvent(db: Db, values: Insertable<ExposureCaseEventTable>): Promise<void> {
  await db.insertInto('exposure_case_events').values(values).execute();
}

/** Penalty decisions a department may link a case to: those it decided or sent. */
export async function penaltyOptions(db: Db, departmentId: number | null, q: string | undefined) {
  let base = db
    .selectFrom('penalty_records')
    .select([
      'id',
      'decision_doc_no',
      'counterpart_name',
      'counterpart_category',
      'uscc',
      'decided_on',
      'violation_type',
      'violation_facts',
      'legal_basis',
      'content',
      'department_id',
      'sender_department_id',
    ]);
  if (departmentId !== null)
    base = base.where((eb) =>
      eb.or([eb('department_id', '=', departmentId), eb('sender_department_id', '=', departmentId)]),
    );
  if (q)
    base = base.where((eb) =>
      eb.or([eb('counterpart_name', 'like', likeContains(q)), eb('decision_doc_no', 'like', likeContains(q))]),
    );
  return base.orderBy('decided_on', 'desc').orderBy('id', 'desc').limit(50).execute();
}

export const findPenalty = (db: Db, id: number) =>
  db
    .selectFrom('penalty_records')
    .select(['id', 'department_id', 'sender_department_id', 'decision_doc_no'])
    .where('id', '=', id)
    .executeTakeFirst();
