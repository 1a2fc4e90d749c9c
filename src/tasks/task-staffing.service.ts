import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { ItemRequirement } from '../inspectors/inspector-eligibility';
import { candidateInspectors } from '../inspectors/inspector-lookup.service';
import { staffTask, type StaffingResult } from './task-staffing';
import type { TaskWrite } from './task-transition';
import {
  auditChainHead,
  departmentRows,
  findStaffingTaskRow,
  insertStaffing,
  inspectorsOnTask,
  setUnstaffedReason,
  staffingCount,
  taskItemRequirementRows,
} from './task-staffing.repository';
import { addTaskInspectors, removeTaskInspectors } from './task-members.repository';

interface StaffingTask {
  id: number;
  taskNo: string;
  subjectId: number;
  uscc: string;
  window: { from: string; to: string };
}

/** What each department's items on the task ask of inspectors (a supervision item without a sampling item asks the default). */
export async function taskRequirements(db: Db, taskId: number): Promise<Map<number, ItemRequirement[]>> {
  const rows = await taskItemRequirementRows(db, taskId);
  const out = new Map<number, ItemRequirement[]>();
  for (const r of rows) {
    const list = out.get(Number(r.department_id)) ?? [];
    list.push({
      code: r.item_code,
      fields: r.inspector_requirements?.fields ?? [],
      minInspectors: r.inspector_requirements?.minInspectors ?? 2,
    });
    out.set(Number(r.department_id), list);
  }
  return out;
}

export async function staffingTask(db: Db, taskId: number): Promise<StaffingTask> {
  const t = await findStaffingTaskRow(db, taskId);
  return {
    id: Number(t.id),
    taskNo: t.task_no,
    subjectId: Number(t.subject_id),
    uscc: t.uscc,
    window: { from: t.window_from, to: t.window_to },
  };
}

/**
 * The seed of a staffing: the task number, the attempt, and the head of the audit chain at that moment
 * (which nobody can choose, and which the chain keeps), hashed. Kept with the staffing record.
 */
async function staffingSeed(db: Db, taskNo: string): Promise<string> {
  const [head, attempts] = await Promise.all([auditChainHead(db), staffingCount(db, taskNo)]);
  return createHash('sha256')
    .update(`${taskNo}|${attempts + 1}|${head ?? ''}`)
    .digest('hex');
}

async function departmentNames(db: Db, ids: readonly number[]): Promise<Record<number, string>> {
  if (ids.length === 0) return {};
  const rows = await departmentRows(db, ids);
  return Object.fromEntries(rows.map((r) => [Number(r.id), r.name]));
}

/**
 * Staffs the task by the seeded selection: the inspectors already on it stay (kept from absorbed tasks
 * or named by the registering department), each department without a qualified one gets one, and the task
 * is filled to its minimum. The seed, the eligible pools in order and the outcome are kept
 * (task_staffings) and audited; an unstaffable task keeps its reason and is listed for the department.
 */
export async function staffBySeed(w: TaskWrite, taskId: number): Promise<StaffingResult> {
  const task = await staffingTask(w.trx, taskId);
  const requirements = await taskRequirements(w.trx, taskId);
  const onTask = await inspectorsOnTask(w.trx, taskId);
  const departmentIds = [...requirements.keys()];
  const [inspectors, names, seed] = await Promise.all([
    candidateInspectors(w.trx, departmentIds, task.window, { id: task.subjectId, uscc: task.uscc }),
    departmentNames(w.trx, departmentIds),
    staffingSeed(w.trx, task.taskNo),
  ]);
  const result = staffTask({
    seed,
    uscc: task.uscc,
    window: task.window,
    inspectors,
    departmentNames: names,
    departments: departmentIds.map((d) => ({
      departmentId: d,
      items: requirements.get(d)!,
      keep: onTask.filter((o) => o.departmentId === d).map((o) => o.inspectorId),
    })),
  });
  const before = new Set(onTask.map((o) => o.inspectorId));
  const added = result.picks.filter((p) => !before.has(p.inspectorId));
  const kept = new Set(result.picks.filter((p) => before.has(p.inspectorId)).map((p) => p.inspectorId));
  await removeTaskInspectors(w.trx, taskId, { inspectorIds: result.dropped.map((d) => d.inspectorId) });
  await addTaskInspectors(
    w.trx,
    taskId,
    added.map((p) => ({ inspectorId: p.inspectorId, departmentId: p.departmentId })),
  );
  await setUnstaffedReason(w.trx, taskId, result.unstaffedReason, w.now);
  await insertStaffing(w.trx, {
    task_id: taskId,
    department_id: null,
    method: '随机',
    seed,
    detail: JSON.stringify({ pools: result.pools, kept: [...kept], dropped: result.dropped }),
    inspector_ids: added.map((p) => p.inspectorId),
    unstaffed_reason: result.unstaffedReason,
    reason: null,
    staffed_by: w.who.userId,
    staffed_by_name: w.who.name,
    staffed_at: w.now,
  });
  const who = new Map(inspectors.map((i) => [i.id, i.name]));
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'task.staff',
    entityType: 'inspection_task',
    entityId: task.taskNo,
    summary:
      `检查任务 ${task.taskNo} 按种子随机选派执法检查人员：${added.length ? added.map((p) => who.get(p.inspectorId) ?? p.inspectorId).join('、') : '未新增'}${kept.size ? `（沿用 ${kept.size} 名）` : ''}` +
      `${result.dropped.map((d) => `；${who.get(d.inspectorId) ?? d.inspectorId}不再选派：${d.reason}`).join('')}${result.unstaffedReason ? `；未能配齐：${result.unstaffedReason}` : ''}`,
    after: {
      seed,
      added: added.map((p) => p.inspectorId),
      kept: [...kept],
      dropped: result.dropped,
      unstaffedReason: result.unstaffedReason,
    },
  });
  return result;
}
