import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { DepartmentKind } from '../departments/department.table';
import type {
  EvaluationKind,
  PerformanceEvaluationTable,
  PerformanceIndicatorResultTable,
  PerformanceIndicatorVersionTable,
  PerformanceNoticeTable,
  PerformanceScoreTable,
} from './performance.table';

/** The departments that supervise (the ones evaluated): not the platform, joint, credit or supervision offices. */
const evaluatedKinds: DepartmentKind[] = ['登记注册', '许可审批', '行业主管', '综合执法'];

export function evaluatedDepartments(db: Db) {
  return db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('status', '=', 'active')
    .where('kind', 'in', evaluatedKinds)
    .orderBy('id')
    .execute();
}

// Indicator versions

export const listVersions = (db: Db) =>
  db
    .selectFrom('performance_indicator_versions as v')
    .leftJoin('users as c', 'c.id', 'v.created_by')
    .leftJoin('users as p', 'p.id', 'v.published_by')
    .selectAll('v')
    .select(['c.name as created_by_name', 'p.name as published_by_name'])
    .orderBy('v.version', 'desc')
    .execute();

export const findVersion = (db: Db, id: number) =>
  db.selectFrom('performance_indicator_versions').selectAll().where('id', '=', id).executeTakeFirst();

export const lockVersion = (db: Db, id: number) =>
  db.selectFrom('performance_indicator_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** The version evaluations use: the latest published. */
export const currentVersion = (db: Db) =>
  db
    .selectFrom('performance_indicator_versions')
    .selectAll()
    .where('status', '=', '已发布')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export async function nextVersionNumber(trx: Db): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('performance_version'))`.execute(trx);
  const row = await trx
    .selectFrom('performance_indicator_versions')
    .select((eb) => eb.fn.max('version').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export const findDraft = (db: Db) =>
  db.selectFrom('performance_indicator_versions').selectAll().where('status', '=', '草稿').executeTakeFirst();

export async function insertVersion(db: Db, row: Insertable<PerformanceIndicatorVersionTable>): Promise<number> {
  const r = await db.insertInto('performance_indicator_versions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateVersion(db: Db, id: number, patch: Updateable<PerformanceIndicatorVersionTable>) {
  await db.updateTable('performance_indicator_versions').set(patch).where('id', '=', id).execute();
}

// Evaluations

const evaluationColumns = [
  'e.id',
  'e.evaluation_no',
  'e.kind',
  'e.year',
  'e.period_from',
  'e.period_to',
  'e.version_id',
  'e.pass_score',
  'e.status',
  'e.department_count',
  'e.computed_at',
  'e.finished_at',
  'e.report_digest',
] as const;

function evaluations(db: Db) {
  return db
    .selectFrom('performance_evaluations as e')
    .innerJoin('performance_indicator_versions as v', 'v.id', 'e.version_id')
    .leftJoin('users as c', 'c.id', 'e.computed_by')
    .leftJoin('users as f', 'f.id', 'e.finished_by')
    .select(evaluationColumns)
    .select(['v.version', 'c.name as computed_by_name', 'f.name as finished_by_name']);
}
export type EvaluationListRow = Awaited<ReturnType<typeof listEvaluations>>[number];

export const listEvaluations = (db: Db, kind: EvaluationKind, limit: number) =>
  evaluations(db)
    .where('e.kind', '=', kind)
    .orderBy('e.period_to', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();

export const findEvaluation = (db: Db, id: number) => evaluations(db).where('e.id', '=', id).executeTakeFirst();

export const lockEvaluation = (db: Db, id: number) =>
  db.selectFrom('performance_evaluations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findDailyOn = (db: Db, day: string) =>
  db
    .selectFrom('performance_evaluations')
    .select(['id', 'status'])
    .where('kind', '=', '日常')
    .where('period_to', '=', day)
    .executeTakeFirst();

export async function lockAnnual(trx: Db, year: number) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('performance_annual'), ${year}::int)`.execute(trx);
  return trx
    .selectFrom('performance_evaluations')
    .select(['id', 'status'])
    .where('kind', '=', '年度')
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function lockDaily(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('performance_daily'))`.execute(trx);
}

export async function insertEvaluation(db: Db, row: Insertable<PerformanceEvaluationTable>): Promise<number> {
  const r = await db.insertInto('performance_evaluations').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateEvaluation(db: Db, id: number, patch: Updateable<PerformanceEvaluationTable>) {
  await db.updateTable('performance_evaluations').set(patch).where('id', '=', id).execute();
}

/** Clears an unfinished evaluation's results before it is computed again (the trigger refuses it once finished). */
export async function clearResults(db: Db, evaluationId: number): Promise<void> {
  await db.deleteFrom('performance_indicator_results').where('evaluation_id', '=', evaluationId).execute();
  await db.deleteFrom('performance_scores').where('evaluation_id', '=', evaluationId).execute();
}

export async function insertScores(db: Db, rows: Insertable<PerformanceScoreTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('performance_scores').values(rows).execute();
}

export async function insertIndicatorResults(db: Db, rows: Insertable<PerformanceIndicatorResultTable>[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('performance_indicator_results')
      .values(rows.slice(i, i + 500))
      .execute();
}

export const scoresOf = (db: Db, evaluationId: number) =>
  db
    .selectFrom('performance_scores')
    .selectAll()
    .where('evaluation_id', '=', evaluationId)
    .orderBy('rank')
    .orderBy('department_name')
    .execute();

export const indicatorResultsOf = (db: Db, evaluationId: number, departmentId: number) =>
  db
    .selectFrom('performance_indicator_results')
    .selectAll()
    .where('evaluation_id', '=', evaluationId)
    .where('department_id', '=', departmentId)
    .execute();

/** The evaluation row with its stored report. */
export const evaluationRow = (db: Db, id: number) =>
  db.selectFrom('performance_evaluations').selectAll().where('id', '=', id).executeTakeFirst();

/** A department's totals in the latest daily snapshots (its trend), oldest first. */
export const dailyTrend = (db: Db, departmentId: number, limit: number) =>
  db
    .selectFrom('performance_scores as s')
    .innerJoin('performance_evaluations as e', 'e.id', 's.evaluation_id')
    .select(['e.period_to', 's.total', 's.rank'])
    .where('e.kind', '=', '日常')
    .where('s.department_id', '=', departmentId)
    .orderBy('e.period_to', 'desc')
    .limit(limit)
    .execute();

// Notices

export async function lastNoticeNo(trx: Db, year: number): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('performance_notice_no'))`.execute(trx);
  const prefix = `ZGTZ${year}-`;
  const row = await trx
    .selectFrom('performance_notices')
    .select((eb) => eb.fn.max('notice_no').as('last'))
    .where('notice_no', 'like', `${prefix}%`)
    .executeTakeFirst();
  return row?.last ? Number(String(row.last).slice(prefix.length)) : 0;
}

export async function insertNotice(db: Db, row: Insertable<PerformanceNoticeTable>): Promise<number> {
  const r = await db.insertInto('performance_notices').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateNotice(db: Db, id: number, patch: Updateable<PerformanceNoticeTable>) {
  await db.updateTable('performance_notices').set(patch).where('id', '=', id).execute();
}

export const lockNotice = (db: Db, id: number) =>
  db.selectFrom('performance_notices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** The open notice of a department for an evaluation (one at a time). */
export const openNoticeOf = (db: Db, departmentId: number, evaluationId: number) =>
  db
    .selectFrom('performance_notices')
    .select(['id', 'notice_no'])
    .where('department_id', '=', departmentId)
    .where('evaluation_id', '=', evaluationId)
    .where('status', '=', '待整改')
    .executeTakeFirst();

export function listNotices(db: Db, departmentId: number | null, evaluationId: number | null) {
  let q = db
    .selectFrom('performance_notices as n')
    .innerJoin('departments as d', 'd.id', 'n.department_id')
    .leftJoin('performance_evaluations as e', 'e.id', 'n.evaluation_id')
    .selectAll('n')
    .select(['d.name as department_name', 'e.evaluation_no'])
    .orderBy('n.issued_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(500);
  if (departmentId !== null) q = q.where('n.department_id', '=', departmentId);
  if (evaluationId !== null) q = q.where('n.evaluation_id', '=', evaluationId);
  return q.execute();
}
export type NoticeListRow = Awaited<ReturnType<typeof listNotices>>[number];

/** Active users of the department who read its evaluation (its admins): they receive the notice. */
export async function noticeRecipients(db: Db, departmentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.department_id', '=', departmentId)
    .where('u.status', '=', 'active')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND 'performance:read' = ANY(r.permissions))`,
    )
    .execute();
  return rows.map((r) => Number(r.id));
}
