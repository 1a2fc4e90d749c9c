import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { TaskAnnouncementTable } from './task-announcement.table';
import { taskHasDepartment } from '../db/task-members-sql';

/** The record with its round, its row locked so one record is announced once. */
export const lockRecordForAnnouncement = (trx: Db, recordNo: string) =>
  trx
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .select(['r.id', 'r.round_id', 'd.round_no', 'd.title'])
    .where('r.record_no', '=', recordNo)
    .forUpdate('r')
    .executeTakeFirst();

/** The departments with items on the record's tasks. */
export async function listRecordDepartmentIds(db: Db, recordId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('inspection_tasks as t', 't.id', 'ti.task_id')
    .select('ti.department_id')
    .distinct()
    .where('t.draw_record_id', '=', recordId)
    .execute();
  return rows.map((r) => r.department_id);
}

export const findAnnouncement = (db: Db, recordId: number) =>
  db.selectFrom('task_announcements').select('published_at').where('draw_record_id', '=', recordId).executeTakeFirst();

/**
 * Joint tasks (待发布) that absorbed tasks of the record and every other draw they absorbed from is
 * announced already.
 */
export async function listJointTasksReadyToPublish(db: Db, recordId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection_tasks as a')
    .innerJoin('inspection_tasks as m', 'm.id', 'a.merged_into_task_id')
    .select('m.id')
    .distinct()
    .where('a.draw_record_id', '=', recordId)
    .where('m.status', '=', '待发布')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('inspection_tasks as o')
            .select('o.id')
            .whereRef('o.merged_into_task_id', '=', 'm.id')
            .where('o.draw_record_id', '!=', recordId)
            .where((w) =>
              w.not(
                w.exists(
                  w
                    .selectFrom('task_announcements as ta')
                    .select('ta.id')
                    .whereRef('ta.draw_record_id', '=', 'o.draw_record_id'),
                ),
              ),
            ),
        ),
      ),
    )
    .execute();
  return rows.map((m) => Number(m.id));
}

/** How many of the record's tasks were merged into a joint visit (已合并). */
export async function countMergedTasks(db: Db, recordId: number): Promise<number> {
  const { merged } = await db
    .selectFrom('inspection_tasks')
    .select((eb) => eb.fn.countAll<number>().as('merged'))
    .where('draw_record_id', '=', recordId)
    .where('status', '=', '已合并')
    .executeTakeFirstOrThrow();
  return Number(merged);
}

export async function insertAnnouncement(trx: Db, values: Insertable<TaskAnnouncementTable>): Promise<void> {
  await trx.insertInto('task_announcements').values(values).execute();
}

function summaries(db: Db) {
  return db
    .selectFrom('task_announcements as a')
    .innerJoin('draw_records as r', 'r.id', 'a.draw_record_id')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .select((eb) => [
      'a.id',
      'a.title',
      'a.task_count',
      'a.published_at',
      'r.id as record_id',
      'r.record_no',
      'r.round_id',
      'd.round_no',
      'd.year',
      'd.window_from',
      'd.window_to',
      eb
        .exists(
          eb
            .selectFrom('draw_records as later')
            .select('later.id')
            .whereRef('later.round_id', '=', 'r.round_id')
            .whereRef('later.id', '>', 'r.id'),
        )
        .as('superseded'),
    ]);
}

export type SummaryRow = {
  id: number;
  title: string;
  task_count: number;
  published_at: Date;
  record_id: number;
  record_no: string;
  round_no: string;
  year: number;
  window_from: string;
  window_to: string;
  superseded: unknown;
};

export const findSummary = (db: Db, recordNo: string): Promise<SummaryRow | undefined> =>
  summaries(db).where('r.record_no', '=', recordNo).executeTakeFirst();

/** A page of announcements, newest first, with the total; of one year when given. */
export async function pageSummaries(
  db: Db,
  q: { year?: number; limit: number; offset: number },
): Promise<{ total: number; rows: SummaryRow[] }> {
  let base = db
    .selectFrom('task_announcements as a')
    .innerJoin('draw_records as r', 'r.id', 'a.draw_record_id')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id');
  if (q.year) base = base.where('d.year', '=', q.year);
  let page = summaries(db);
  if (q.year) page = page.where('d.year', '=', q.year);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    page.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(q.limit).offset(q.offset).execute(),
  ]);
  return { total: Number(total), rows };
}

/** The departments of each record's tasks. */
export const listRecordsDepartments = (db: Db, recordIds: readonly number[]) =>
  db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('inspection_tasks as t', 't.id', 'ti.task_id')
    .innerJoin('departments as dp', 'dp.id', 'ti.department_id')
    .select(['t.draw_record_id', 'dp.id', 'dp.name'])
    .distinct()
    .where('t.draw_record_id', 'in', [...recordIds])
    .orderBy('dp.id')
    .execute();

function taskFilter(db: Db, recordId: number, f: { keyword?: string; departmentId?: number }) {
  let q = db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .where('t.draw_record_id', '=', recordId);
  if (f.keyword)
    q = q.where((eb) =>
      eb.or([eb('s.name', 'like', likeContains(f.keyword!)), eb('t.uscc', '=', f.keyword!.toUpperCase())]),
    );
  if (f.departmentId) {
    const departmentId = f.departmentId;
    q = q.where(taskHasDepartment('t', departmentId));
  }
  return q;
}

/** Only the public columns: name, USCC, window, status. */
const taskColumns = ['t.id', 't.task_no', 's.name', 't.uscc', 't.window_from', 't.window_to', 't.status'] as const;

export interface PublicTaskRow {
  id: number;
  task_no: string;
  name: string;
  uscc: string;
  window_from: string;
  window_to: string;
  status: string;
}

/** A page of the record's tasks in task order, with the total, filtered by keyword and department. */
export async function pageRecordTasks(
  db: Db,
  recordId: number,
  f: { keyword?: string; departmentId?: number; limit: number; offset: number },
): Promise<{ total: number; rows: PublicTaskRow[] }> {
  const base = taskFilter(db, recordId, f);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select([...taskColumns])
      .orderBy('t.task_no')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { total: Number(total), rows };
}

/** The record's next tasks after a task number, in task order. */
export const listRecordTasksAfter = (
  db: Db,
  recordId: number,
  after: string,
  limit: number,
): Promise<PublicTaskRow[]> =>
  taskFilter(db, recordId, {})
    .select([...taskColumns])
    .where('t.task_no', '>', after)
    .orderBy('t.task_no')
    .limit(limit)
    .execute();

/** The tasks' items with their departments' names, by department and item code. */
export const listTasksItems = (db: Db, taskIds: readonly number[]) =>
  db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('departments as d', 'd.id', 'ti.department_id')
    .select(['ti.task_id', 'ti.department_id', 'd.name', 'ti.item_code', 'ti.item_name'])
    .where('ti.task_id', 'in', [...taskIds])
    .orderBy('ti.department_id')
    .orderBy('ti.item_code')
    .execute();

/** The departments with items on the record's tasks, for the filter. */
export const listRecordDepartmentOptions = (db: Db, recordId: number) =>
  db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('inspection_tasks as t', 't.id', 'ti.task_id')
    .innerJoin('departments as d', 'd.id', 'ti.department_id')
    .select(['d.id', 'd.name'])
    .distinct()
    .where('t.draw_record_id', '=', recordId)
    .orderBy('d.id')
    .execute();
