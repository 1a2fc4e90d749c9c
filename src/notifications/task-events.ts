import type { Db } from '../db/database';
import { insertAnnouncementNotifications, taskInspectorUsers } from './notification.repository';
import { notify } from './notify';

/** The inspector's phone page of a task (web/src/router/index.ts). */
export const inspectionLink = (taskNo: string): string => `/m/tasks/${taskNo}`;

/**
 * 任务公告发布: each published task of the draw record notifies its inspectors' users, set-based
 * (one statement for the whole record). Call inside publishAnnouncement's transaction.
 */
export function notifyAnnouncementPublished(trx: Db, now: Date, drawRecordId: number): Promise<number> {
  return insertAnnouncementNotifications(trx, now, drawRecordId);
}

/** 排期 / 改期: the task's inspectors' users, with the reason of a change. Inside scheduleVisit's transaction. */
export async function notifyVisitScheduled(
  trx: Db,
  now: Date,
  v: { taskId: number; taskNo: string; visitOn: string; previousOn: string | null; reason: string | null },
): Promise<number> {
  const userIds = await taskInspectorUsers(trx, v.taskId);
  return v.previousOn
    ? notify(trx, now, {
        userIds,
        kind: 'visit_rescheduled',
        taskNo: v.taskNo,
        link: inspectionLink(v.taskNo),
        title: `检查任务 ${v.taskNo} 改期至 ${v.visitOn}`,
        body: `检查日期由 ${v.previousOn} 改为 ${v.visitOn}，改期理由：${v.reason ?? '未说明'}`,
      })
    : notify(trx, now, {
        userIds,
        kind: 'visit_scheduled',
        taskNo: v.taskNo,
        link: inspectionLink(v.taskNo),
        title: `检查任务 ${v.taskNo} 已排期`,
        body: `检查日期：${v.visitOn}`,
      });
}

/**
 * 检查结果退回: the inspectors the department assigned to the task. For src/results (returnResults):
 * call it inside the return transaction with the task id, the department and the reason.
 */
export async function notifyResultsReturned(
  trx: Db,
  now: Date,
  r: { taskId: number; taskNo: string; departmentId: number; reason: string },
): Promise<number> {
  const userIds = await taskInspectorUsers(trx, r.taskId, r.departmentId);
  return notify(trx, now, {
    userIds,
    kind: 'results_returned',
    taskNo: r.taskNo,
    link: inspectionLink(r.taskNo),
    title: `检查任务 ${r.taskNo} 的检查结果被退回`,
    body: `退回理由：${r.reason}。请修改后重新提交。`,
  });
}
