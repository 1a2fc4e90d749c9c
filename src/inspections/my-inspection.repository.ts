import type { Db } from '../db/database';
import type { TaskStatus } from '../tasks/task-lifecycle';
import { inspectorDepartmentOnTask, taskHasInspector } from '../db/task-members-sql';

/** An inspector's tasks in the given statuses, by visit date (or window start), at most 200. */
export const listInspectorTasks = (db: Db, inspectorId: number, statuses: readonly TaskStatus[]) =>
  db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select([
      't.id',
      't.task_no',
      inspectorDepartmentOnTask('t', inspectorId).as('department_id'),
      't.status',
      't.window_from',
      't.window_to',
      's.name',
      's.business_address',
      'v.visit_on',
      'v.checked_in_on',
    ])
    .where(taskHasInspector('t', inspectorId))
    .where('t.status', 'in', [...statuses])
    .orderBy((eb) => eb.fn.coalesce('v.visit_on', 't.window_from'))
    .orderBy('t.id')
    .limit(200)
    .execute();

/** The departments with items on each of the tasks. */
export const listTaskDepartments = (db: Db, taskIds: readonly number[]) =>
  db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('departments as d', 'd.id', 'ti.department_id')
    .select(['ti.task_id', 'd.id', 'd.name'])
    .distinct()
    .where('ti.task_id', 'in', [...taskIds])
    .orderBy('d.id')
    .execute();
