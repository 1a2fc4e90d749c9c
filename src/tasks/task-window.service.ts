import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { kickOutbox } from '../notifications/dispatcher';
import { notify } from '../notifications/notify';
import { inspectionLink } from '../notifications/task-events';
import { AppError, forbidden } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { readableTask, requireTaskAction } from './task-access';
import { lockTaskHead } from './task.repository';
import type { TaskView, WindowInput } from './task.schemas';
import { tellAdded } from './task-staffing-actions.service';
import { staffBySeed, staffingTask } from './task-staffing.service';
import {
  hasInspectionNotice,
  inspectorsOnTask,
  offsiteCheckedOn,
  setTaskWindow,
  userIdsOfInspectors,
} from './task-staffing.repository';
import type { TaskWrite } from './task-transition';

/**
 * Moves or widens the window of a task that is not a draw's (a draw's window is part of its sealed,
 * announced record), within its year, before it is scheduled, before a notice is issued and before any
 * off-site check; a task of several departments only by the joint office. Kept with its reason; the
 * inspectors on it are checked against the new window and replaced where they no longer fit; they are told.
 */
export async function changeTaskWindow(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: WindowInput,
): Promise<TaskView> {
  requirePermission(actor, 'task:task:write');
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockTaskHead(trx, taskNo);
    requireTaskAction(actor, 'task:task:write', task.departmentIds);
    if (task.departmentIds.length > 1 && scopeOf(actor, 'task:task:write') !== 'all')
      throw forbidden('联合检查任务的检查期由联席会议办公室调整');
    if (task.source === '抽取')
      throw new AppError(
        'CONFLICT',
        `检查任务 ${taskNo} 来自双随机抽取，检查期是已公告抽取记录的一部分，不能调整；请为其指定执法检查人员`,
      );
    if (task.status !== '待发布' && task.status !== '已发布')
      throw new AppError('CONFLICT', `检查任务 ${taskNo} 当前为“${task.status}”，只有尚未排期的任务可以调整检查期`);
    const now = deps.clock.now();
    if (input.to < chinaDate(now))
      throw new AppError('VALIDATION', '检查期结束日不能早于今天', [{ field: 'to', message: '早于今天' }]);
    const before = await staffingTask(trx, task.id);
    // The visit counts in its year (visit caps); a notice already handed out carries the old window.
    if (
      input.from.slice(0, 4) !== before.window.from.slice(0, 4) ||
      input.to.slice(0, 4) !== before.window.from.slice(0, 4)
    ) {
      throw new AppError('VALIDATION', `检查期应在 ${before.window.from.slice(0, 4)} 年内（按年度计算检查次数）`, [
        { field: 'to', message: '跨年度' },
      ]);
    }
    const [notice, inspected] = await Promise.all([hasInspectionNotice(trx, task.id), offsiteCheckedOn(trx, task.id)]);
    if (notice) throw new AppError('CONFLICT', `检查任务 ${taskNo} 已出具检查告知书，检查期不能再调整`);
    if (inspected) throw new AppError('CONFLICT', `检查任务 ${taskNo} 已有部门完成非现场检查，检查期不能再调整`);
    await setTaskWindow(trx, task.id, { from: input.from, to: input.to }, now);
    const w: TaskWrite = { trx, deps, now, who: auditSubjectOf(actor) };
    await recordAudit(trx, deps.config.auditHash, now, w.who, {
      action: 'task.window',
      entityType: 'inspection_task',
      entityId: taskNo,
      summary: `调整检查任务 ${taskNo} 的检查期：${before.window.from} 至 ${before.window.to} → ${input.from} 至 ${input.to}（理由：${input.reason}）`,
      before: { window: before.window },
      after: { window: { from: input.from, to: input.to }, reason: input.reason },
    });
    // Those on the task are checked against the new window (certificate, capacity): whoever no longer fits is replaced.
    const had = await inspectorsOnTask(trx, task.id);
    const result = await staffBySeed(w, task.id);
    const hadIds = new Set(had.map((h) => h.inspectorId));
    await tellAdded(
      w,
      task,
      result.picks.map((p) => p.inspectorId).filter((id) => !hadIds.has(id)),
    );
    const stay = result.picks.map((p) => p.inspectorId).filter((id) => hadIds.has(id));
    if (task.status === '已发布' && stay.length) {
      await notify(trx, now, {
        userIds: await userIdsOfInspectors(trx, stay),
        kind: 'visit_rescheduled',
        taskNo,
        link: inspectionLink(taskNo),
        title: `检查任务 ${taskNo} 的检查期调整为 ${input.from} 至 ${input.to}`,
        body: `调整理由：${input.reason}`,
      });
    }
  });
  kickOutbox(deps);
  return readableTask(deps.db, actor, taskNo);
}
