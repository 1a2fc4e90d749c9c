import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { TaskStaffingTable } from './task.table';

/** Each department's items on the task with the inspector requirements of their sampling items (if any). */
export const taskItemRequirementRows = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_task_items as ti')
    .leftJoin('sampling_items as si', (j) =>
      j.onRef('si.code', '=', 'ti.item_code').onRef('si.department_id', '=', 'ti.department_id'),
    )
    .select(['ti.department_id', 'ti.item_code', 'si.inspector_requirements'])
    .where('ti.task_id', '=', taskId)
    .orderBy('ti.department_id')
    .orderBy('ti.item_code')
    .execute();

export const findStaffingTaskRow = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_tasks')
    .select(['id', 'task_no', 'subject_id', 'uscc', 'window_from', 'window_to'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();

export async function taskIdOf(db: Db, taskNo: string): Promise<number> {
  const row = await db
    .selectFrom('inspection_tasks')
    .select('id')
    .where('task_no', '=', taskNo)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The head of the audit chain (its latest hash), or null for an empty chain. */
export async function auditChainHead(db: Db): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.hash ?? null;
}

/** How many staffings the task has had. */
export async function staffingCount(db: Db, taskNo: string): Promise<number> {
  const row = await db
    .selectFrom('task_staffings as s')
    .innerJoin('inspection_tasks as t', 't.id', 's.task_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.task_no', '=', taskNo)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const departmentRows = (db: Db, ids?: readonly number[]) =>
  db
    .selectFrom('departments')
    .select(['id', 'name'])
    .$if(ids !== undefined, (q) => q.where('id', 'in', [...ids!]))
    .execute();

/** The inspectors on the task (of one department, when given). */
export async function inspectorsOnTask(
  db: Db,
  taskId: number,
  departmentId?: number,
): Promise<{ inspectorId: number; departmentId: number }[]> {
  const rows = await db
    .selectFrom('inspection_task_inspectors')
    .select(['inspector_id', 'department_id'])
    .where('task_id', '=', taskId)
    .$if(departmentId !== undefined, (q) => q.where('department_id', '=', departmentId!))
    .execute();
  return rows.map((r) => ({ inspectorId: Number(r.inspector_id), departmentId: Number(r.department_id) }));
}

export async function setUnstaffedReason(trx: Db, taskId: number, reason: string | null, now: Date): Promise<void> {
  await trx
    .updateTable('inspection_tasks')
    .set({ unstaffed_reason: reason, updated_at: now })
    .where('id', '=', taskId)
    .execute();
}

export async function setTaskWindow(
  trx: Db,
  taskId: number,
  window: { from: string; to: string },
  now: Date,
): Promise<void> {
  await trx
    .updateTable('inspection_tasks')
    .set({ window_from: window.from, window_to: window.to, updated_at: now })
    .where('id', '=', taskId)
    .execute();
}

export async function insertStaffing(trx: Db, values: Insertable<TaskStaffingTable>): Promise<void> {
  await trx.insertInto('task_staffings').values(values).execute();
}

export const staffingHistory = (db: Db, taskId: number) =>
  db.selectFrom('task_staffings').selectAll().where('task_id', '=', taskId).orderBy('id').execute();

/** The user accounts of the inspectors (those that have one). */
export async function userIdsOfInspectors(db: Db, inspectorIds: readonly number[]): Promise<number[]> {
  if (inspectorIds.length === 0) return [];
  const rows = await db
    .selectFrom('inspectors')
    .select('user_id')
    .where('id', 'in', [...inspectorIds])
    .where('user_id', 'is not', null)
    .execute();
  return rows.map((u) => Number(u.user_id));
}

/** The department's off-site check date on the task, if it made one. */
export async function offsiteCheckedOn(db: Db, taskId: number, departmentId?: number): Promise<string | null> {
  const row = await db
    .selectFrom('offsite_inspections')
    .select('conducted_on')
    .where('task_id', '=', taskId)
    .$if(departmentId !== undefined, (q) => q.where('department_id', '=', departmentId!))
    .executeTakeFirst();
  return row ? row.conducted_on : null;
}

export async function hasInspectionNotice(db: Db, taskId: number): Promise<boolean> {
  const row = await db.selectFrom('inspection_codes').select('id').where('task_id', '=', taskId).executeTakeFirst();
  return row !== undefined;
}
