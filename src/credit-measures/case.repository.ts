import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { CreditMeasureCaseTable, CreditMeasureFeedbackTable, MeasureKind } from './credit-measure.table';
import type { CaseState } from './case.schemas';

/** The next case number of the year, LHJC<year>-<6 digits>, under a transaction lock. */
export async function nextCaseNo(trx: Db, year: number): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('credit_measure_case_no'))`.execute(trx);
  const prefix = `LHJC${year}-`;
  const row = await trx
    .selectFrom('credit_measure_cases')
    .select((eb) => eb.fn.max('case_no').as('last'))
    .where('case_no', 'like', `${prefix}%`)
    .executeTakeFirst();
  const last = row?.last ? Number(String(row.last).slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(6, '0')}`;
}

export const insertCase = async (db: Db, values: Insertable<CreditMeasureCaseTable>): Promise<number> =>
  Number((await db.insertInto('credit_measure_cases').values(values).returning('id').executeTakeFirstOrThrow()).id);

export const insertFeedbacks = (db: Db, rows: Insertable<CreditMeasureFeedbackTable>[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('credit_measure_feedbacks').values(rows).execute();

export const lockCase = (db: Db, id: number) =>
  db.selectFrom('credit_measure_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateCase = (db: Db, id: number, values: Updateable<CreditMeasureCaseTable>) =>
  db.updateTable('credit_measure_cases').set(values).where('id', '=', id).execute();

export const lockFeedback = (db: Db, caseId: number, departmentId: number) =>
  db
    .selectFrom('credit_measure_feedbacks')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('department_id', '=', departmentId)
    .forUpdate()
    .executeTakeFirst();

export const updateFeedback = (db: Db, id: number, values: Updateable<CreditMeasureFeedbackTable>) =>
  db.updateTable('credit_measure_feedbacks').set(values).where('id', '=', id).execute();

export const subjectsByIds = (db: Db, ids: readonly number[]) =>
  db
    .selectFrom('subjects')
    .select(['id', 'name', 'uscc', 'status'])
    .where('id', 'in', [...ids])
    .execute();

export interface CaseFilter {
  /** Cases the department initiated or implements; null: all. */
  departmentId: number | null;
  kind?: MeasureKind;
  measureId?: number;
  state?: CaseState;
  keyword?: string;
  subjectId?: number;
  caseId?: number;
  /** Cases awaiting this department's feedback. */
  awaitingDepartmentId?: number;
  today: string;
  limit: number;
  offset: number;
}

export async function pageCases(db: Db, f: CaseFilter) {
  let q = db
    .selectFrom('credit_measure_cases as c')
    .innerJoin('credit_measures as m', 'm.id', 'c.measure_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .innerJoin('departments as d', 'd.id', 'c.initiating_department_id');
  if (f.departmentId !== null) {
    const dept = f.departmentId;
    q = q.where((eb) =>
      eb.or([
        eb('c.initiating_department_id', '=', dept),
        eb.exists(
          eb
            .selectFrom('credit_measure_feedbacks as f')
            .select('f.id')
            .whereRef('f.case_id', '=', 'c.id')
            .where('f.department_id', '=', dept),
        ),
      ]),
    );
  }
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.measureId) q = q.where('c.measure_id', '=', f.measureId);
  if (f.subjectId) q = q.where('c.subject_id', '=', f.subjectId);
  if (f.caseId) q = q.where('c.id', '=', f.caseId);
  if (f.state === '已解除') q = q.where('c.status', '=', '已解除');
  if (f.state === '实施中') q = q.where('c.status', '=', '实施中').where('c.valid_to', '>=', f.today);
  if (f.state === '已到期') q = q.where('c.status', '=', '实施中').where('c.valid_to', '<', f.today);
  if (f.keyword) {
    const like = likeContains(f.keyword);
    q = q.where((eb) =>
      eb.or([eb('s.name', 'like', like), eb('s.uscc', '=', f.keyword!.toUpperCase()), eb('c.case_no', 'like', like)]),
    );
  }
  if (f.awaitingDepartmentId) {
    const dept = f.awaitingDepartmentId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('credit_measure_feedbacks as f')
          .select('f.id')
          .whereRef('f.case_id', '=', 'c.id')
          .where('f.department_id', '=', dept)
          .where('f.outcome', '=', '待反馈'),
      ),
    );
  }
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q
      .selectAll('c')
      .select(['m.matter', 's.name as subject_name', 's.uscc', 'd.name as initiating_department'])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}
export type CaseListRow = Awaited<ReturnType<typeof pageCases>>['rows'][number];

export const feedbacksOf = (db: Db, caseIds: readonly number[]) =>
  caseIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('credit_measure_feedbacks as f')
        .innerJoin('departments as d', 'd.id', 'f.department_id')
        .leftJoin('users as u', 'u.id', 'f.recorded_by')
        .selectAll('f')
        .select(['d.name as department_name', 'u.name as recorded_by_name'])
        .where('f.case_id', 'in', [...caseIds])
        .orderBy('f.id')
        .execute();

/** Feedback still awaited, with its case (for the overdue list); one department or all. */
export function pendingFeedbacks(db: Db, departmentId: number | null) {
  let q = db
    .selectFrom('credit_measure_feedbacks as f')
    .innerJoin('credit_measure_cases as c', 'c.id', 'f.case_id')
    .innerJoin('credit_measures as m', 'm.id', 'c.measure_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select(['c.id as case_id', 'c.case_no', 's.name as subject_name', 'm.matter', 'd.name as department_name'])
    .select(['f.due_on', 'f.department_id'])
    .where('f.outcome', '=', '待反馈')
    .where('c.status', '=', '实施中');
  if (departmentId !== null) q = q.where('f.department_id', '=', departmentId);
  return q.orderBy('f.due_on').execute();
}

/** Per department: feedback awaited, given, and given late. */
export function feedbackCounts(db: Db, departmentId: number | null) {
  let q = db
    .selectFrom('credit_measure_feedbacks as f')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select([
      'd.name as department_name',
      sql<string>`count(*) FILTER (WHERE f.outcome <> '待反馈')`.as('done'),
      sql<string>`count(*) FILTER (WHERE f.late)`.as('late'),
    ])
    .groupBy('d.name')
    .orderBy('d.name');
  if (departmentId !== null) q = q.where('f.department_id', '=', departmentId);
  return q.execute();
}

/** Cases in force on `onDate` (stored 实施中, within their period), with their measure. */
export function casesInForce(db: Db, onDate: string) {
  return db
    .selectFrom('credit_measure_cases as c')
    .innerJoin('credit_measures as m', 'm.id', 'c.measure_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .where('c.status', '=', '实施中')
    .where('c.valid_from', '<=', onDate)
    .where('c.valid_to', '>=', onDate);
}

/** The users of the departments who record 实施反馈 (credit:measure:apply). */
export async function implementers(db: Db, departmentIds: readonly number[]): Promise<number[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.department_id', 'in', [...departmentIds])
    .where('u.status', '=', 'active')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND 'credit:measure:apply' = ANY(r.permissions))`,
    )
    .execute();
  return rows.map((r) => Number(r.id));
}

/** The subjects among `subjectIds` already under the measure in a case in force on `today`. */
export const casesUnderMeasure = (db: Db, measureId: number, subjectIds: readonly number[], today: string) =>
  db
    .selectFrom('credit_measure_cases as c')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .select(['s.name', 'c.case_no'])
    .where('c.measure_id', '=', measureId)
    .where('c.subject_id', 'in', [...subjectIds])
    .where('c.status', '=', '实施中')
    .where('c.valid_to', '>=', today)
    .execute();
