import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { taskChecks } from '../inspections/inspection-checks-lookup.service';
import type { InspectionView } from '../inspections/inspection.schemas';
import { departmentHasSubmitted, everyDepartmentInspected, getInspection } from '../inspections/inspection.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { allowed } from '../tasks/task-lifecycle';
import { transitionTask } from '../tasks/task-transition';
import type { OffsiteInput, OffsiteView } from './inspection-record.schemas';
import {
  findOffsiteInspection,
  findTaskId,
  insertOffsiteInspection,
  lockTaskForOffsite,
  offsiteResultsOf,
} from './inspection-record.repository';

export const entity = 'inspection_task';

/** The department a write is made for: the user's own, or (users who see all) the one named / the only one. */
export function writingDepartment(
  actor: Actor,
  view: InspectionView,
  requested: number | undefined,
): { id: number; name: string } {
  const onTask = view.departments.map((d) => ({ id: d.id, name: d.name }));
  if (scopeOf(actor, 'task:task:write') === 'all') {
    const id = requested ?? (onTask.length === 1 ? onTask[0]!.id : undefined);
    if (id === undefined)
      throw new AppError('VALIDATION', '联合检查任务须指明部门', [{ field: 'departmentId', message: '请选择部门' }]);
    const d = onTask.find((x) => x.id === id);
    if (!d)
      throw new AppError('VALIDATION', `部门 ${id} 不在本任务中`, [{ field: 'departmentId', message: '不在本任务中' }]);
    return d;
  }
  const own = onTask.find((x) => x.id === actor.departmentId);
  if (!own || (requested !== undefined && requested !== own.id))
    throw forbidden('只能为本部门在本任务中的检查事项操作');
  return own;
}

export async function taskIdOf(db: Db, taskNo: string): Promise<number> {
  const id = await findTaskId(db, taskNo);
  if (id === null) throw notFound(`检查任务 ${taskNo} `);
  return id;
}

/**
 * 非现场检查: the department checks by data or remote means instead of a visit and records a result
 * for each of its check items. Counts as the department's inspection; when every department of the task
 * has inspected (on site or off site) the task becomes 已检查.
 */
export async function recordOffsite(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: OffsiteInput,
): Promise<OffsiteView> {
  requirePermission(actor, 'task:task:write');
  const view = await getInspection(deps, actor, taskNo);
  const department = writingDepartment(actor, view, input.departmentId);
  const now = deps.clock.now();
  if (input.conductedOn > chinaDate(now))
    throw new AppError('VALIDATION', '检查日期不能晚于今天', [{ field: 'conductedOn', message: '晚于今天' }]);
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockTaskForOffsite(trx, taskNo);
    const taskId = Number(task.id);
    if (!allowed('complete', task.status))
      throw new AppError('CONFLICT', `检查任务 ${taskNo} 当前为“${task.status}”，不能录入非现场检查`);
    if (input.conductedOn < task.window_from)
      throw new AppError('VALIDATION', `检查日期不能早于检查期开始日 ${task.window_from}`, [
        { field: 'conductedOn', message: '早于检查期' },
      ]);
    const submitted = await departmentHasSubmitted(trx, taskId, department.id);
    if (submitted) throw new AppError('CONFLICT', `${department.name}已提交现场检查结果`);
    const existing = await findOffsiteInspection(trx, taskId, department.id);
    if (existing) throw new AppError('CONFLICT', `${department.name}已录入本任务的非现场检查`);
    const checks = (await taskChecks(trx, taskId)).filter((c) => c.departmentId === department.id);
    const given = new Map(input.results.map((r) => [r.checkItemId, r]));
    const unknown = input.results.filter((r) => !checks.some((c) => c.checkItemId === r.checkItemId));
    if (unknown.length)
      throw new AppError(
        'VALIDATION',
        `检查事项 ${unknown.map((u) => u.checkItemId).join('、')} 不属于本部门在本任务中的检查事项`,
        unknown.map((u) => ({ field: `results.${u.checkItemId}`, message: '不属于本任务' })),
      );
    const missing = checks.filter((c) => !given.has(c.checkItemId));
    if (missing.length)
      throw new AppError(
        'VALIDATION',
        `还有 ${missing.length} 个检查事项没有录入结果`,
        missing.map((c) => ({ field: `results.${c.checkItemId}`, message: '未录入结果' })),
      );
    await insertOffsiteInspection(
      trx,
      {
        task_id: taskId,
        department_id: department.id,
        method: input.method,
        data_source: input.dataSource,
        conducted_on: input.conductedOn,
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
        recorded_at: now,
      },
      checks.map((c) => ({
        task_id: taskId,
        department_id: department.id,
        check_item_id: c.checkItemId,
        item_code: c.itemCode,
        result: given.get(c.checkItemId)!.result,
        notes: given.get(c.checkItemId)!.notes,
      })),
    );
    const complete = await everyDepartmentInspected(
      trx,
      taskId,
      view.departments.map((d) => d.id),
    );
    if (complete) await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, taskId, 'complete');
    const problems = input.results.filter((r) => r.result === '不符合').length;
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection.offsite',
      entityType: entity,
      entityId: taskNo,
      summary: `${department.name}录入非现场检查（${input.method.slice(0, 40)}，${input.conductedOn}）：${checks.length} 项，${problems ? `${problems} 项不符合` : '未发现问题'}${complete ? '，任务已检查' : ''}`,
      after: {
        departmentId: department.id,
        method: input.method,
        dataSource: input.dataSource,
        conductedOn: input.conductedOn,
        results: input.results,
      },
    });
  });
  return getOffsite(deps, actor, taskNo, department.id);
}

export async function getOffsite(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  departmentId: number,
): Promise<OffsiteView> {
  requirePermission(actor, 'task:task:read');
  await getInspection(deps, actor, taskNo);
  const taskId = await taskIdOf(deps.db, taskNo);
  if (scopeOf(actor, 'task:task:read') !== 'all' && departmentId !== actor.departmentId) throw notFound('非现场检查');
  const head = await findOffsiteInspection(deps.db, taskId, departmentId);
  if (!head) throw notFound('非现场检查');
  const results = await offsiteResultsOf(deps.db, taskId, departmentId);
  return {
    taskNo,
    departmentId,
    method: head.method,
    dataSource: head.data_source,
    conductedOn: head.conducted_on,
    recordedBy: head.recorded_by_name,
    recordedAt: new Date(head.recorded_at).toISOString(),
    results: results.map((r) => ({
      checkItemId: Number(r.check_item_id),
      itemCode: r.item_code,
      result: r.result,
      notes: r.notes,
    })),
  };
}
