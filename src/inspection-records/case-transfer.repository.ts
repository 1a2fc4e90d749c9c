import type { Db } from '../db/database';

/** A check item's result on site, else off site (with the department that recorded it), or undefined. */
export async function findCheckResult(db: Db, taskId: number, checkItemId: number) {
  const site = await db
    .selectFrom('inspection_results')
    .select(['department_id', 'result', 'notes'])
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .executeTakeFirst();
  if (site) return site;
  return db
    .selectFrom('offsite_results')
    .select(['department_id', 'result', 'notes'])
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .executeTakeFirst();
}

export async function photoIdsOf(db: Db, taskId: number, checkItemId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection_photos')
    .select('id')
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .orderBy('id')
    .execute();
  return rows.map((p) => Number(p.id));
}

export async function isTransferred(db: Db, taskId: number, checkItemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('case_transfers')
    .select('id')
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The task's transfers with department and check content (only one department's, when given), in order. */
export function transfersOfTask(db: Db, taskId: number, departmentId: number | null) {
  return db
    .selectFrom('case_transfers as x')
    .innerJoin('departments as d', 'd.id', 'x.department_id')
    .innerJoin('check_items as c', 'c.id', 'x.check_item_id')
    .select([
      'x.id',
      'x.transfer_no',
      'x.kind',
      'x.department_id',
      'd.name as department_name',
      'x.check_item_id',
      'c.content',
      'x.target_unit',
      'x.reason',
      'x.result',
      'x.result_notes',
      'x.photo_ids',
      'x.status',
      'x.outcome',
      'x.transferred_by_name',
      'x.transferred_at',
    ])
    .where('x.task_id', '=', taskId)
    .$if(departmentId !== null, (q) => q.where('x.department_id', '=', departmentId!))
    .orderBy('x.id')
    .execute();
}

/** Where each of the task's transferred findings went. */
export const transferTargetsOfTask = (db: Db, taskId: number) =>
  db.selectFrom('case_transfers').select(['check_item_id', 'target_unit']).where('task_id', '=', taskId).execute();

export async function subjectOfTask(db: Db, taskId: number): Promise<number | null> {
  const row = await db.selectFrom('inspection_tasks').select('subject_id').where('id', '=', taskId).executeTakeFirst();
  return row ? Number(row.subject_id) : null;
}
