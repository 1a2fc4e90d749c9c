import { type Actor, can, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { ineligibility, requiredInspectors } from '../inspectors/inspector-eligibility';
import { candidateInspectors } from '../inspectors/inspector.repository';
import { kickOutbox } from '../notifications/dispatcher';
import { notify } from '../notifications/notify';
import { inspectionLink } from '../notifications/task-events';
import { AppError, forbidden } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { readableTask, requireTaskAction } from './task-access';
import { lockTaskHead, type TaskHead } from './task.repository';
import type { TaskStatus } from './task-lifecycle';
import { checkChoice } from './task-staffing';
import { staffBySeed, staffingTask, taskRequirements } from './task-staffing.service';
import type { ChooseInspectorsInput, StaffingView, WindowInput } from './task.schemas';
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
    trx
      .selectFrom('inspection_task_inspectors')
      .select(['inspector_id', 'department_id'])
      .where('task_id', '=', taskId)
      .execute(),
    trx.selectFrom('departments').select(['id', 'name']).execute(),
  ]);
  const missing = [...requirements.keys()].filter((d) => !onTask.some((o) => Number(o.department_id) === d));
  if (missing.length)
    return `${missing.map((d) => departments.find((x) => Number(x.id) === d)?.name ?? d).join('、')}尚未选派执法检查人员`;
  const required = requiredInspectors([...requirements.values()].flat());
  return onTask.length < required ? `已选派 ${onTask.length} 名执法检查人员，少于本任务要求的 ${required} 名` : null;
}

async function tellAdded(w: TaskWrite, task: TaskHead, inspectorIds: readonly number[]): Promise<void> {
  if (inspectorIds.length === 0 || task.status === '待发布') return;
  const users = await w.trx
    .selectFrom('inspectors')
    .select('user_id')
    .where('id', 'in', [...inspectorIds])
    .where('user_id', 'is not', null)
    .execute();
  await notify(w.trx, w.now, {
    userIds: users.map((u) => Number(u.user_id)),
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
    const inspected = await trx
      .selectFrom('offsite_inspections')
      .select('conducted_on')
      .where('task_id', '=', task.id)
      .where('department_id', '=', departmentId)
      .executeTakeFirst();
    if (inspected)
      throw new AppError('CONFLICT', `该部门已于 ${inspected.conducted_on} 完成非现场检查，不能再更换执法检查人员`);
    const facts = await staffingTask(trx, task.id);
    const items = (await taskRequirements(trx, task.id)).get(departmentId)!;
    const current = await trx
      .selectFrom('inspection_task_inspectors')
      .select('inspector_id')
      .where('task_id', '=', task.id)
      .where('department_id', '=', departmentId)
      .execute();
    const currentIds = new Set(current.map((c) => Number(c.inspector_id)));
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
    await trx
      .deleteFrom('inspection_task_inspectors')
      .where('task_id', '=', task.id)
      .where('department_id', '=', departmentId)
      .execute();
    await trx
      .insertInto('inspection_task_inspectors')
      .values(chosen.map((c) => ({ task_id: task.id, inspector_id: c.id, department_id: departmentId })))
      .execute();
    const gap = await staffingGap(trx, task.id);
    await trx
      .updateTable('inspection_tasks')
      .set({ unstaffed_reason: gap, updated_at: now })
      .where('id', '=', task.id)
      .execute();
    await trx
      .insertInto('task_staffings')
      .values({
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
      })
      .execute();
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
    const before = await trx
      .selectFrom('inspection_task_inspectors')
      .select('inspector_id')
      .where('task_id', '=', task.id)
      .execute();
    const w: TaskWrite = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
    const result = await staffBySeed(w, task.id);
    const had = new Set(before.map((b) => Number(b.inspector_id)));
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
    const [notice, inspected] = await Promise.all([
      trx.selectFrom('inspection_codes').select('id').where('task_id', '=', task.id).executeTakeFirst(),
      trx.selectFrom('offsite_inspections').select('task_id').where('task_id', '=', task.id).executeTakeFirst(),
    ]);
    if (notice) throw new AppError('CONFLICT', `检查任务 ${taskNo} 已出具检查告知书，检查期不能再调整`);
    if (inspected) throw new AppError('CONFLICT', `检查任务 ${taskNo} 已有部门完成非现场检查，检查期不能再调整`);
    await trx
      .updateTable('inspection_tasks')
      .set({ window_from: input.from, window_to: input.to, updated_at: now })
      .where('id', '=', task.id)
      .execute();
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
    const had = await trx
      .selectFrom('inspection_task_inspectors')
      .select('inspector_id')
      .where('task_id', '=', task.id)
      .execute();
    const result = await staffBySeed(w, task.id);
    const hadIds = new Set(had.map((h) => Number(h.inspector_id)));
    await tellAdded(
      w,
      task,
      result.picks.map((p) => p.inspectorId).filter((id) => !hadIds.has(id)),
    );
    const stay = result.picks.map((p) => p.inspectorId).filter((id) => hadIds.has(id));
    if (task.status === '已发布' && stay.length) {
      const users = await trx
        .selectFrom('inspectors')
        .select('user_id')
        .where('id', 'in', stay)
        .where('user_id', 'is not', null)
        .execute();
      await notify(trx, now, {
        userIds: users.map((u) => Number(u.user_id)),
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
  const id = Number(
    (await deps.db.selectFrom('inspection_tasks').select('id').where('task_no', '=', taskNo).executeTakeFirstOrThrow())
      .id,
  );
  const facts = await staffingTask(deps.db, id);
  const requirements = await taskRequirements(deps.db, id);
  const onTask = new Set(task.departments.flatMap((d) => d.inspectors.map((i) => i.id)));
  const candidates = await candidateInspectors(deps.db, [...requirements.keys()], facts.window, {
    id: facts.subjectId,
    uscc: facts.uscc,
  });
  const history = await deps.db
    .selectFrom('task_staffings')
    .selectAll()
    .where('task_id', '=', id)
    .orderBy('id')
    .execute();
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
