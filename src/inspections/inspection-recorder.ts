import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { inspectorOfUser } from '../inspectors/inspector-lookup.service';
import { AppError, forbidden } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { resultsDueOn } from '../tasks/task-dates';
import { assignmentOf, lockTaskHead, type TaskHead } from '../tasks/task-lookup.service';
import type { ResultInput } from './inspection.schemas';
import type { TaskCheck } from './inspection.repository';
import { findOffsiteCheck, hasSubmitted, insertResult, updateResult } from './inspection-result.repository';
import { findVisit } from './inspection-visit.repository';

export const entity = 'inspection_task';

export interface Recorder {
  actor: Actor;
  inspector: { id: number; name: string; departmentId: number };
  head: TaskHead;
  departmentId: number;
}

/** Only an inspector assigned to the task records on it, for the department they were assigned for. */
export async function recorderOf(trx: Db, actor: Actor | null, taskNo: string): Promise<Recorder> {
  requirePermission(actor, 'task:result:write');
  const inspector = await inspectorOfUser(trx, actor.userId);
  if (!inspector) throw forbidden('当前账号未关联执法检查人员');
  const head = await lockTaskHead(trx, taskNo);
  const departmentId = await assignmentOf(trx, head.id, inspector.id);
  if (departmentId === null) throw forbidden('只有本任务的执法检查人员可以操作');
  return { actor, inspector, head, departmentId };
}

/** The results deadline; null (unknown, never late) while the holiday notice of the year it falls in is not loaded. */
export async function dueOf(trx: Db, checkedInOn: string): Promise<string | null> {
  const calendar = await workCalendar(trx);
  return resultsDueOn(calendar, checkedInOn);
}

/** Results are recorded while the task is 检查中 (after check-in, before it is 已检查). */
export function requireInProgress(status: string): void {
  if (status !== '检查中')
    throw new AppError('CONFLICT', status === '已检查' ? '本任务已提交检查结果' : `任务${status}，请先签到`);
}

/** The check-in day of a task that is 检查中 (it has one by then). */
export async function checkedInOn(trx: Db, taskId: number): Promise<string> {
  const visit = await findVisit(trx, taskId);
  if (!visit) throw new Error(`inspection task ${taskId} is in progress without a visit`);
  return visit.checked_in_on!;
}

/** A department that recorded an off-site check of the task does not also record on site (one inspection per department). */
export async function refuseIfOffsite(trx: Db, taskId: number, departmentId: number): Promise<void> {
  const off = await findOffsiteCheck(trx, taskId, departmentId);
  if (off)
    throw new AppError(
      'CONFLICT',
      `本部门已于 ${off.conducted_on} 录入非现场检查，不能再录入现场检查结果（如需改为现场检查，请先由部门退回非现场检查）`,
    );
}

/** The recorder of a task in progress whose department has neither submitted nor checked it off site, with the results deadline. */
export async function departmentRecording(trx: Db, actor: Actor | null, taskNo: string) {
  const r = await recorderOf(trx, actor, taskNo);
  requireInProgress(r.head.status);
  if (await hasSubmitted(trx, r.head.id, r.departmentId))
    throw new AppError('CONFLICT', '本部门已提交检查结果，不能再修改');
  await refuseIfOffsite(trx, r.head.id, r.departmentId);
  return { ...r, dueOn: await dueOf(trx, await checkedInOn(trx, r.head.id)) };
}
export type DepartmentRecording = Awaited<ReturnType<typeof departmentRecording>>;

/**
 * Writes one check item's result (符合 / 不符合 / 不适用 with notes) with its audit entry. The same result and notes
 * sent again change nothing (a retried request keeps the first recording time and lateness); a different one
 * replaces it, marked late when entered after the 7th working day from check-in. Returns whether it changed.
 */
export async function writeResult(
  trx: Db,
  deps: AppDeps,
  c: DepartmentRecording,
  check: TaskCheck,
  input: ResultInput,
  before: { result: string; notes: string } | undefined,
): Promise<boolean> {
  if (before && before.result === input.result && before.notes === input.notes) return false;
  const now = deps.clock.now();
  const late = c.dueOn !== null && chinaDate(now) > c.dueOn;
  const values = {
    result: input.result,
    notes: input.notes,
    recorded_by: c.inspector.id,
    recorded_at: now,
    late,
    department_id: c.departmentId,
    item_code: check.itemCode,
  };
  if (before) await updateResult(trx, c.head.id, check.checkItemId, values);
  else await insertResult(trx, { task_id: c.head.id, check_item_id: check.checkItemId, ...values });
  await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(c.actor), {
    action: 'inspection.result',
    entityType: entity,
    entityId: c.head.taskNo,
    summary: `${c.inspector.name} 录入检查结果：${check.content.slice(0, 40)} —— ${input.result}${late ? `（逾期录入，期限 ${c.dueOn}）` : ''}`,
    before: before ? { checkItemId: check.checkItemId, result: before.result, notes: before.notes } : null,
    after: { checkItemId: check.checkItemId, result: input.result, notes: input.notes, late },
  });
  return true;
}
