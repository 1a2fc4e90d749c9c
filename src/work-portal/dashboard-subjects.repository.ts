import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { DashboardFilter } from './dashboard-filter';
import { divisionRange } from './dashboard-scope.repository';

const SNAPSHOT = 'subjects';

/** When the subject counts were last taken (null: never). */
export async function subjectSnapshotTime(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('dashboard_snapshots')
    .select('refreshed_at')
    .where('name', '=', SNAPSHOT)
    .executeTakeFirst();
  return row?.refreshed_at ?? null;
}

/**
 * Counts the register again: 存续 subjects grouped by division, the set of their industry sections and their industry
 * risk levels (one scan; a few thousand rows however large the register). Locks the table so that two refreshes never
 * interleave.
 */
export async function replaceSubjectCounts(trx: Db, now: Date): Promise<void> {
  await sql`LOCK TABLE dashboard_subject_counts IN EXCLUSIVE MODE`.execute(trx);
  await trx.deleteFrom('dashboard_subject_counts').execute();
  await sql`
    INSERT INTO dashboard_subject_counts (division_code, sections, industry_risk, subjects)
    SELECT s.division_code, ARRAY(SELECT x FROM unnest(s.industry_scope) AS x WHERE length(x) = 1 ORDER BY x),
           s.industry_risk, count(*)
      FROM subjects s WHERE s.status = '存续'
     GROUP BY 1, 2, 3`.execute(trx);
  await trx
    .insertInto('dashboard_snapshots')
    .values({ name: SNAPSHOT, refreshed_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ refreshed_at: now }))
    .execute();
}

interface Counted {
  key: string;
  name: string | null;
  count: number;
}

/**
 * 存续 subjects by industry section (门类; a subject with industries in two sections counts in each, as the subject
 * list's industry filter finds it in both), by division and by industry risk level, from the hourly counts.
 */
export async function subjectCounts(db: Db, f: DashboardFilter) {
  const inDivision = f.divisionCode ? sql`WHERE c.division_code LIKE ${`${f.divisionCode}%`}` : sql``;
  const result = await sql<Counted & { kind: 'section' | 'division' | 'risk' | 'total' }>`
    WITH c AS (SELECT * FROM dashboard_subject_counts c ${inDivision})
    SELECT 'section' AS kind, sec AS key, i.name, sum(c.subjects)::int AS count
      FROM c CROSS JOIN LATERAL unnest(c.sections) AS sec LEFT JOIN industries i ON i.code = sec
     GROUP BY sec, i.name
    UNION ALL
    SELECT 'division', c.division_code, NULL, sum(c.subjects)::int FROM c GROUP BY c.division_code
    UNION ALL
    SELECT 'risk', coalesce(${riskLevel(f)}, '未评级'), NULL, sum(c.subjects)::int FROM c GROUP BY 2
    UNION ALL
    SELECT 'total', '', NULL, coalesce(sum(c.subjects), 0)::int FROM c`.execute(db);
  const rows = result.rows;
  const of = (kind: string) => rows.filter((r) => r.kind === kind);
  return {
    bySection: of('section').sort((a, b) => a.key.localeCompare(b.key)),
    total: of('total')[0]?.count ?? 0,
    byDivision: of('division').map((r) => ({ key: r.key, count: r.count })),
    byRisk: of('risk').map((r) => ({ level: r.key, count: r.count })),
  };
}

/**
 * A subject's industry risk level: the level the department set, or, over all departments, the highest one (the
 * composite risk takes the highest, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十五条).
 */
function riskLevel(f: DashboardFilter) {
  if (f.departmentName) return sql`(c.industry_risk ->> ${f.departmentName})`;
  return sql`(CASE WHEN c.industry_risk::text LIKE '%"高"%' THEN '高' WHEN c.industry_risk::text LIKE '%"较高"%' THEN '较高'
     WHEN c.industry_risk::text LIKE '%"一般"%' THEN '一般' WHEN c.industry_risk::text LIKE '%"低"%' THEN '低' END)`;
}

export const divisionNames = (db: Db, codes: string[]) =>
  codes.length ? db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', codes).execute() : [];

const divisionOf = (f: DashboardFilter) => (f.divisionCode ? sql`AND ${divisionRange(f.divisionCode)}` : sql``);

/** The latest credit run pushed to the departments, with its class counts (within the division). */
export async function latestPushedCreditRun(db: Db, f: DashboardFilter) {
  const run = await db
    .selectFrom('credit_runs')
    .select(['id', 'run_no', 'period'])
    .where('status', '=', '已推送')
    .orderBy('pushed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return { run: null, byClass: [] };
  const byClass = await sql<{ creditClass: 'A' | 'B' | 'C' | 'D'; count: number }>`
    SELECT r.credit_class AS "creditClass", count(*)::int AS count
      FROM credit_run_results r ${f.divisionCode ? sql`JOIN subjects s ON s.id = r.subject_id` : sql``}
     WHERE r.run_id = ${run.id} ${divisionOf(f)}
     GROUP BY r.credit_class ORDER BY r.credit_class`.execute(db);
  return { run: { id: Number(run.id), runNo: run.run_no, period: run.period }, byClass: byClass.rows };
}
