import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { loadAnnualPlan } from './annual-plan.repository';
import {
  deleteJointItemRow,
  entriesById,
  entryIdForItem,
  findEntry,
  findEntryWithItem,
  findSamplingItem,
  insertEntry,
  insertJointItem,
  jointItemDepartmentCount,
  updateEntries,
} from './annual-plan-entry.repository';
import { annualPlanView, assertEditable, planName } from './annual-plan.service';
import type { AnnualPlanView, EntryInput, JointItemInput } from './plan.schemas';

/** A department submits (or, after a return, resubmits) one sampling item for the plan year. */
export async function saveEntry(
  deps: AppDeps,
  actor: Actor,
  planId: number,
  input: EntryInput,
  entryId: number | null,
): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:write');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadAnnualPlan(trx, planId);
    assertEditable(plan);
    const item = await findSamplingItem(trx, input.samplingItemId);
    if (!item) throw notFound('随机抽查事项');
    requireDepartmentScope(actor, 'plan:plan:write', item.department_id);
    if (item.status !== '有效')
      throw new AppError('VALIDATION', `随机抽查事项“${item.name}”已停用，不能列入计划`, [
        { field: 'samplingItemId', message: '已停用' },
      ]);
    const year = String(plan.year);
    if (!input.periodFrom.startsWith(year) || !input.periodTo.startsWith(year))
      throw new AppError('VALIDATION', `抽查时间应在 ${plan.year} 年内`, [
        { field: 'periodFrom', message: `应在 ${plan.year} 年内` },
      ]);
    const same = await entryIdForItem(trx, planId, item.id);
    if (same !== null && same !== entryId)
      throw new AppError('CONFLICT', `“${item.name}”已列入本计划，请修改原条目`, [
        { field: 'samplingItemId', message: '已列入' },
      ]);
    const now = deps.clock.now();
    const values = {
      sampling_item_id: item.id,
      department_id: item.department_id,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      content: input.content,
      materials: input.materials,
      status: '已报送' as const,
      return_reason: null,
      submitted_at: now,
      reviewed_at: null,
    };
    let id = entryId;
    if (entryId === null) {
      id = await insertEntry(trx, { plan_id: planId, ...values });
    } else {
      const before = await findEntry(trx, planId, entryId);
      if (!before) throw notFound('计划条目');
      requireDepartmentScope(actor, 'plan:plan:write', before.department_id);
      if (before.status === '已采纳') throw new AppError('CONFLICT', '该条目已被联席会议办公室采纳，不能再修改');
      await updateEntries(trx, [entryId], values);
    }
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: entryId === null ? 'annual_plan.entry_submit' : 'annual_plan.entry_resubmit',
      entityType: 'annual_plan',
      entityId: planId,
      summary: `${actor.departmentName}报送${planName(plan)}条目“${item.name}”（${input.periodFrom} 至 ${input.periodTo}）`,
      after: { entryId: id, ...input },
    });
    return annualPlanView(trx, actor, planId, chinaDate(now));
  });
}

/** A joint item left with entries of fewer than two departments is no longer joint: it is removed. */
async function dropJointItemBelowTwoDepartments(db: Db, jointItemId: number): Promise<void> {
  if ((await jointItemDepartmentCount(db, jointItemId)) < 2) await deleteJointItemRow(db, jointItemId);
}

/** The office accepts an entry, or returns it to its department with the reason. */
export async function reviewEntry(
  deps: AppDeps,
  actor: Actor,
  planId: number,
  entryId: number,
  decision: { accept: true } | { accept: false; reason: string },
): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadAnnualPlan(trx, planId);
    assertEditable(plan);
    const entry = await findEntryWithItem(trx, planId, entryId);
    if (!entry) throw notFound('计划条目');
    // An accepted entry can still be returned while the plan is open (e.g. in a revision), never accepted twice.
    if (decision.accept ? entry.status !== '已报送' : entry.status === '已退回') {
      throw new AppError(
        'CONFLICT',
        decision.accept ? `该条目${entry.status}，只有已报送待审核的条目可以采纳` : '该条目已退回，待部门重新报送',
      );
    }
    const now = deps.clock.now();
    await updateEntries(
      trx,
      [entryId],
      decision.accept
        ? { status: '已采纳', reviewed_at: now }
        : { status: '已退回', return_reason: decision.reason, reviewed_at: now, joint_item_id: null },
    );
    if (!decision.accept && entry.joint_item_id !== null)
      await dropJointItemBelowTwoDepartments(trx, entry.joint_item_id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: decision.accept ? 'annual_plan.entry_accept' : 'annual_plan.entry_return',
      entityType: 'annual_plan',
      entityId: planId,
      summary: decision.accept ? `采纳条目“${entry.name}”` : `退回条目“${entry.name}”：${decision.reason}`,
      after: { entryId },
    });
    return annualPlanView(trx, actor, planId, chinaDate(now));
  });
}

/** Groups entries of several departments into one joint item (联合抽查事项). */
export async function createJointItem(
  deps: AppDeps,
  actor: Actor,
  planId: number,
  input: JointItemInput,
): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadAnnualPlan(trx, planId);
    assertEditable(plan);
    const entries = await entriesById(trx, planId, input.entryIds);
    if (entries.length !== input.entryIds.length)
      throw new AppError('VALIDATION', '所选条目不属于本计划', [{ field: 'entryIds', message: '条目不存在' }]);
    if (entries.some((e) => e.joint_item_id !== null))
      throw new AppError('CONFLICT', '所选条目已编入其他联合抽查事项', [{ field: 'entryIds', message: '已编入' }]);
    if (entries.some((e) => e.status === '已退回'))
      throw new AppError('VALIDATION', '已退回的条目不能编入联合抽查事项', [
        { field: 'entryIds', message: '含已退回条目' },
      ]);
    const departments = new Set(entries.map((e) => e.department_id));
    if (departments.size < 2)
      throw new AppError('VALIDATION', '联合抽查事项须包含两个以上部门的条目', [
        { field: 'entryIds', message: '只有一个部门' },
      ]);
    if (!departments.has(input.initiatingDepartmentId))
      throw new AppError('VALIDATION', '发起部门须是所选条目的部门之一', [
        { field: 'initiatingDepartmentId', message: '不在所选条目中' },
      ]);
    const now = deps.clock.now();
    const id = await insertJointItem(trx, {
      plan_id: planId,
      name: input.name,
      initiating_department_id: input.initiatingDepartmentId,
      created_at: now,
    });
    await updateEntries(trx, input.entryIds, { joint_item_id: id });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'annual_plan.joint_item',
      entityType: 'annual_plan',
      entityId: planId,
      summary: `编入联合抽查事项“${input.name}”（${departments.size} 个部门）`,
      after: input,
    });
    return annualPlanView(trx, actor, planId, chinaDate(now));
  });
}

export async function deleteJointItem(
  deps: AppDeps,
  actor: Actor,
  planId: number,
  jointItemId: number,
): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadAnnualPlan(trx, planId);
    assertEditable(plan);
    const jointName = await deleteJointItemRow(trx, jointItemId, planId);
    if (jointName === undefined) throw notFound('联合抽查事项');
    const now = deps.clock.now();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'annual_plan.joint_item_delete',
      entityType: 'annual_plan',
      entityId: planId,
      summary: `撤销联合抽查事项“${jointName}”`,
    });
    return annualPlanView(trx, actor, planId, chinaDate(now));
  });
}
