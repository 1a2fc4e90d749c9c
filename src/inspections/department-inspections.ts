import type { Db } from '../db/database';
import type { OverallResult } from './inspection.table';
import { listOffsiteInspections, listSubmittedInspections } from './department-inspection.repository';

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
  const [siteRows, offRows] = await Promise.all([
    listSubmittedInspections(db, taskIds, departmentId),
    listOffsiteInspections(db, taskIds, departmentId),
  ]);
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
