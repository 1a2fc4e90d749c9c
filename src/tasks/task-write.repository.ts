import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionTaskTable } from './task.table';
import type { TaskStatus } from './task-lifecycle';

/** Serialises the numbering of one series within the transaction (two merges at once must not take the same number). */
export async function lockTaskNoSeries(trx: Db, prefix: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(20261204, hashtext(${prefix}))`.execute(trx);
}

/** The highest task number of a series, or null. */
export async function lastTaskNo(trx: Db, prefix: string): Promise<string | null> {
  const row = await trx
    .selectFrom('inspection_tasks')
    .select((eb) => eb.fn.max('task_no').as('last'))
    .where('task_no', 'like', `${prefix}%`)
    .executeTakeFirst();
  return row?.last ? String(row.last) : null;
}

export const findTaskSubject = (trx: Db, subjectId: number) =>
  trx.selectFrom('subjects').select(['id', 'uscc', 'name']).where('id', '=', subjectId).executeTakeFirstOrThrow();

export async function insertTask(trx: Db, values: Insertable<InspectionTaskTable>): Promise<number> {
  const { id } = await trx.insertInto('inspection_tasks').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** The task with its subject's name, its row locked for a status change. */
export const lockTaskForTransition = (trx: Db, taskId: number) =>
  trx
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['t.id', 't.task_no', 't.status', 't.window_from', 't.window_to', 's.name'])
    .where('t.id', '=', taskId)
    .forUpdate('t')
    .executeTakeFirst();

export async function setTaskStatus(
  trx: Db,
  taskId: number,
  status: TaskStatus,
  now: Date,
  mergedIntoTaskId?: number,
): Promise<void> {
  await trx
    .updateTable('inspection_tasks')
    .set({
      status,
      updated_at: now,
      ...(mergedIntoTaskId !== undefined ? { merged_into_task_id: mergedIntoTaskId } : {}),
    })
    .where('id', '=', taskId)
    .execute();
}

/** Sets the status of a draw record's tasks that are in one of `from`; returns how many changed. */
export async function setRecordTasksStatus(
  trx: Db,
  drawRecordId: number,
  from: readonly TaskStatus[],
  status: TaskStatus,
  now: Date,
): Promise<number> {
  const result = await trx
    .updateTable('inspection_tasks')
    .set({ status, updated_at: now })
    .where('draw_record_id', '=', drawRecordId)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
