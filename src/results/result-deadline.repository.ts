import { sql } from 'kysely';
import type { Db } from '../db/database';
import { inspectedOnSql } from '../tasks/task-dates';
import type { TaskStatus } from '../tasks/task-lifecycle';

/**
 * Open tasks someone has inspected, one row per task and department (restricted to `departmentId`
 * when given), by inspection date; the inspection date is src/tasks/task-dates.ts's.
 */
export function listInspectedOpenTasks(db: Db, departmentId: number | null) {
  let open = db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .innerJoin('inspection_task_items as ti', 'ti.task_id', 't.id')
    .select(['t.id', 't.task_no', 's.name', 'ti.department_id', sql<string>`${inspectedOnSql}`.as('checked_in_on')])
    .distinct()
    .where('t.status', 'in', ['已发布', '已排期', '检查中', '已检查'] satisfies TaskStatus[])
    .where(sql<boolean>`${inspectedOnSql} IS NOT NULL`);
  if (departmentId !== null) open = open.where('ti.department_id', '=', departmentId);
  return open.orderBy('checked_in_on').orderBy('t.id').limit(5000).execute();
}

/** Results published after their deadline, one row per task and department, latest deadline first. */
export function listPublishedLate(db: Db, departmentId: number | null) {
  let late = db
    .selectFrom('published_results as p')
    .innerJoin('inspection_task_items as ti', 'ti.task_id', 'p.task_id')
    .select(['p.task_no', 'p.subject_name', 'p.inspected_on', 'p.publish_due_on', 'ti.department_id'])
    .distinct()
    .where('p.late', '=', true)
    .orderBy('p.publish_due_on', 'desc')
    .limit(1000);
  if (departmentId !== null) late = late.where('ti.department_id', '=', departmentId);
  return late.execute();
}
