import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { DashboardFilter } from './dashboard-filter';

const divisionOf = (f: DashboardFilter, alias = 's') =>
  f.divisionCode ? sql`AND ${sql.ref(`${alias}.division_code`)} LIKE ${`${f.divisionCode}%`}` : sql``;

interface Counted {
  key: string;
  name: string | null;
  count: number;
}

/**
 * 存续 subjects by industry section (门类; a subject with industries in two sections counts in each, as the subject
 * list's industry filter finds it in both) and by division code, in one pass each.
 */
export async function subjectCounts(db: Db, f: DashboardFilter) {
  const [sections, grouped] = await Promise.all([
    sql<Counted>`
      SELECT sec AS key, i.name, count(*)::int AS count
        FROM subjects s CROSS JOIN LATERAL unnest(s.industry_scope) AS sec
        LEFT JOIN industries i ON i.code = sec
       WHERE s.status = '存续' AND length(sec) = 1 ${divisionOf(f)}
       GROUP BY sec, i.name ORDER BY sec`.execute(db),
    // One scan for the total, the divisions and the industry risk levels (GROUPING SETS).
    sql<{ division_code: string | null; risk: string | null; g: number; count: number }>`
      SELECT x.division_code, x.risk, GROUPING(x.division_code, x.risk)::int AS g, count(*)::int AS count
        FROM (SELECT s.division_code, ${riskLevel(f)} AS risk FROM subjects s WHERE s.status = '存续' ${divisionOf(f)}) x
       GROUP BY GROUPING SETS ((x.division_code), (x.risk), ())`.execute(db),
  ]);
  const rows = grouped.rows;
  return {
    bySection: sections.rows,
    total: rows.find((r) => r.g === 3)?.count ?? 0,
    byDivision: rows.filter((r) => r.g === 1).map((r) => ({ key: r.division_code!, count: r.count })),
    byRisk: rows.filter((r) => r.g === 2).map((r) => ({ level: r.risk ?? '未评级', count: r.count })),
  };
}

/**
 * A subject's industry risk level: the level the department set, or, over all departments, the highest one (the
 * composite risk takes the highest, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十五条). Matched on the JSON text so
 * that one scan serves a million subjects.
 */
function riskLevel(f: DashboardFilter) {
  if (f.departmentName) return sql`(s.industry_risk ->> ${f.departmentName})`;
  return sql`(CASE WHEN s.industry_risk::text LIKE '%"高"%' THEN '高' WHEN s.industry_risk::text LIKE '%"较高"%' THEN '较高'
     WHEN s.industry_risk::text LIKE '%"一般"%' THEN '一般' WHEN s.industry_risk::text LIKE '%"低"%' THEN '低' END)`;
}

export const divisionNames = (db: Db, codes: string[]) =>
  codes.length ? db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', codes).execute() : [];

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
