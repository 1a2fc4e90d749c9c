import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { TaskStatus } from '../tasks/task-lifecycle';
import type { DashboardFilter } from './dashboard-filter';

/**
 * The tasks the dashboard counts, as the task list filters them: the check window overlaps the period, the task has an
 * item of the department (when one is set), the subject lies in the division; voided and merged tasks are not visits.
 */
const taskScope = (f: DashboardFilter) => sql`
  t.window_to >= ${f.from}::date AND t.window_from <= ${f.to}::date
  AND t.status NOT IN ('已作废', '已合并')
  ${
    f.departmentId === null
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM inspection_task_items x WHERE x.task_id = t.id AND x.department_id = ${f.departmentId})`
  }
  ${
    f.divisionCode
      ? sql`AND EXISTS (SELECT 1 FROM subjects s WHERE s.id = t.subject_id AND s.division_code LIKE ${`${f.divisionCode}%`})`
      : sql``
  }`;

/** Tasks per department and status (a joint task counts for each of its departments). */
export async function tasksByDepartment(db: Db, f: DashboardFilter) {
  const result = await sql<{ department_id: number; status: TaskStatus; count: number }>`
    SELECT d.department_id, t.status, count(*)::int AS count
      FROM inspection_tasks t
      JOIN (SELECT DISTINCT task_id, department_id FROM inspection_task_items) d ON d.task_id = t.id
     WHERE ${taskScope(f)} ${f.departmentId === null ? sql`` : sql`AND d.department_id = ${f.departmentId}`}
     GROUP BY d.department_id, t.status`.execute(db);
  return result.rows;
}

/** Per month of the period: the tasks whose check window overlaps it, and how many of them are inspected. */
export async function tasksByMonth(db: Db, f: DashboardFilter) {
  const result = await sql<{ month: string; tasks: number; done: number }>`
    SELECT to_char(m.start, 'YYYY-MM') AS month, count(t.id)::int AS tasks,
           (count(t.id) FILTER (WHERE t.status IN ('已检查', '已办结')))::int AS done
      FROM generate_series(${f.from}::date, ${f.to}::date, interval '1 month') AS m(start)
      LEFT JOIN inspection_tasks t
        ON t.window_from <= (m.start + interval '1 month' - interval '1 day')::date AND t.window_to >= m.start::date
       AND ${taskScope(f)}
     GROUP BY m.start ORDER BY m.start`.execute(db);
  return result.rows;
}

/**
 * Per task source: the tasks, the joint ones (items of two or more departments: one visit instead of several, 进一次门、
 * 查多项事) and the visits they saved (departments − 1 each).
 */
export async function jointTasks(db: Db, f: DashboardFilter) {
  const result = await sql<{ source: string; tasks: number; done: number; joint: number; saved: number }>`
    SELECT t.source, count(*)::int AS tasks, (count(*) FILTER (WHERE t.status IN ('已检查', '已办结')))::int AS done,
           (count(*) FILTER (WHERE n.departments > 1))::int AS joint,
           coalesce(sum(n.departments - 1), 0)::int AS saved
      FROM inspection_tasks t
      JOIN (SELECT task_id, count(DISTINCT department_id) AS departments FROM inspection_task_items GROUP BY task_id) n
        ON n.task_id = t.id
     WHERE ${taskScope(f)}
     GROUP BY t.source ORDER BY t.source`.execute(db);
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
