import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { OffsiteInspectionTable, OffsiteResultTable } from './inspection-record.table';

/** The task's id by number, or null. */
export async function findTaskId(db: Db, taskNo: string): Promise<number | null> {
  const row = await db.selectFrom('inspection_tasks').select('id').where('task_no', '=', taskNo).executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** The task's status and window start, its row locked for the write. */
export const lockTaskForOffsite = (trx: Db, taskNo: string) =>
  trx
    .selectFrom('inspection_tasks')
    .select(['id', 'status', 'window_from'])
    .where('task_no', '=', taskNo)
    .forUpdate()
    .executeTakeFirstOrThrow();

/** Whether the department submitted on-site results for the task. */
export const findOffsiteInspection = (db: Db, taskId: number, departmentId: number) =>
  db
    .selectFrom('offsite_inspections')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();

export async function insertOffsiteInspection(
  trx: Db,
  inspection: Insertable<OffsiteInspectionTable>,
  results: Insertable<OffsiteResultTable>[],
): Promise<void> {
  await trx.insertInto('offsite_inspections').values(inspection).execute();
  await trx.insertInto('offsite_results').values(results).execute();
}

export const offsiteResultsOf = (db: Db, taskId: number, departmentId: number) =>
  db
    .selectFrom('offsite_results')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .orderBy('item_code')
    .orderBy('check_item_id')
    .execute();

/** The task's off-site results, of every department. */
export const offsiteResultsOfTask = (db: Db, taskId: number) =>
  db.selectFrom('offsite_results').select(['check_item_id', 'result', 'notes']).where('task_id', '=', taskId).execute();

/** The departments that checked the task off site, with the date. */
export const offsiteInspectionsOfTask = (db: Db, taskId: number) =>
  db
    .selectFrom('offsite_inspections')
    .select(['department_id', 'conducted_on'])
    .where('task_id', '=', taskId)
    .execute();
