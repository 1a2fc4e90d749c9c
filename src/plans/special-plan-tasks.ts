import { recordAudit } from '../audit/audit.service';
import { loadFrameRegisters, loadRoundItems } from '../draw/draw-frame-lookup.service';
import { frameParamsOf } from '../draw/draw.service';
import { buildFrames } from '../draw/engine/frame';
import type { RoundItem } from '../draw/engine/types';
import { AppError } from '../shared/app-error';
import { createTask, type NewTaskDepartment } from '../tasks/task-create';
import type { TaskWrite } from '../tasks/task-transition';
import { loadSpecialPlan } from './special-plan.repository';
import { joinedConsultations } from './special-plan-write.repository';

/** The most subjects one special plan turns into tasks at its approval; a wider campaign lists its subjects or narrows its scope. */
export const SPECIAL_PLAN_TASK_LIMIT = 2000;

export interface SpecialPlanTasks {
  created: number;
  unstaffed: number;
  /** Subjects of the plan no joining department's item covers, or excluded (whitelisted, item already inspected this year). */
  skipped: number;
}

/**
 * An approved special plan (专项检查, 全项彻查) becomes tasks: one joint visit per subject (综合查一次),
 * carrying the items of every department that joined — the initiator's and those whose consultation
 * answer was 参加 — whose object scope covers the subject. The plan's subjects are its list, or every
 * subject in its scope, decided exactly as a draw frame decides (src/draw/engine/frame.ts): 存续 only,
 * whitelisted subjects left out (no proactive visit), an item already inspected on the subject this year
 * left out (same item once a year); the routine-visit cap does not apply (a special check is not routine).
 * Each task is staffed by the seeded selection and published. Runs inside the approval's transaction.
 */
export async function createSpecialPlanTasks(w: TaskWrite, planId: number): Promise<SpecialPlanTasks> {
  const plan = await loadSpecialPlan(w.trx, planId);
  const joined = await joinedConsultations(w.trx, planId);
  const itemIds = [...new Set([...plan.sampling_item_ids, ...joined.flatMap((j) => j.sampling_item_ids)].map(Number))];
  const items = await loadRoundItems(w.trx, itemIds, 'poisson');
  if (items.length === 0) return { created: 0, unstaffed: 0, skipped: 0 };
  const planItem: RoundItem = {
    id: 0,
    code: '',
    departmentId: plan.department_id,
    scope: plan.scope,
    ratios: { A: 100, B: 100, C: 100, D: 100 },
    design: 'poisson',
    keyTargetsCertain: true,
    fields: [],
    minInspectors: 2,
  };
  const year = Number(plan.period_from.slice(0, 4));
  // A listed plan reads only its subjects from the register.
  const registers = await loadFrameRegisters(
    w.trx,
    [planItem, ...items],
    year,
    plan.subject_ids.length ? plan.subject_ids : undefined,
  );
  const frames = buildFrames(registers, { ...(await frameParamsOf(w.trx)), routineVisitCap: Number.MAX_SAFE_INTEGER });
  const planMembers = [...(frames.items.find((f) => f.id === 0)?.members ?? [])];
  if (planMembers.length > SPECIAL_PLAN_TASK_LIMIT) {
    throw new AppError(
      'VALIDATION',
      `方案范围内有 ${planMembers.length} 户检查对象，超过一次生成检查任务的上限 ${SPECIAL_PLAN_TASK_LIMIT} 户：请缩小检查对象范围或列明检查对象名单后再批准`,
      [{ field: 'scope', message: '检查对象过多' }],
    );
  }
  const byId = new Map(items.map((i) => [i.id, i]));
  const coverage = new Map<number, RoundItem[]>();
  for (const frame of frames.items) {
    if (frame.id === 0) continue;
    for (const m of frame.members) coverage.set(m, [...(coverage.get(m) ?? []), byId.get(frame.id)!]);
  }
  const window = { from: plan.period_from, to: plan.period_to };
  let created = 0;
  let unstaffed = 0;
  for (const member of planMembers) {
    const covering = coverage.get(member) ?? [];
    if (covering.length === 0) continue;
    const departments = new Map<number, NewTaskDepartment>();
    for (const item of covering) {
      const d = departments.get(item.departmentId) ?? { departmentId: item.departmentId, items: [] };
      d.items.push({ code: item.code, name: items.find((i) => i.id === item.id)!.name });
      departments.set(item.departmentId, d);
    }
    const task = await createTask(w, {
      source: '专项',
      subjectId: frames.subjectIds[member]!,
      window,
      routine: false,
      specialPlanId: planId,
      departments: [...departments.values()].sort((a, b) => a.departmentId - b.departmentId),
      origin: `${plan.kind}方案“${plan.title}”`,
    });
    created += 1;
    if (task.unstaffedReason) unstaffed += 1;
  }
  const listedCount = plan.subject_ids.length || planMembers.length;
  const result = { created, unstaffed, skipped: listedCount - created };
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'special_plan.tasks',
    entityType: 'special_plan',
    entityId: planId,
    summary: `“${plan.title}”生成检查任务 ${created} 个（联合检查，各部门事项合并入企）${unstaffed ? `，其中 ${unstaffed} 个未能配齐人员，待部门选派` : ''}${result.skipped ? `；${result.skipped} 户不在参加部门事项的检查范围内或本年度已检查过该事项、为白名单主体，未生成任务` : ''}`,
    after: { ...result },
  });
  return result;
}
