import type { Db } from '../db/database';

export const findOffsiteRecord = (db: Db, taskId: number, departmentId: number) =>
  db
    .selectFrom('offsite_inspections')
    .select(['method', 'data_source', 'conducted_on', 'recorded_by', 'recorded_by_name'])
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .executeTakeFirstOrThrow();

export const listOffsiteRecordResults = (db: Db, taskId: number, departmentId: number) =>
  db
    .selectFrom('offsite_results')
    .select(['check_item_id', 'item_code', 'result', 'notes'])
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .orderBy('check_item_id')
    .execute();

/** Deletes the department's off-site record of the task with its results. */
export async function deleteOffsiteRecord(trx: Db, taskId: number, departmentId: number): Promise<void> {
  await trx
    .deleteFrom('offsite_results')
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .execute();
  await trx
    .deleteFrom('offsite_inspections')
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .execute();
}
