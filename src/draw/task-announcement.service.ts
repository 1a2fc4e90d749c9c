import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { offsetOf, type Page } from '../shared/paging';
import { kickOutbox } from '../notifications/dispatcher';
import { transitionRecordTasks, transitionTask } from '../tasks/task-transition';
import type { AnnouncementListQuery, AnnouncementSummary, PublishInput } from './task-announcement.schemas';
import { findLatestRecord } from './draw-record.repository';
import {
  countMergedTasks,
  findAnnouncement,
  insertAnnouncement,
  listJointTasksReadyToPublish,
  listRecordDepartmentIds,
  lockRecordForAnnouncement,
  pageSummaries,
} from './task-announcement.repository';
import { announcementSummary, present } from './task-announcement-detail.service';

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
    const record = await lockRecordForAnnouncement(trx, recordNo);
    if (!record) throw notFound(`抽取记录 ${recordNo} `);
    for (const d of await listRecordDepartmentIds(trx, record.id)) requireDepartmentScope(actor, 'draw:round:write', d);
    const latest = (await findLatestRecord(trx, record.round_id))!;
    if (latest.id !== record.id) {
      throw new AppError(
        'CONFLICT',
        `记录 ${recordNo} 已被重新抽取的记录 ${latest.record_no} 取代，只能发布本轮当前记录的任务公告`,
      );
    }
    const existing = await findAnnouncement(trx, record.id);
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
    const waiting = await listJointTasksReadyToPublish(trx, record.id);
    for (const id of waiting) await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, id, 'publish');
    // Tasks already folded into a joint visit (已合并, src/registrations) stay listed with that status.
    const merged = await countMergedTasks(trx, record.id);
    const taskCount = published + Number(merged);
    const title = input.title ?? `${record.title}任务公告`;
    await insertAnnouncement(trx, {
      draw_record_id: record.id,
      title,
      task_count: taskCount,
      published_at: now,
      published_by: actor.userId,
    });
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

/** Published task announcements, newest first (public). */
export async function listAnnouncements(
  deps: AppDeps,
  query: AnnouncementListQuery,
): Promise<Page<AnnouncementSummary>> {
  const { total, rows } = await pageSummaries(deps.db, {
    year: query.year,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  return { total, items: await present(deps.db, rows) };
}
