import { type Actor, can, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { ineligibility, requiredInspectors } from '../inspectors/inspector-eligibility';
import { candidateInspectors } from '../inspectors/inspector-lookup.service';
import { kickOutbox } from '../notifications/dispatcher';
import { notify } from '../notifications/notify';
import { inspectionLink } from '../notifications/task-events';
import { AppError, forbidden } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { readableTask, requireTaskAction } from './task-access';
import { lockTaskHead, type TaskHead } from './task.repository';
import type { TaskStatus } from './task-lifecycle';
import { checkChoice } from './task-staffing';
import { staffBySeed, staffingTask, taskRequirements } from './task-staffing.service';
import {
  departmentRows,
  insertStaffing,
  inspectorsOnTask,
  offsiteCheckedOn,
  setUnstaffedReason,
  staffingHistory,
  taskIdOf,
  userIdsOfInspectors,
} from './task-staffing.repository';
import { addTaskInspectors, removeTaskInspectors } from './task-members.repository';
import type { ChooseInspectorsInput, StaffingView } from './task.schemas';
import type { TaskView } from './task.schemas';
import type { TaskWrite } from './task-transition';

/** Inspectors change only before anyone is on site. */
const staffable: readonly TaskStatus[] = ['待发布', '已发布', '已排期'];

function requireStaffable(task: TaskHead, what: string): void {
  if (!staffable.includes(task.status))
    throw new AppError(
      'CONFLICT',
      `检查任务 ${task.taskNo} 当前为“${task.status}”，不能${what}（只有待发布、已发布、已排期且尚未签到的任务可以${what}）`,
    );
}

/** What still keeps the task from being staffed: a department without an inspector, or fewer than the task needs; null when staffed. */
async function staffingGap(trx: Db, taskId: number): Promise<string | null> {
  const [requirements, onTask, departments] = await Promise.all([
    taskRequirements(trx, taskId),
    inspectorsOnTask(trx, taskId),
    departmentRows(trx),
  ]);
  const missing = [...requirements.keys()].filter((d) => !onTask.some((o) => o.departmentId === d));
  if (missing.length)
    return `${missing.map((d) => departments.find((x) => Number(x.id) === d)?.name ?? d).join('、')}尚未选派执法检查人员`;
  const required = requiredInspectors([...requirements.values()].flat());
  return onTask.length < required ? `已选派 ${onTask.length} 名执法检查人员，少于本任务要求的 ${required} 名` : null;
}

export async function tellAdded(w: TaskWrite, task: TaskHead, inspectorIds: readonly number[]): Promise<void> {
  if (inspectorIds.length === 0 || task.status === '待发布') return;
  const userIds = await userIdsOfInspectors(w.trx, inspectorIds);
  await notify(w.trx, w.now, {
    userIds,
    kind: 'task_published',
    taskNo: task.taskNo,
    link: inspectionLink(task.taskNo),
    title: `您被选派参加检查任务 ${task.taskNo}`,
    body: '请在“我的检查”中查看检查期、检查对象和检查事项。',
  });
}

/**
 * A department chooses its inspectors for a task itself (指定): every draw rule is checked for each of
 * them (department, duty and certificate through the window, qualification, conflict, rotation,
 * capacity) and together they must cover the department's items. The choice replaces the department's
 * inspectors, is kept with its reason (task_staffings) and audited; the newly chosen are told.
 */
export async function chooseInspectors(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ChooseInspectorsInput,
): Promise<TaskView> {
  requirePermission(actor, 'task:task:write');
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockTaskHead(trx, taskNo);
    const departmentId = input.departmentId ?? actor.departmentId;
    if (scopeOf(actor, 'task:task:write') !== 'all' && departmentId !== actor.departmentId)
      throw forbidden('只能为本部门选派执法检查人员');
    requireTaskAction(actor, 'task:task:write', task.departmentIds);
    if (!task.departmentIds.includes(departmentId))
      throw new AppError('VALIDATION', '该部门在本任务中没有检查事项', [
        { field: 'departmentId', message: '不是本任务的部门' },
      ]);
    requireStaffable(task, '更换执法检查人员');
    const inspected = await offsiteCheckedOn(trx, task.id, departmentId);
    if (inspected) throw new AppError('CONFLICT', `该部门已于 ${inspected} 完成非现场检查，不能再更换执法检查人员`);
    const facts = await staffingTask(trx, task.id);
    const items = (await taskRequirements(trx, task.id)).get(departmentId)!;
    const current = await inspectorsOnTask(trx, task.id, departmentId);
    const currentIds = new Set(current.map((c) => c.inspectorId));
    // This task is already in the load of those on it: it does not count against them twice.
    const candidates = (
      await candidateInspectors(trx, [departmentId], facts.window, { id: facts.subjectId, uscc: facts.uscc })
    ).map((c) => (currentIds.has(c.id) ? { ...c, capacity: c.capacity + 1 } : c));
    const ids = [...new Set(input.inspectorIds)];
    const foreign = ids.filter((id) => !candidates.some((c) => c.id === id));
    if (foreign.length)
      throw new AppError('VALIDATION', `执法检查人员 ${foreign.join('、')} 不是该部门的执法检查人员`, [
        { field: 'inspectorIds', message: '不是该部门人员' },
      ]);
    const chosen = candidates.filter((c) => ids.includes(c.id));
    const problems = checkChoice({ departmentId, items, uscc: facts.uscc, window: facts.window }, chosen);
    if (problems.length)
      throw new AppError(
        'VALIDATION',
        `选派不符合规则：${problems.join('；')}`,
        problems.map((message) => ({ field: 'inspectorIds', message })),
      );
    const now = deps.clock.now();
    const w: TaskWrite = { trx, deps, now, who: auditSubjectOf(actor) };
    await removeTaskInspectors(trx, task.id, { departmentId });
    await addTaskInspectors(
      trx,
      task.id,
      chosen.map((c) => ({ inspectorId: c.id, departmentId })),
    );
    const gap = await staffingGap(trx, task.id);
    await setUnstaffedReason(trx, task.id, gap, now);
    await insertStaffing(trx, {
      task_id: task.id,
      department_id: departmentId,
      method: '指定',
      seed: null,
      detail: JSON.stringify({ before: [...currentIds] }),
      inspector_ids: chosen.map((c) => c.id),
      unstaffed_reason: gap,
      reason: input.reason,
      staffed_by: actor.userId,
      staffed_by_name: actor.name,
      staffed_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, w.who, {
      action: 'task.staff',
      entityType: 'inspection_task',
      entityId: taskNo,
      summary: `${actor.name}为检查任务 ${taskNo} 指定执法检查人员：${chosen.map((c) => c.name).join('、')}（理由：${input.reason}）${gap ? `；仍未配齐：${gap}` : ''}`,
      before: { departmentId, inspectorIds: [...currentIds] },
      after: { departmentId, inspectorIds: chosen.map((c) => c.id), reason: input.reason, unstaffedReason: gap },
    });
    await tellAdded(
      w,
      task,
      chosen.map((c) => c.id).filter((id) => !currentIds.has(id)),
    );
  });
  kickOutbox(deps);
  return readableTask(deps.db, actor, taskNo);
}

/** Staffs an unstaffed task again by the seeded selection (after inspectors were added or certificates renewed). */
export async function restaffTask(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<TaskView> {
  requirePermission(actor, 'task:task:write');
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockTaskHead(trx, taskNo);
    requireTaskAction(actor, 'task:task:write', task.departmentIds);
    requireStaffable(task, '重新选派执法检查人员');
    const before = await inspectorsOnTask(trx, task.id);
    const w: TaskWrite = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
    const result = await staffBySeed(w, task.id);
    const had = new Set(before.map((b) => b.inspectorId));
    await tellAdded(
      w,
      task,
      result.picks.map((p) => p.inspectorId).filter((id) => !had.has(id)),
    );
  });
  kickOutbox(deps);
  return readableTask(deps.db, actor, taskNo);
}

/**
 * The staffing page of a task: the staffing history, and — for each department the reader may staff
 * (task:task:write: their own, or every one for scope 全部) — its inspectors with why each may not be sent
 * (or null). Another department's roster, workload and conflicts are not shown.
 */
export async function taskStaffing(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<StaffingView> {
  const task = await readableTask(deps.db, actor, taskNo);
  const staffs = (departmentId: number) =>
    can(actor!, 'task:task:write') &&
    (scopeOf(actor!, 'task:task:write') === 'all' || departmentId === actor!.departmentId);
  const id = await taskIdOf(deps.db, taskNo);
  const facts = await staffingTask(deps.db, id);
  const requirements = await taskRequirements(deps.db, id);
  const onTask = new Set(task.departments.flatMap((d) => d.inspectors.map((i) => i.id)));
  const candidates = await candidateInspectors(deps.db, [...requirements.keys()], facts.window, {
    id: facts.subjectId,
    uscc: facts.uscc,
  });
  const history = await staffingHistory(deps.db, id);
  return {
    taskNo,
    unstaffedReason: task.unstaffedReason,
    departments: task.departments
      .filter((d) => staffs(d.id))
      .map((d) => ({
        id: d.id,
        name: d.name,
        inspectors: candidates
          .filter((c) => c.departmentId === d.id)
          .map((c) => {
            const adjusted = onTask.has(c.id) ? { ...c, capacity: c.capacity + 1 } : c;
            return {
              id: c.id,
              name: c.name ?? '',
              onTask: onTask.has(c.id),
              capacity: adjusted.capacity,
              ineligible: ineligibility(adjusted, {
                departmentId: d.id,
                items: requirements.get(d.id) ?? [],
                uscc: facts.uscc,
                window: facts.window,
              }),
            };
          }),
      })),
    history: history.map((h) => ({
      method: h.method,
      departmentId: h.department_id === null ? null : Number(h.department_id),
      seed: h.seed,
      inspectorIds: h.inspector_ids.map(Number),
      unstaffedReason: h.unstaffed_reason,
      reason: h.reason,
      by: h.staffed_by_name,
      at: h.staffed_at.toISOString(),
    })),
  };
}
