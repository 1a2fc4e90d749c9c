import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { fullCheckDepartments } from './full-check';
import { kickOutbox } from '../notifications/dispatcher';
import { createSpecialPlanTasks } from './special-plan-tasks';
import type { AnswerInput, PublishedSpecialPlan, SpecialPlanView } from './plan.schemas';
import { itemRefs, loadSpecialPlan, specialPlanLines, specialPlanView } from './special-plan.repository';
import {
  activeDepartmentCount,
  isConsulted,
  lockSpecialPlan,
  replaceConsultations,
  samplingItemsByIds,
  updateConsultation,
  updateSpecialPlan,
} from './special-plan-write.repository';

/** Departments confirm a joint plan within 5 working days (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十四条). */
export const CONSULTATION_WORKING_DAYS = 5;

/**
 * The office consults departments on a submitted plan. A full-item check (全项彻查) also consults,
 * without being asked, every department whose published items cover the plan's subjects.
 * The deadline is the 5th working day after the day the consultation starts.
 */
export async function startConsultation(
  deps: AppDeps,
  actor: Actor,
  id: number,
  departmentIds: number[],
): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadSpecialPlan(trx, id);
    if (plan.status !== '已报送') throw new AppError('CONFLICT', `方案${plan.status}，只有已报送的方案可以征求意见`);
    const pulled = plan.kind === '全项彻查' ? await fullCheckDepartments(trx, plan.scope, plan.subject_ids) : [];
    const pulledIds = new Set(pulled.map((d) => d.id));
    const chosen = new Set([...departmentIds, ...pulledIds]);
    chosen.delete(plan.department_id);
    if (chosen.size === 0)
      throw new AppError('VALIDATION', '请至少选择一个征求意见的部门', [
        { field: 'departmentIds', message: '未选择部门' },
      ]);
    const known = await activeDepartmentCount(trx, [...chosen]);
    if (known !== chosen.size)
      throw new AppError('VALIDATION', '所选部门不存在或已停用', [{ field: 'departmentIds', message: '部门无效' }]);
    const now = deps.clock.now();
    const start = chinaDate(now);
    const deadline = (await workCalendar(trx)).addWorkingDays(start, CONSULTATION_WORKING_DAYS);
    await replaceConsultations(
      trx,
      id,
      [...chosen]
        .sort((a, b) => a - b)
        .map((department_id) => ({
          plan_id: id,
          department_id,
          pulled_in: pulledIds.has(department_id),
          late: false,
          sampling_item_ids: [],
        })),
    );
    await updateSpecialPlan(trx, id, {
      status: '征求意见中',
      consultation_start: start,
      consultation_deadline: deadline,
      return_reason: null,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'special_plan.consult',
      entityType: 'special_plan',
      entityId: id,
      summary: `就“${plan.title}”向 ${chosen.size} 个部门征求意见${pulledIds.size ? `（全项彻查自动纳入 ${pulledIds.size} 个）` : ''}，答复期限 ${deadline}`,
      after: { departmentIds: [...chosen], pulledIn: [...pulledIds], start, deadline },
    });
    return specialPlanView(trx, id, start);
  });
}

/** A consulted department joins (with its items) or declines (with a reason); answers after the deadline are kept and marked late. */
export async function answerConsultation(
  deps: AppDeps,
  actor: Actor,
  id: number,
  departmentId: number,
  input: AnswerInput,
): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:write');
  requireDepartmentScope(actor, 'plan:plan:write', departmentId);
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadSpecialPlan(trx, id);
    if (plan.status !== '征求意见中') throw new AppError('CONFLICT', `方案${plan.status}，不在征求意见阶段`);
    if (!(await isConsulted(trx, id, departmentId))) throw notFound('对本部门的征求意见');
    const itemIds = input.answer === '参加' ? [...new Set(input.samplingItemIds)] : [];
    if (itemIds.length) {
      const items = await samplingItemsByIds(trx, itemIds);
      if (
        items.length !== itemIds.length ||
        items.some((i) => i.department_id !== departmentId || i.status !== '有效')
      ) {
        throw new AppError('VALIDATION', '只能选择本部门有效的随机抽查事项', [
          { field: 'samplingItemIds', message: '事项无效' },
        ]);
      }
    }
    const now = deps.clock.now();
    const today = chinaDate(now);
    const late = today > plan.consultation_deadline!;
    await updateConsultation(trx, id, departmentId, {
      answer: input.answer,
      reason: input.reason || null,
      sampling_item_ids: itemIds,
      answered_at: now,
      answered_on: today,
      late,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'special_plan.answer',
      entityType: 'special_plan',
      entityId: id,
      summary: `${actor.departmentName}答复“${plan.title}”：${input.answer}${late ? `（逾期，期限 ${plan.consultation_deadline}）` : ''}`,
      after: { departmentId, ...input, late },
    });
    return specialPlanView(trx, id, today);
  });
}

export async function returnSpecialPlan(
  deps: AppDeps,
  actor: Actor,
  id: number,
  reason: string,
): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadSpecialPlan(trx, id);
    if (plan.status !== '已报送' && plan.status !== '征求意见中')
      throw new AppError('CONFLICT', `方案${plan.status}，不能退回`);
    const now = deps.clock.now();
    await updateSpecialPlan(trx, id, { status: '已退回', return_reason: reason, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'special_plan.return',
      entityType: 'special_plan',
      entityId: id,
      summary: `退回“${plan.title}”：${reason}`,
    });
    return specialPlanView(trx, id, chinaDate(now));
  });
}

async function publishedContent(db: Db, id: number, now: Date): Promise<PublishedSpecialPlan> {
  const view = await specialPlanView(db, id, chinaDate(now));
  const refs = await itemRefs(
    db,
    [...view.samplingItems, ...view.consultations.flatMap((c) => c.samplingItems)].map((i) => i.id),
  );
  const lines = specialPlanLines(view, refs);
  return {
    kind: view.kind,
    title: view.title,
    initiatingDepartment: view.departmentName,
    departments: [...new Set([view.departmentName, ...lines.map((l) => l.departmentName)])],
    basis: view.basis,
    periodFrom: view.periodFrom,
    periodTo: view.periodTo,
    objectScope: view.scopeText,
    publishedAt: now.toISOString(),
    lines,
  };
}

/** The joint meeting approves the plan; `public` decides whether it is announced (《黄浦区精准高效协同监管实施办法（试行）》第八条: 条件成熟的向社会公布). */
export async function approveSpecialPlan(
  deps: AppDeps,
  actor: Actor,
  id: number,
  announce: boolean,
): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  const view = await deps.db.transaction().execute(async (trx) => {
    // Two approvals at once are serialised: the second sees 已批准 / 已公布 and is refused.
    await lockSpecialPlan(trx, id);
    const plan = await loadSpecialPlan(trx, id);
    if (plan.status !== '征求意见中')
      throw new AppError('CONFLICT', `方案${plan.status}，只有征求意见中的方案可以批准`);
    const now = deps.clock.now();
    const content = await publishedContent(trx, id, now);
    if (content.lines.length === 0)
      throw new AppError('VALIDATION', '方案没有任何抽查事项（发起部门未选择事项，也没有部门参加），不能批准');
    await updateSpecialPlan(trx, id, {
      status: announce ? '已公布' : '已批准',
      public: announce,
      approved_at: now,
      published_at: announce ? now : null,
      published_content: JSON.stringify(content),
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: announce ? 'special_plan.publish' : 'special_plan.approve',
      entityType: 'special_plan',
      entityId: id,
      summary: `批准“${plan.title}”${announce ? '并向社会公布' : '（不公开）'}：${content.departments.join('、')}`,
      after: { public: announce, departments: content.departments },
    });
    // The approved plan is carried out: its subjects become published, staffed joint tasks.
    await createSpecialPlanTasks({ trx, deps, now, who: auditSubjectOf(actor) }, id);
    return specialPlanView(trx, id, chinaDate(now));
  });
  kickOutbox(deps);
  return view;
}

/** Announces an approved plan that was first kept unpublished. */
export async function publishSpecialPlan(deps: AppDeps, actor: Actor, id: number): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadSpecialPlan(trx, id);
    if (plan.status !== '已批准') throw new AppError('CONFLICT', `方案${plan.status}，只有已批准的方案可以公布`);
    const now = deps.clock.now();
    const content = { ...plan.published_content!, publishedAt: now.toISOString() };
    await updateSpecialPlan(trx, id, {
      status: '已公布',
      public: true,
      published_at: now,
      published_content: JSON.stringify(content),
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'special_plan.publish',
      entityType: 'special_plan',
      entityId: id,
      summary: `向社会公布“${plan.title}”`,
    });
    return specialPlanView(trx, id, chinaDate(now));
  });
}
