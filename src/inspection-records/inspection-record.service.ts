import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { taskChecks } from '../inspections/inspection-checks-lookup.service';
import type { InspectionView } from '../inspections/inspection.schemas';
import { everyDepartmentInspected, getInspection } from '../inspections/inspection.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { allowed } from '../tasks/task-lifecycle';
import { transitionTask } from '../tasks/task-transition';
import type { OffsiteInput, OffsiteView, TransferInput, TransferList, TransferView } from './inspection-record.schemas';

const entity = 'inspection_task';

/** The department a write is made for: the user's own, or (users who see all) the one named / the only one. */
function writingDepartment(
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

async function taskIdOf(db: Db, taskNo: string): Promise<number> {
  const row = await db.selectFrom('inspection_tasks').select('id').where('task_no', '=', taskNo).executeTakeFirst();
  if (!row) throw notFound(`检查任务 ${taskNo} `);
  return Number(row.id);
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
    const task = await trx
      .selectFrom('inspection_tasks')
      .select(['id', 'status', 'window_from'])
      .where('task_no', '=', taskNo)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const taskId = Number(task.id);
    if (!allowed('complete', task.status))
      throw new AppError('CONFLICT', `检查任务 ${taskNo} 当前为“${task.status}”，不能录入非现场检查`);
    if (input.conductedOn < task.window_from)
      throw new AppError('VALIDATION', `检查日期不能早于检查期开始日 ${task.window_from}`, [
        { field: 'conductedOn', message: '早于检查期' },
      ]);
    const submitted = await trx
      .selectFrom('inspection_submissions')
      .select('task_id')
      .where('task_id', '=', taskId)
      .where('department_id', '=', department.id)
      .executeTakeFirst();
    if (submitted) throw new AppError('CONFLICT', `${department.name}已提交现场检查结果`);
    const existing = await trx
      .selectFrom('offsite_inspections')
      .select('task_id')
      .where('task_id', '=', taskId)
      .where('department_id', '=', department.id)
      .executeTakeFirst();
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
    await trx
      .insertInto('offsite_inspections')
      .values({
        task_id: taskId,
        department_id: department.id,
        method: input.method,
        data_source: input.dataSource,
        conducted_on: input.conductedOn,
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
        recorded_at: now,
      })
      .execute();
    await trx
      .insertInto('offsite_results')
      .values(
        checks.map((c) => ({
          task_id: taskId,
          department_id: department.id,
          check_item_id: c.checkItemId,
          item_code: c.itemCode,
          result: given.get(c.checkItemId)!.result,
          notes: given.get(c.checkItemId)!.notes,
        })),
      )
      .execute();
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
  const head = await deps.db
    .selectFrom('offsite_inspections')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  if (!head) throw notFound('非现场检查');
  const results = await deps.db
    .selectFrom('offsite_results')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .orderBy('item_code')
    .orderBy('check_item_id')
    .execute();
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

/** A finding's current result (on site or off site) and photos, or null when the item was not found 不符合. */
async function findingOf(db: Db, taskId: number, checkItemId: number) {
  const site = await db
    .selectFrom('inspection_results')
    .select(['department_id', 'result', 'notes'])
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .executeTakeFirst();
  const off = site
    ? undefined
    : await db
        .selectFrom('offsite_results')
        .select(['department_id', 'result', 'notes'])
        .where('task_id', '=', taskId)
        .where('check_item_id', '=', checkItemId)
        .executeTakeFirst();
  const r = site ?? off;
  if (!r) return null;
  const photos = await db
    .selectFrom('inspection_photos')
    .select('id')
    .where('task_id', '=', taskId)
    .where('check_item_id', '=', checkItemId)
    .orderBy('id')
    .execute();
  return {
    departmentId: Number(r.department_id),
    result: r.result,
    notes: r.notes,
    photoIds: photos.map((p) => Number(p.id)),
  };
}

/** 程序衔接: a department transfers one of its findings (不符合) to case investigation with the evidence. */
export async function transferFinding(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: TransferInput,
): Promise<TransferView> {
  requirePermission(actor, 'task:task:write');
  const view = await getInspection(deps, actor, taskNo);
  const check = view.departments
    .flatMap((d) => d.checks.map((c) => ({ ...c, departmentId: d.id })))
    .find((c) => c.checkItemId === input.checkItemId);
  if (!check) throw notFound(`本任务的检查事项 ${input.checkItemId} `);
  writingDepartment(actor, view, check.departmentId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const taskId = await taskIdOf(trx, taskNo);
    const finding = await findingOf(trx, taskId, input.checkItemId);
    if (!finding || finding.result !== '不符合')
      throw new AppError('CONFLICT', '只有检查结果为“不符合”的事项可以移送立案查处');
    const already = await trx
      .selectFrom('case_transfers')
      .select('id')
      .where('task_id', '=', taskId)
      .where('check_item_id', '=', input.checkItemId)
      .executeTakeFirst();
    if (already) throw new AppError('CONFLICT', '该检查发现已移送');
    const now = deps.clock.now();
    const row = await trx
      .insertInto('case_transfers')
      .values({
        task_id: taskId,
        department_id: finding.departmentId,
        check_item_id: input.checkItemId,
        target_unit: input.targetUnit,
        reason: input.reason,
        result: finding.result,
        result_notes: finding.notes,
        photo_ids: finding.photoIds,
        status: '已移送',
        transferred_by: actor.userId,
        transferred_by_name: actor.name,
        transferred_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection.case_transfer',
      entityType: entity,
      entityId: taskNo,
      summary: `检查发现移送${input.targetUnit}立案查处：${check.content.slice(0, 40)}（证据：检查结果${finding.notes ? `“${finding.notes.slice(0, 40)}”` : ''}，照片 ${finding.photoIds.length} 张）`,
      after: {
        transferId: Number(row.id),
        checkItemId: input.checkItemId,
        targetUnit: input.targetUnit,
        reason: input.reason,
        evidence: { result: finding.result, notes: finding.notes, photoIds: finding.photoIds },
      },
    });
    return Number(row.id);
  });
  return (await listTransfers(deps, actor, taskNo)).items.find((x) => x.id === id)!;
}

/** The task's transfers; a department user sees those of their own department. */
export async function listTransfers(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<TransferList> {
  requirePermission(actor, 'task:task:read');
  await getInspection(deps, actor, taskNo);
  const taskId = await taskIdOf(deps.db, taskNo);
  let q = deps.db
    .selectFrom('case_transfers as x')
    .innerJoin('departments as d', 'd.id', 'x.department_id')
    .innerJoin('check_items as c', 'c.id', 'x.check_item_id')
    .select([
      'x.id',
      'x.department_id',
      'd.name as department_name',
      'x.check_item_id',
      'c.content',
      'x.target_unit',
      'x.reason',
      'x.result',
      'x.result_notes',
      'x.photo_ids',
      'x.status',
      'x.transferred_by_name',
      'x.transferred_at',
    ])
    .where('x.task_id', '=', taskId);
  if (scopeOf(actor, 'task:task:read') !== 'all') q = q.where('x.department_id', '=', actor.departmentId);
  const rows = await q.orderBy('x.id').execute();
  return {
    taskNo,
    items: rows.map((r) => ({
      id: Number(r.id),
      departmentId: Number(r.department_id),
      departmentName: r.department_name,
      checkItemId: Number(r.check_item_id),
      checkContent: r.content,
      targetUnit: r.target_unit,
      reason: r.reason,
      evidence: { result: r.result, notes: r.result_notes, photoIds: (r.photo_ids ?? []).map(Number) },
      status: r.status,
      transferredBy: r.transferred_by_name,
      transferredAt: new Date(r.transferred_at).toISOString(),
    })),
  };
}
