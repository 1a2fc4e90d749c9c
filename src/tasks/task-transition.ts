import { recordAudit } from '../audit/audit.service';
import { notify, taskInspectorUsers } from '../notifications/notify';
import { inspectionLink, notifyAnnouncementPublished } from '../notifications/task-events';
import { notFound } from '../shared/app-error';
import { afterTaskTransition } from './task-hooks';
import type { TaskWrite, TransitionOptions } from './task-write';
import { assertAllowed, type TaskStatus, type TaskTransition, taskTransitions } from './task-lifecycle';
import { lockTaskForTransition, setRecordTasksStatus, setTaskStatus } from './task-write.repository';

/**
 * The one way a task's status changes: locks the task row, checks the transition table
 * (task-lifecycle.ts; a forbidden change is a 409 naming the current state), writes the status,
 * the audit entry and the notifications the change calls for. Returns the status it left.
 */
export async function transitionTask(
  w: TaskWrite,
  taskId: number,
  transition: TaskTransition,
  options: TransitionOptions = {},
): Promise<TaskStatus> {
  const task = await lockTaskForTransition(w.trx, taskId);
  if (!task) throw notFound(`检查任务 ${taskId} `);
  assertAllowed(task.task_no, task.status, transition);
  const t = taskTransitions[transition];
  await setTaskStatus(w.trx, taskId, t.to, w.now, options.mergedInto?.id);
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'task.transition',
    entityType: 'inspection_task',
    entityId: task.task_no,
    summary: `检查任务 ${task.task_no}：${task.status} → ${t.to}（${t.label}${options.mergedInto ? `，并入 ${options.mergedInto.taskNo}` : ''}${options.note ? `：${options.note}` : ''}）`,
    before: { status: task.status },
    after: {
      status: t.to,
      transition,
      ...(options.mergedInto ? { mergedInto: options.mergedInto.taskNo } : {}),
      ...(options.note ? { note: options.note } : {}),
    },
  });
  if (transition === 'publish') {
    await notify(w.trx, w.now, {
      userIds: await taskInspectorUsers(w.trx, taskId),
      kind: 'task_published',
      taskNo: task.task_no,
      link: inspectionLink(task.task_no),
      title: `新检查任务 ${task.task_no}（${task.name}）`,
      body: `检查期 ${task.window_from} 至 ${task.window_to}，请在检查期内排期并入企检查。`,
    });
  }
  await afterTaskTransition(w, taskId, transition, options);
  if (transition === 'merge' && options.mergedInto) {
    await notify(w.trx, w.now, {
      userIds: await taskInspectorUsers(w.trx, taskId),
      kind: 'task_published',
      taskNo: options.mergedInto.taskNo,
      link: inspectionLink(options.mergedInto.taskNo),
      title: `检查任务 ${task.task_no} 已并入联合检查任务 ${options.mergedInto.taskNo}`,
      body: `${task.name}：各部门将联合入企，一次检查多项事项，请在“我的检查”中办理 ${options.mergedInto.taskNo}。`,
    });
  }
  return task.status;
}

/**
 * A draw record's tasks at once (a round may hold tens of thousands): the same table, set-based.
 * Only tasks in a status the transition starts from change; the others (e.g. already merged) stay.
 * One audit entry for the record; publishing notifies every task's inspectors in one statement.
 */
export async function transitionRecordTasks(
  w: TaskWrite,
  drawRecordId: number,
  recordNo: string,
  transition: 'publish' | 'void',
): Promise<number> {
  const t = taskTransitions[transition];
  const changed = await setRecordTasksStatus(w.trx, drawRecordId, t.from, t.to, w.now);
  if (changed === 0) return 0;
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'task.transition',
    entityType: 'draw_record',
    entityId: recordNo,
    summary: `抽取记录 ${recordNo} 的 ${changed} 个检查任务：${t.from.join('/')} → ${t.to}（${t.label}）`,
    before: { status: [...t.from] },
    after: { status: t.to, transition, count: changed },
  });
  if (transition === 'publish') await notifyAnnouncementPublished(w.trx, w.now, drawRecordId);
  return changed;
}

export type { TaskWrite, TransitionOptions } from './task-write';
