import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { ResultReviewTable } from './result.table';

/** Whether the department's results on the task have been approved. */
export async function isApproved(db: Db, taskId: number, departmentId: number): Promise<boolean> {
  const row = await db
    .selectFrom('result_reviews')
    .select('id')
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .where('decision', '=', '通过')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertReview(trx: Db, values: Insertable<ResultReviewTable>): Promise<void> {
  await trx.insertInto('result_reviews').values(values).execute();
}

/** The departments whose results on the task are approved. */
export const listApprovedDepartments = (db: Db, taskId: number) =>
  db
    .selectFrom('result_reviews')
    .select('department_id')
    .where('task_id', '=', taskId)
    .where('decision', '=', '通过')
    .execute();

/** Every review of the task, newest first. */
export const listTaskReviews = (db: Db, taskId: number) =>
  db.selectFrom('result_reviews').selectAll().where('task_id', '=', taskId).orderBy('id', 'desc').execute();

/** The approved (task, department) pairs among the tasks. */
export const listApprovals = (db: Db, taskIds: readonly number[]) =>
  db
    .selectFrom('result_reviews')
    .select(['task_id', 'department_id'])
    .where('decision', '=', '通过')
    .where('task_id', 'in', [...taskIds])
    .execute();

export async function departmentName(db: Db, id: number): Promise<string> {
  return (await db.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
}

/** The named departments, by id. */
export const listDepartments = (db: Db, ids: readonly number[]) =>
  db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();

/** Whether the task went through check-in (checked_in_at) or at least got a visit date; undefined without a visit. */
export const findVisitOfTask = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_visits')
    .select(['checked_in_at', 'checked_in_on'])
    .where('task_id', '=', taskId)
    .executeTakeFirst();
