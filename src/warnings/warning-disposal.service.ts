import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { loadRegisterSubjects, sectionOfDivision } from '../draw/draw-frame-lookup.service';
import { subjectInScope } from '../draw/engine/frame';
import { proposeMatches } from '../registrations/visit-matching.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createTask } from '../tasks/task-create';
import { assertWarningTransition, warningTransitions, type WarningTransition } from './warning-lifecycle';
import { departmentItems, insertEvent, lockWarning, updateWarning } from './warning.repository';
import type { DisposeInput, FeedbackInput } from './warning.schemas';
import type { DisposalMethod, DisposalResult, WarningRow, WarningTable } from './warning.table';
import type { Updateable } from 'kysely';

/** A 预警核查 task checks at most this many of the department's items that fit the subject. */
const TASK_ITEMS = 3;

interface Step {
  transition: WarningTransition;
  note: string;
  values: Updateable<WarningTable>;
  /** Audit after-values (before is the status). */
  after: Partial<{
    checkNote: string;
    falseReason: string;
    method: DisposalMethod;
    measure: string;
    taskNo: string | null;
    result: DisposalResult;
    feedback: string;
  }>;
}

/** Locks the warning, checks the actor's department and the transition, applies `step`, records event and audit. */
async function step(
  deps: AppDeps,
  actor: Actor,
  id: number,
  build: (w: WarningRow, trx: Db, now: Date) => Promise<Step>,
): Promise<void> {
  requirePermission(actor, 'warning:handle');
  await deps.db.transaction().execute(async (trx) => {
    const w = await lockWarning(trx, id);
    if (!w) throw notFound('预警');
    requireDepartmentScope(actor, 'warning:handle', Number(w.department_id));
    if (Number(w.department_id) !== actor.departmentId) throw new AppError('FORBIDDEN', '预警由接收部门核查处置');
    const now = deps.clock.now();
    const s = await build(w, trx, now);
    assertWarningTransition(w.warning_no, w.status, s.transition);
    const to = warningTransitions[s.transition].to;
    await updateWarning(trx, id, { ...s.values, status: to, updated_at: now });
    await insertEvent(trx, {
      warning_id: id,
      action: warningTransitions[s.transition].label,
      from_status: w.status,
      to_status: to,
      note: s.note,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: `warning.${s.transition}`,
      entityType: 'warning',
      entityId: w.warning_no,
      summary: `预警 ${w.warning_no}${warningTransitions[s.transition].label}：${s.note}`,
      before: { status: w.status },
      after: { status: to, ...s.after },
    });
  });
}

/** 核查: the department has checked the warning and says what it found. */
export const checkWarning = (deps: AppDeps, actor: Actor, id: number, note: string) =>
  step(deps, actor, id, async () => ({
    transition: 'check',
    note,
    values: { check_note: note },
    after: { checkNote: note },
  }));

/** 误报: the check found nothing behind it; counts against the rule's hit rate. */
export const markFalsePositive = (deps: AppDeps, actor: Actor, id: number, reason: string) =>
  step(deps, actor, id, async (w, _trx, now) => ({
    transition: 'falsePositive',
    note: reason,
    values: { false_reason: reason, closed_at: now, closed_late: late(w, now) },
    after: { falseReason: reason },
  }));

/**
 * 处置: on site through a 预警核查 task (createTask, then matched with other departments' planned visits of the
 * subject), or off site with the measure described.
 */
export const disposeWarning = (deps: AppDeps, actor: Actor, id: number, input: DisposeInput) =>
  step(deps, actor, id, async (w, trx, now) => {
    if (input.method === '非现场处置')
      return {
        transition: 'dispose',
        note: `非现场处置：${input.measure}`,
        values: { disposal_method: '非现场处置', measure: input.measure },
        after: { method: '非现场处置', measure: input.measure, taskNo: null },
      };
    assertWarningTransition(w.warning_no, w.status, 'dispose');
    const today = chinaDate(now);
    const calendar = await workCalendar(trx);
    const windowTo = input.windowTo ?? (w.due_on && w.due_on > today ? w.due_on : calendar.addWorkingDays(today, 10));
    if (windowTo < today)
      throw new AppError('VALIDATION', '检查期至不得早于今天', [{ field: 'windowTo', message: '不得早于今天' }]);
    const items = await itemsFor(trx, Number(w.department_id), Number(w.subject_id));
    if (items.length === 0)
      throw new AppError('CONFLICT', '本部门没有适用于该监管对象的检查事项，请选择非现场处置或先在事项清单中增加');
    const wr = { trx, deps, now, who: auditSubjectOf(actor) };
    const task = await createTask(wr, {
      source: '预警核查',
      subjectId: Number(w.subject_id),
      window: { from: today, to: windowTo },
      departments: [{ departmentId: Number(w.department_id), items }],
      routine: false,
      origin: `风险预警 ${w.warning_no}`,
    });
    // 进一次门、查多项事: the check meets other departments' planned visits of the subject.
    await proposeMatches(wr, Number(today.slice(0, 4)), [Number(w.subject_id)]);
    const measure = input.measure || `现场核查（检查任务 ${task.taskNo}）`;
    return {
      transition: 'dispose',
      note: `现场核查：生成检查任务 ${task.taskNo}，检查期 ${today} 至 ${windowTo}`,
      values: { disposal_method: '现场核查', task_id: task.id, measure },
      after: { method: '现场核查', measure, taskNo: task.taskNo },
    };
  });

/** 反馈: result and feedback close the warning; an on-site check must have been inspected first. */
export const feedbackWarning = (deps: AppDeps, actor: Actor, id: number, input: FeedbackInput) =>
  step(deps, actor, id, async (w, _trx, now) => {
    if (w.status === '处置中' && w.disposal_method === '现场核查' && w.task_inspected_on === null)
      throw new AppError('CONFLICT', `预警 ${w.warning_no} 的预警核查任务尚未完成检查，检查后再反馈`);
    return {
      transition: 'feedback',
      note: `${input.result}：${input.feedback}`,
      values: { result: input.result, feedback: input.feedback, closed_at: now, closed_late: late(w, now) },
      after: { result: input.result, feedback: input.feedback },
    };
  });

const late = (w: WarningRow, now: Date) => w.due_on !== null && chinaDate(now) > w.due_on;

async function itemsFor(trx: Db, departmentId: number, subjectId: number) {
  const [items, [subject]] = await Promise.all([
    departmentItems(trx, departmentId),
    loadRegisterSubjects(trx, [subjectId]),
  ]);
  const sections = sectionOfDivision();
  return items
    .filter((it) => subject !== undefined && subjectInScope(subject, it.scope, sections))
    .slice(0, TASK_ITEMS)
    .map((it) => ({ code: it.code, name: it.name }));
}
