import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import type { TaskSource } from './task-lifecycle';
import { staffBySeed } from './task-staffing.service';
import { type TaskWrite, transitionTask } from './task-transition';
import { addTaskInspectors, setTaskItems } from './task-members.repository';
import { findTaskSubject, insertTask, lastTaskNo, lockTaskNoSeries } from './task-write.repository';

/** Task numbers by source: HB2026-00001 (合并), DJRW2026-00001 (登记), ZX2026-00001 (专项)…; a draw's follow its record. */
export const taskNoPrefix: Record<Exclude<TaskSource, '抽取'>, string> = {
  登记: 'DJRW',
  专项: 'ZX',
  合并: 'HB',
  跟踪: 'GZ',
  投诉核查: 'TSHC',
  预警核查: 'YJHC',
  协查: 'XC',
};

export interface NewTaskDepartment {
  departmentId: number;
  items: { code: string; name: string }[];
  /** Inspectors the department already sends (kept from absorbed tasks or named in the registration). */
  inspectorIds?: number[];
}

export interface NewTask {
  source: Exclude<TaskSource, '抽取'>;
  subjectId: number;
  /** A non-market inspection object; its responsible subject is `subjectId`. */
  inspectionObjectId?: number | null;
  window: { from: string; to: string };
  departments: NewTaskDepartment[];
  /** Counts against the routine-visit cap. */
  routine: boolean;
  registrationId?: number | null;
  specialPlanId?: number | null;
  /** What the audit entry says the task came from, e.g. 登记 DJ2026-00003. */
  origin: string;
  /** False keeps it 待发布 (a merge absorbing a draw task whose announcement is not out yet: publishing would reveal the draw). */
  publish?: boolean;
}

export interface CreatedTask {
  id: number;
  taskNo: string;
  unstaffedReason: string | null;
}

async function nextTaskNo(trx: Db, prefix: string): Promise<string> {
  // Numbers of one series are handed out one at a time (two merges at once must not take the same one).
  await lockTaskNoSeries(trx, prefix);
  const lastNo = await lastTaskNo(trx, prefix);
  const last = lastNo ? Number(lastNo.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(5, '0')}`;
}

/**
 * The one way a task other than a draw's comes into being (a draw's tasks are written in bulk by
 * task-persist.repository.ts): the task with its departments, items and kept inspectors, staffed by
 * the seeded selection (task-staffing.service.ts), then published through the lifecycle, which tells
 * its inspectors. Runs inside the caller's transaction. An unstaffable task is published all the same
 * with its reason, and listed for its departments to staff (选派、调整检查期).
 */
export async function createTask(w: TaskWrite, input: NewTask): Promise<CreatedTask> {
  const departments = input.departments.filter((d) => d.items.length > 0);
  if (departments.length === 0) throw new AppError('VALIDATION', '检查任务至少要有一个部门的一个检查事项');
  const subject = await findTaskSubject(w.trx, input.subjectId);
  const taskNo = await nextTaskNo(w.trx, `${taskNoPrefix[input.source]}${input.window.from.slice(0, 4)}-`);
  const id = await insertTask(w.trx, {
    task_no: taskNo,
    source: input.source,
    draw_record_id: null,
    subject_id: subject.id,
    uscc: subject.uscc,
    window_from: input.window.from,
    window_to: input.window.to,
    status: '待发布',
    unstaffed_reason: null,
    routine: input.routine,
    registration_id: input.registrationId ?? null,
    special_plan_id: input.specialPlanId ?? null,
    inspection_object_id: input.inspectionObjectId ?? null,
    created_at: w.now,
    updated_at: w.now,
  });
  const seen = new Set<string>();
  const items = departments.flatMap((d) =>
    d.items
      .filter((it) => !seen.has(it.code) && seen.add(it.code))
      .map((it) => ({ departmentId: d.departmentId, code: it.code, name: it.name })),
  );
  await setTaskItems(w.trx, id, items);
  const kept = new Map<number, number>();
  for (const d of departments) for (const i of d.inspectorIds ?? []) if (!kept.has(i)) kept.set(i, d.departmentId);
  await addTaskInspectors(
    w.trx,
    id,
    [...kept].map(([inspectorId, departmentId]) => ({ inspectorId, departmentId })),
  );
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'task.create',
    entityType: 'inspection_task',
    entityId: taskNo,
    summary: `生成检查任务 ${taskNo}（${input.source}，来自${input.origin}）：${subject.name}（${subject.uscc}），检查期 ${input.window.from} 至 ${input.window.to}，${departments.length} 个部门、${items.length} 个事项`,
    after: {
      taskNo,
      source: input.source,
      subjectId: subject.id,
      window: input.window,
      departmentIds: departments.map((d) => d.departmentId),
      itemCodes: items.map((i) => i.code),
      keptInspectorIds: [...kept.keys()],
    },
  });
  const staffing = await staffBySeed(w, id);
  if (input.publish !== false) await transitionTask(w, id, 'publish');
  return { id, taskNo, unstaffedReason: staffing.unstaffedReason };
}
