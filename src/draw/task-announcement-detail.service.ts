import type { Db } from '../db/database';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { offsetOf } from '../shared/paging';
import type { AnnouncementSummary, AnnouncementTaskQuery, PublicTask } from './task-announcement.schemas';
import {
  findSummary,
  listRecordDepartmentOptions,
  listRecordsDepartments,
  listRecordTasksAfter,
  listTasksItems,
  pageRecordTasks,
  type PublicTaskRow,
  type SummaryRow,
} from './task-announcement.repository';

export async function present(db: Db, rows: SummaryRow[]): Promise<AnnouncementSummary[]> {
  if (rows.length === 0) return [];
  const departments = await listRecordsDepartments(
    db,
    rows.map((r) => r.record_id),
  );
  return rows.map((r) => ({
    recordNo: r.record_no,
    roundNo: r.round_no,
    title: r.title,
    year: r.year,
    window: { from: r.window_from, to: r.window_to },
    taskCount: r.task_count,
    departments: departments.filter((d) => d.draw_record_id === r.record_id).map((d) => d.name),
    publishedAt: r.published_at.toISOString(),
    superseded: r.superseded === true || r.superseded === 1 || r.superseded === 't',
  }));
}

async function summaryRow(db: Db, recordNo: string): Promise<SummaryRow> {
  const row = await findSummary(db, recordNo);
  if (!row) throw notFound(`抽取记录 ${recordNo} 的任务公告`);
  return row;
}

export async function announcementSummary(db: Db, recordNo: string): Promise<AnnouncementSummary> {
  return (await present(db, [await summaryRow(db, recordNo)]))[0]!;
}

/** Only the public columns: name, USCC, window, status, departments and items. */
async function publicTasks(db: Db, rows: PublicTaskRow[]): Promise<PublicTask[]> {
  if (rows.length === 0) return [];
  const items = await listTasksItems(
    db,
    rows.map((r) => r.id),
  );
  const byTask = new Map<number, PublicTask['departments']>();
  for (const it of items) {
    let departments = byTask.get(it.task_id);
    if (!departments) byTask.set(it.task_id, (departments = []));
    let d = departments.find((x) => x.id === it.department_id);
    if (!d) departments.push((d = { id: it.department_id, name: it.name, items: [] }));
    d.items.push({ code: it.item_code, name: it.item_name });
  }
  return rows.map((r) => ({
    taskNo: r.task_no,
    subjectName: r.name,
    uscc: r.uscc,
    window: { from: r.window_from, to: r.window_to },
    status: r.status,
    departments: byTask.get(r.id) ?? [],
  }));
}

/** One announcement with its tasks, paged (public). */
export async function announcementDetail(deps: AppDeps, recordNo: string, query: AnnouncementTaskQuery) {
  const row = await summaryRow(deps.db, recordNo);
  const [summary] = await present(deps.db, [row]);
  const [page, departmentOptions] = await Promise.all([
    pageRecordTasks(deps.db, row.record_id, { ...query, limit: query.pageSize, offset: offsetOf(query) }),
    listRecordDepartmentOptions(deps.db, row.record_id),
  ]);
  return { ...summary!, departmentOptions, tasks: { total: page.total, items: await publicTasks(deps.db, page.rows) } };
}

/** Every task of an announcement, in task order, 500 at a time (for the PDF and XLSX). */
export async function* announcementTasks(db: Db, recordNo: string): AsyncGenerator<PublicTask> {
  const row = await summaryRow(db, recordNo);
  let after = '';
  for (;;) {
    const rows = await listRecordTasksAfter(db, row.record_id, after, 500);
    if (rows.length === 0) return;
    yield* await publicTasks(db, rows);
    after = rows.at(-1)!.task_no;
  }
}
