import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { OverallResult } from './inspection.table';

/**
 * A department's inspection of a task, whichever way it was done: results submitted after the visit
 * (现场) or a 非现场 check recorded by the department. Review, publication and deadlines treat both alike.
 */
export interface DepartmentInspection {
  taskId: number;
  departmentId: number;
  offsite: boolean;
  overall: OverallResult;
  /** When the results reached review (submission, or the off-site record). */
  submittedAt: Date;
  /** The inspection date: the check-in day of the visit, or the day the off-site check was done. */
  inspectedOn: string | null;
}

/** Every department inspection of the given tasks (at most one per task and department). */
export async function departmentInspections(
  db: Db,
  taskIds: readonly number[],
  departmentId?: number,
): Promise<DepartmentInspection[]> {
  if (taskIds.length === 0) return [];
  let site = db
    .selectFrom('inspection_submissions as s')
    .leftJoin('inspection_visits as v', 'v.task_id', 's.task_id')
    .select(['s.task_id', 's.department_id', 's.overall', 's.submitted_at', 'v.checked_in_on'])
    .where('s.task_id', 'in', [...taskIds]);
  let off = db
    .selectFrom('offsite_inspections as o')
    .select(['o.task_id', 'o.department_id', 'o.recorded_at', 'o.conducted_on'])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM offsite_results r WHERE r.task_id = o.task_id AND r.department_id = o.department_id AND r.result = '不符合')`.as(
        'problems',
      ),
    )
    .where('o.task_id', 'in', [...taskIds]);
  if (departmentId !== undefined) {
    site = site.where('s.department_id', '=', departmentId);
    off = off.where('o.department_id', '=', departmentId);
  }
  const [siteRows, offRows] = await Promise.all([site.execute(), off.execute()]);
  return [
    ...siteRows.map((r) => ({
      taskId: Number(r.task_id),
      departmentId: Number(r.department_id),
      offsite: false,
      overall: r.overall,
      submittedAt: new Date(r.submitted_at),
      inspectedOn: r.checked_in_on,
    })),
    ...offRows.map((r) => ({
      taskId: Number(r.task_id),
      departmentId: Number(r.department_id),
      offsite: true,
      overall: (r.problems ? '发现问题' : '符合') as OverallResult,
      submittedAt: new Date(r.recorded_at),
      inspectedOn: r.conducted_on,
    })),
  ];
}
