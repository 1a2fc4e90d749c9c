import type { Db } from '../db/database';

// The scope is the task list's (data scope 本部门: a task with an item of the department; null: every task).

/** The draw rounds with a task the scope may see, newest first. */
export const roundsWithTasks = (db: Db, departmentId: number | null) =>
  db
    .selectFrom('draw_rounds as rd')
    .select(['rd.round_no', 'rd.title', 'rd.year'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('draw_records as dr')
          .innerJoin('inspection_tasks as t', 't.draw_record_id', 'dr.id')
          .select('t.id')
          .whereRef('dr.round_id', '=', 'rd.id')
          .$if(departmentId !== null, (q) =>
            q.where((e) =>
              e.exists(
                e
                  .selectFrom('inspection_task_items as ti')
                  .select('ti.task_id')
                  .whereRef('ti.task_id', '=', 't.id')
                  .where('ti.department_id', '=', departmentId!),
              ),
            ),
          ),
      ),
    )
    .orderBy('rd.year', 'desc')
    .orderBy('rd.id', 'desc')
    .execute();

/** The special plans with a task the scope may see, newest first. */
export const specialPlansWithTasks = (db: Db, departmentId: number | null) =>
  db
    .selectFrom('special_plans as sp')
    .select(['sp.id', 'sp.title'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('inspection_tasks as t')
          .select('t.id')
          .whereRef('t.special_plan_id', '=', 'sp.id')
          .$if(departmentId !== null, (q) =>
            q.where((e) =>
              e.exists(
                e
                  .selectFrom('inspection_task_items as ti')
                  .select('ti.task_id')
                  .whereRef('ti.task_id', '=', 't.id')
                  .where('ti.department_id', '=', departmentId!),
              ),
            ),
          ),
      ),
    )
    .orderBy('sp.id', 'desc')
    .execute();
