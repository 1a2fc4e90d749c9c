import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { likeContains, offsetOf, type Page } from '../shared/paging';
import { kickOutbox } from '../notifications/dispatcher';
import { transitionRecordTasks, transitionTask } from '../tasks/task-transition';
import type {
  AnnouncementListQuery,
  AnnouncementSummary,
  AnnouncementTaskQuery,
  PublicTask,
  PublishInput,
} from './task-announcement.schemas';

/**
 * Publish a record's task announcement (任务公告; 《黄浦区精准高效协同监管实施办法（试行）》第十条):
 * only the round's current record, only once. Its tasks go 待发布 → 已发布 and the publication
 * is stored (immutable) and audited.
 */
export async function publishAnnouncement(
  deps: AppDeps,
  actor: Actor | null,
  recordNo: string,
  input: PublishInput,
): Promise<AnnouncementSummary> {
  requirePermission(actor, 'draw:round:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const record = await trx
      .selectFrom('draw_records as r')
      .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
      .select(['r.id', 'r.round_id', 'd.round_no', 'd.title'])
      .where('r.record_no', '=', recordNo)
      .forUpdate('r')
      .executeTakeFirst();
    if (!record) throw notFound(`抽取记录 ${recordNo} `);
    const departments = await trx
      .selectFrom('inspection_task_items as ti')
      .innerJoin('inspection_tasks as t', 't.id', 'ti.task_id')
      .select('ti.department_id')
      .distinct()
      .where('t.draw_record_id', '=', record.id)
      .execute();
    for (const d of departments) requireDepartmentScope(actor, 'draw:round:write', d.department_id);
    const latest = await trx
      .selectFrom('draw_records')
      .select(['id', 'record_no'])
      .where('round_id', '=', record.round_id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    if (latest.id !== record.id) {
      throw new AppError(
        'CONFLICT',
        `记录 ${recordNo} 已被重新抽取的记录 ${latest.record_no} 取代，只能发布本轮当前记录的任务公告`,
      );
    }
    const existing = await trx
      .selectFrom('task_announcements')
      .select('published_at')
      .where('draw_record_id', '=', record.id)
      .executeTakeFirst();
    if (existing)
      throw new AppError(
        'CONFLICT',
        `记录 ${recordNo} 的任务公告已于 ${existing.published_at.toISOString().slice(0, 10)} 发布，不能重复发布`,
      );
    const published = await transitionRecordTasks(
      { trx, deps, now, who: auditSubjectOf(actor) },
      record.id,
      recordNo,
      'publish',
    );
    // Joint tasks that absorbed tasks of this record before it was announced are published with it, once every draw they absorbed is announced.
    const waiting = await trx
      .selectFrom('inspection_tasks as a')
      .innerJoin('inspection_tasks as m', 'm.id', 'a.merged_into_task_id')
      .select('m.id')
      .distinct()
      .where('a.draw_record_id', '=', record.id)
      .where('m.status', '=', '待发布')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('inspection_tasks as o')
              .select('o.id')
              .whereRef('o.merged_into_task_id', '=', 'm.id')
              .where('o.draw_record_id', '!=', record.id)
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
    for (const m of waiting)
      await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, Number(m.id), 'publish');
    // Tasks already folded into a joint visit (已合并, src/registrations) stay listed with that status.
    const { merged } = await trx
      .selectFrom('inspection_tasks')
      .select((eb) => eb.fn.countAll<number>().as('merged'))
      .where('draw_record_id', '=', record.id)
      .where('status', '=', '已合并')
      .executeTakeFirstOrThrow();
    const taskCount = published + Number(merged);
    const title = input.title ?? `${record.title}任务公告`;
    await trx
      .insertInto('task_announcements')
      .values({
        draw_record_id: record.id,
        title,
        task_count: taskCount,
        published_at: now,
        published_by: actor.userId,
      })
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'task_announcement.publish',
      entityType: 'task_announcement',
      entityId: recordNo,
      summary: `发布任务公告“${title}”（抽取记录 ${recordNo}）：${published} 个检查任务由待发布转为已发布${Number(merged) ? `，${Number(merged)} 个已合并入企` : ''}`,
      after: { recordNo, roundNo: record.round_no, title, taskCount },
    });
  });
  kickOutbox(deps);
  return announcementSummary(deps.db, recordNo);
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

type SummaryRow = {
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

async function present(db: Db, rows: SummaryRow[]): Promise<AnnouncementSummary[]> {
  if (rows.length === 0) return [];
  const departments = await db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('inspection_tasks as t', 't.id', 'ti.task_id')
    .innerJoin('departments as dp', 'dp.id', 'ti.department_id')
    .select(['t.draw_record_id', 'dp.id', 'dp.name'])
    .distinct()
    .where(
      't.draw_record_id',
      'in',
      rows.map((r) => r.record_id),
    )
    .orderBy('dp.id')
    .execute();
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
  const row = await summaries(db).where('r.record_no', '=', recordNo).executeTakeFirst();
  if (!row) throw notFound(`抽取记录 ${recordNo} 的任务公告`);
  return row;
}

export async function announcementSummary(db: Db, recordNo: string): Promise<AnnouncementSummary> {
  return (await present(db, [await summaryRow(db, recordNo)]))[0]!;
}

/** Published task announcements, newest first (public). */
export async function listAnnouncements(
  deps: AppDeps,
  query: AnnouncementListQuery,
): Promise<Page<AnnouncementSummary>> {
  let base = deps.db
    .selectFrom('task_announcements as a')
    .innerJoin('draw_records as r', 'r.id', 'a.draw_record_id')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id');
  if (query.year) base = base.where('d.year', '=', query.year);
  let page = summaries(deps.db);
  if (query.year) page = page.where('d.year', '=', query.year);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    page
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
  ]);
  return { total: Number(total), items: await present(deps.db, rows) };
}

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
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('inspection_task_items as ti')
          .select('ti.task_id')
          .whereRef('ti.task_id', '=', 't.id')
          .where('ti.department_id', '=', departmentId),
      ),
    );
  }
  return q;
}

/** Only the public columns: name, USCC, window, status, departments and items. */
async function publicTasks(
  db: Db,
  rows: {
    id: number;
    task_no: string;
    name: string;
    uscc: string;
    window_from: string;
    window_to: string;
    status: string;
  }[],
): Promise<PublicTask[]> {
  if (rows.length === 0) return [];
  const items = await db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('departments as d', 'd.id', 'ti.department_id')
    .select(['ti.task_id', 'ti.department_id', 'd.name', 'ti.item_code', 'ti.item_name'])
    .where(
      'ti.task_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('ti.department_id')
    .orderBy('ti.item_code')
    .execute();
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

const taskColumns = ['t.id', 't.task_no', 's.name', 't.uscc', 't.window_from', 't.window_to', 't.status'] as const;

/** One announcement with its tasks, paged (public). */
export async function announcementDetail(deps: AppDeps, recordNo: string, query: AnnouncementTaskQuery) {
  const row = await summaryRow(deps.db, recordNo);
  const [summary] = await present(deps.db, [row]);
  const base = taskFilter(deps.db, row.record_id, query);
  const [{ total }, rows, departmentOptions] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select([...taskColumns])
      .orderBy('t.task_no')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    deps.db
      .selectFrom('inspection_task_items as ti')
      .innerJoin('inspection_tasks as t', 't.id', 'ti.task_id')
      .innerJoin('departments as d', 'd.id', 'ti.department_id')
      .select(['d.id', 'd.name'])
      .distinct()
      .where('t.draw_record_id', '=', row.record_id)
      .orderBy('d.id')
      .execute(),
  ]);
  return { ...summary!, departmentOptions, tasks: { total: Number(total), items: await publicTasks(deps.db, rows) } };
}

/** Every task of an announcement, in task order, 500 at a time (for the PDF and XLSX). */
export async function* announcementTasks(db: Db, recordNo: string): AsyncGenerator<PublicTask> {
  const row = await summaryRow(db, recordNo);
  let after = '';
  for (;;) {
    const rows = await taskFilter(db, row.record_id, {})
      .select([...taskColumns])
      .where('t.task_no', '>', after)
      .orderBy('t.task_no')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    yield* await publicTasks(db, rows);
    after = rows.at(-1)!.task_no;
  }
}
