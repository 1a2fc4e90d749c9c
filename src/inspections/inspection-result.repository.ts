import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionPhotoTable, InspectionResultTable, InspectionSubmissionTable } from './inspection.table';

/** Whether the department has submitted its results on the task. */
export async function hasSubmitted(db: Db, taskId: number, departmentId: number): Promise<boolean> {
  const row = await db
    .selectFrom('inspection_submissions')
    .select('task_id')
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The department's off-site check of the task, if it recorded one. */
export const findOffsiteCheck = (db: Db, taskId: number, departmentId: number) =>
  db
    .selectFrom('offsite_inspections')
    .select('conducted_on')
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();

export const findResult = (db: Db, taskId: number, checkItemId: number) =>
  db
    .selectFrom('inspection_results')
    .select(['result', 'notes'])
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .executeTakeFirst();

export async function insertResult(trx: Db, values: Insertable<InspectionResultTable>): Promise<void> {
  await trx.insertInto('inspection_results').values(values).execute();
}

export async function updateResult(
  trx: Db,
  taskId: number,
  checkItemId: number,
  values: Updateable<InspectionResultTable>,
): Promise<void> {
  await trx
    .updateTable('inspection_results')
    .set(values)
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .execute();
}

export const listDepartmentResults = (db: Db, taskId: number, departmentId: number) =>
  db
    .selectFrom('inspection_results')
    .select(['check_item_id', 'result', 'notes'])
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .execute();

export async function insertPhoto(trx: Db, values: Insertable<InspectionPhotoTable>): Promise<number> {
  const row = await trx.insertInto('inspection_photos').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A photo with the number of the task it belongs to. */
export const findPhoto = (db: Db, id: number) =>
  db
    .selectFrom('inspection_photos as p')
    .innerJoin('inspection_tasks as t', 't.id', 'p.task_id')
    .select(['t.task_no', 'p.content_type', 'p.data'])
    .where('p.id', '=', id)
    .executeTakeFirst();

export async function insertSubmission(trx: Db, values: Insertable<InspectionSubmissionTable>): Promise<void> {
  await trx.insertInto('inspection_submissions').values(values).execute();
}

export async function deleteSubmission(trx: Db, taskId: number, departmentId: number): Promise<void> {
  await trx
    .deleteFrom('inspection_submissions')
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .execute();
}

export const listTaskResults = (db: Db, taskId: number) =>
  db.selectFrom('inspection_results').selectAll().where('task_id', '=', taskId).execute();

export const listTaskPhotos = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_photos')
    .select(['id', 'check_item_id', 'file_name', 'size'])
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();

/** Each department's submission with the name of the inspector who submitted it. */
export const listTaskSubmissions = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_submissions as s')
    .innerJoin('inspectors as i', 'i.id', 's.submitted_by')
    .select([
      's.department_id',
      's.overall',
      's.feedback_promised_on',
      's.submitted_at',
      's.due_on',
      's.late',
      'i.name',
    ])
    .where('s.task_id', '=', taskId)
    .execute();
