import { type Actor, departmentFilter, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { industryCatalog } from '../industries/industry-catalog';
import { AppError, forbidden } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { SpecialPlanInput, SpecialPlanView } from './plan.schemas';
import { loadSpecialPlan, specialPlanView, visibleSpecialPlans } from './special-plan.repository';
import {
  insertSpecialPlan,
  isConsulted,
  samplingItemsByIds,
  subjectIdsByUscc,
  updateSpecialPlan,
} from './special-plan-write.repository';

const isOffice = (actor: Actor) => departmentFilter(actor, 'plan:plan:manage') === null;

/** Throws unless the actor may see the plan (see visibleSpecialPlans for the rule). */
export async function assertVisible(
  db: Db,
  actor: Actor,
  plan: { id: number; department_id: number; status: string },
): Promise<void> {
  if (plan.department_id === actor.departmentId || plan.status === '已公布') return;
  if (isOffice(actor) && plan.status !== '草稿') return;
  const consulted = await isConsulted(db, plan.id, actor.departmentId);
  if (!consulted)
    throw forbidden(
      plan.status === '草稿'
        ? '该方案是其他部门的草稿，尚未报送'
        : '只能查看本部门的方案、征求本部门意见的方案和已公布的方案',
    );
}

export async function listSpecialPlans(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'plan:plan:read');
  const rows = await visibleSpecialPlans(deps.db, actor.departmentId, isOffice(actor), chinaDate(deps.clock.now()));
  return rows.map((p) => ({
    id: p.id,
    title: p.title,
    kind: p.kind,
    departmentName: p.department_name,
    status: p.status,
    public: p.public,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    consultationDeadline: p.consultation_deadline,
    pendingAnswers: Number(p.pending ?? 0),
    overdueAnswers: Number(p.overdue ?? 0),
    updatedAt: p.updated_at.toISOString(),
  }));
}

export async function getSpecialPlan(deps: AppDeps, actor: Actor, id: number): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:read');
  await assertVisible(deps.db, actor, await loadSpecialPlan(deps.db, id));
  return specialPlanView(deps.db, id, chinaDate(deps.clock.now()));
}

/** Checks the input against the registers; returns the subject ids of the explicit list. */
async function resolveInput(db: Db, input: SpecialPlanInput): Promise<number[]> {
  const badCodes = input.scope.industries.filter((c) => !industryCatalog().has(c));
  if (badCodes.length)
    throw new AppError('VALIDATION', `行业代码 ${badCodes.join('、')} 不在 GB/T 4754-2017 中`, [
      { field: 'scope.industries', message: '行业代码无效' },
    ]);
  if (input.samplingItemIds.length) {
    const items = await samplingItemsByIds(db, input.samplingItemIds);
    const wrong = items.filter((i) => i.department_id !== input.departmentId || i.status !== '有效');
    if (items.length !== input.samplingItemIds.length || wrong.length)
      throw new AppError('VALIDATION', '方案只能选择发起部门本部门有效的随机抽查事项', [
        { field: 'samplingItemIds', message: '事项无效' },
      ]);
  }
  let ids: number[] = [];
  if (input.subjectUsccs.length) {
    const found = await subjectIdsByUscc(db, input.subjectUsccs);
    const known = new Set(found.map((s) => s.uscc));
    const missing = input.subjectUsccs.filter((c) => !known.has(c));
    if (missing.length)
      throw new AppError(
        'VALIDATION',
        `以下统一社会信用代码不在监管对象名录库中：${missing.slice(0, 10).join('、')}${missing.length > 10 ? ` 等 ${missing.length} 个` : ''}`,
        [{ field: 'subjectUsccs', message: '对象不存在' }],
      );
    ids = found.map((s) => Number(s.id));
  }
  const { industries, tags, subjectKinds, divisions } = input.scope;
  if (
    input.kind === '全项彻查' &&
    ids.length === 0 &&
    industries.length + tags.length + subjectKinds.length + divisions.length === 0
  ) {
    throw new AppError(
      'VALIDATION',
      '全项彻查须限定检查对象范围（行业、标签、区划或对象名单），才能确定需要参加的部门',
      [{ field: 'scope', message: '请限定范围' }],
    );
  }
  return ids;
}

const planValues = (input: SpecialPlanInput, subjectIds: number[]) => ({
  department_id: input.departmentId,
  kind: input.kind,
  title: input.title,
  basis: input.basis,
  scope: JSON.stringify(input.scope),
  subject_ids: subjectIds,
  period_from: input.periodFrom,
  period_to: input.periodTo,
  content: input.content,
  materials: input.materials,
  sampling_item_ids: input.samplingItemIds,
});

export async function createSpecialPlan(
  deps: AppDeps,
  actor: Actor,
  input: SpecialPlanInput,
): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:write');
  requireDepartmentScope(actor, 'plan:plan:write', input.departmentId);
  return deps.db.transaction().execute(async (trx) => {
    const subjectIds = await resolveInput(trx, input);
    const now = deps.clock.now();
    const id = await insertSpecialPlan(trx, {
      ...planValues(input, subjectIds),
      status: '草稿',
      public: false,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      published_content: null,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'special_plan.create',
      entityType: 'special_plan',
      entityId: id,
      summary: `起草${input.kind}方案“${input.title}”`,
      after: input,
    });
    return specialPlanView(trx, id, chinaDate(now));
  });
}

export async function changeSpecialPlan(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: SpecialPlanInput,
): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadSpecialPlan(trx, id);
    requireDepartmentScope(actor, 'plan:plan:write', before.department_id);
    requireDepartmentScope(actor, 'plan:plan:write', input.departmentId);
    if (before.status !== '草稿' && before.status !== '已退回')
      throw new AppError('CONFLICT', `方案${before.status}，不能修改`);
    const subjectIds = await resolveInput(trx, input);
    const now = deps.clock.now();
    await updateSpecialPlan(trx, id, { ...planValues(input, subjectIds), updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'special_plan.update',
      entityType: 'special_plan',
      entityId: id,
      summary: `修改${input.kind}方案“${input.title}”`,
      after: input,
    });
    return specialPlanView(trx, id, chinaDate(now));
  });
}

/** The department submits its draft (or a returned plan) to the joint meeting. */
export async function submitSpecialPlan(deps: AppDeps, actor: Actor, id: number): Promise<SpecialPlanView> {
  requirePermission(actor, 'plan:plan:write');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadSpecialPlan(trx, id);
    requireDepartmentScope(actor, 'plan:plan:write', plan.department_id);
    if (plan.status !== '草稿' && plan.status !== '已退回')
      throw new AppError('CONFLICT', `方案${plan.status}，不能重复报送`);
    const now = deps.clock.now();
    await updateSpecialPlan(trx, id, { status: '已报送', submitted_at: now, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'special_plan.submit',
      entityType: 'special_plan',
      entityId: id,
      summary: `报送${plan.kind}方案“${plan.title}”至联席会议`,
    });
    return specialPlanView(trx, id, chinaDate(now));
  });
}
