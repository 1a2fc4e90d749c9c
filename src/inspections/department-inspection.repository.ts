import { sql } from 'kysely';
import type { Db } from '../db/database';

/** Submitted on-site results of the tasks, with the visit's check-in day. */
export function listSubmittedInspections(db: Db, taskIds: readonly number[], departmentId?: number) {
  let q = db
    .selectFrom('inspection_submissions as s')
    .leftJoin('inspection_visits as v', 'v.task_id', 's.task_id')
    .select(['s.task_id', 's.department_id', 's.overall', 's.submitted_at', 'v.checked_in_on'])
    .where('s.task_id', 'in', [...taskIds]);
  if (departmentId !== undefined) q = q.where('s.department_id', '=', departmentId);
  return q.execute();
}

/** Recorded off-site checks of the tasks, with whether any of their results is 不符合. */
export function listOffsiteInspections(db: Db, taskIds: readonly number[], departmentId?: number) {
  let q = db
    .selectFrom('offsite_inspections as o')
    .select(['o.task_id', 'o.department_id', 'o.recorded_at', 'o.conducted_on'])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM offsite_results r WHERE r.task_id = o.task_id AND r.department_id = o.department_id AND r.result = '不符合')`.as(
        'problems',
      ),
    )
    .where('o.task_id', 'in', [...taskIds]);
  if (departmentId !== undefined) q = q.where('o.department_id', '=', departmentId);
  return q.execute();
}
