import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { TaskStatus } from '../tasks/task-lifecycle';
import type { DashboardFilter } from './dashboard-filter';
import { divisionRange } from './dashboard-scope.repository';
import { taskHasDepartment } from '../db/task-members-sql';

/**
 * The tasks the dashboard counts, as the task list filters them: the check window overlaps the period, the task has an
 * item of the department (when one is set), the subject lies in the division; voided and merged tasks are not visits.
 */
const taskScope = (f: DashboardFilter) => sql`
  t.window_to >= ${f.from}::date AND t.window_from <= ${f.to}::date
  AND t.status NOT IN ('已作废', '已合并')
  ${f.departmentId === null ? sql`` : sql`AND ${taskHasDepartment('t', f.departmentId)}`}
  ${f.divisionCode ? sql`AND t.subject_id IN (SELECT s.id FROM subjects s WHERE ${divisionRange(f.divisionCode)})` : sql``}`;

/**
 * The tasks per department, status and source, with the number of departments of each task (one scan of the tasks):
 * a task with items of n departments comes once per department, n > 1 is a joint task (one visit instead of n, 进一次门、
 * 查多项事). With a department set, only its rows.
 */
export async function tasksByDepartment(db: Db, f: DashboardFilter) {
  const result = await sql<{
    department_id: number;
    status: TaskStatus;
    source: string;
    departments: number;
    count: number;
  }>`
    SELECT d.department_id, t.status, t.source, cardinality(u.ids) AS departments, count(*)::int AS count
      FROM inspection_tasks t
      CROSS JOIN LATERAL (SELECT array_agg(DISTINCT e) AS ids FROM unnest(t.item_department_ids) AS e) u
      CROSS JOIN LATERAL unnest(u.ids) AS d (department_id)
     WHERE ${taskScope(f)} ${f.departmentId === null ? sql`` : sql`AND d.department_id = ${f.departmentId}`}
     GROUP BY 1, 2, 3, 4`.execute(db);
  return result.rows;
}

/**
 * The tasks by the first and last month of the period their check window overlaps, and whether they are inspected:
 * one scan; the service spreads each row over its months.
 */
export async function taskMonthSpans(db: Db, f: DashboardFilter) {
  const result = await sql<{ first_month: string; last_month: string; done: boolean; count: number }>`
    SELECT to_char(greatest(t.window_from, ${f.from}::date), 'YYYY-MM') AS first_month,
           to_char(least(t.window_to, ${f.to}::date), 'YYYY-MM') AS last_month,
           t.status IN ('已检查', '已办结') AS done, count(*)::int AS count
      FROM inspection_tasks t
     WHERE ${taskScope(f)}
     GROUP BY 1, 2, 3`.execute(db);
  return result.rows;
}

/** Merge proposals (合并入企建议) carried out in the period, for the department when one is set. */
export async function mergedProposals(db: Db, f: DashboardFilter) {
  const result = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM merge_proposals p
     WHERE p.status = '已合并' AND p.window_to >= ${f.from}::date AND p.window_from <= ${f.to}::date
     ${
       f.departmentId === null
         ? sql``
         : sql`AND EXISTS (SELECT 1 FROM merge_proposal_parties x WHERE x.proposal_id = p.id AND x.department_id = ${f.departmentId})`
     }`.execute(db);
  return result.rows[0]?.count ?? 0;
}

/** Entries per department in the year's latest published annual plan (年度日常检查计划), returned ones left out. */
export async function planEntries(db: Db, year: number, departmentId: number | null) {
  const result = await sql<{ department_id: number; count: number }>`
    SELECT e.department_id, count(*)::int AS count
      FROM annual_plan_entries e
     WHERE e.status <> '已退回'
       AND e.plan_id = (SELECT id FROM annual_plans WHERE year = ${year} AND status = '已公布'
                         ORDER BY revision DESC LIMIT 1)
       ${departmentId === null ? sql`` : sql`AND e.department_id = ${departmentId}`}
     GROUP BY e.department_id`.execute(db);
  return result.rows;
}

export const departmentList = (db: Db) => db.selectFrom('departments').select(['id', 'name']).orderBy('id').execute();
