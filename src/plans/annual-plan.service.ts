import { loadSupervisionRules } from '../settings/visit-rules-setting';
import { type Actor, departmentFilter, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { entriesOf, jointItemsOf, loadAnnualPlan } from './annual-plan.repository';
import type { AnnualPlanCreate, AnnualPlanView, EntryInput, JointItemInput } from './plan.schemas';
import type { AnnualPlanRow } from './plan.table';

export const planName = (p: Pick<AnnualPlanRow, 'year' | 'revision'>) =>
  `${p.year} 年度日常检查计划${p.revision > 1 ? `（第 ${p.revision} 版）` : ''}`;

export function assertEditable(plan: AnnualPlanRow): void {
  if (plan.status !== '编制中')
    throw new AppError(
      'CONFLICT',
      `${planName(plan)}已公布，不能再修改；如需调整，请由联席会议办公室说明理由后发起修订`,
    );
}

export async function annualPlanView(db: Db, actor: Actor, id: number, today: string): Promise<AnnualPlanView> {
  const plan = await loadAnnualPlan(db, id);
  // Departments see their own entries while the plan is being assembled; the office sees all.
  const entries = await entriesOf(
    db,
    id,
    departmentFilter(actor, 'plan:plan:manage') === null ? null : actor.departmentId,
  );
  const revisions = await db
    .selectFrom('annual_plans')
    .select(['id', 'revision', 'status', 'revision_reason', 'published_at'])
    .where('year', '=', plan.year)
    .orderBy('revision')
    .execute();
  const publishedOn = plan.published_at ? chinaDate(plan.published_at) : null;
  return {
    id: plan.id,
    year: plan.year,
    revision: plan.revision,
    title: plan.title,
    status: plan.status,
    submissionDeadline: plan.submission_deadline,
    publishDeadline: plan.publish_deadline,
    publishOverdue: (publishedOn ?? today) > plan.publish_deadline && plan.revision === 1,
    revisionReason: plan.revision_reason,
    publishedAt: plan.published_at?.toISOString() ?? null,
    entries,
    jointItems: await jointItemsOf(db, id, entries),
    revisions: revisions.map((r) => ({
      id: r.id,
      revision: r.revision,
      status: r.status,
      reason: r.revision_reason,
      publishedAt: r.published_at?.toISOString() ?? null,
    })),
    published: plan.published_content,
  };
}

export async function listAnnualPlans(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'plan:plan:read');
  const rows = await deps.db
    .selectFrom('annual_plans as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('annual_plan_entries as e')
        .whereRef('e.plan_id', '=', 'p.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('entry_count'),
      eb
        .selectFrom('annual_plan_entries as e')
        .whereRef('e.plan_id', '=', 'p.id')
        .select((sub) => sub.fn.count<number>('e.department_id').distinct().as('n'))
        .as('department_count'),
    ])
    .orderBy('p.year', 'desc')
    .orderBy('p.revision', 'desc')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    year: p.year,
    revision: p.revision,
    title: p.title,
    status: p.status,
    submissionDeadline: p.submission_deadline,
    publishDeadline: p.publish_deadline,
    publishedAt: p.published_at?.toISOString() ?? null,
    entryCount: Number(p.entry_count ?? 0),
    departmentCount: Number(p.department_count ?? 0),
  }));
}

export async function getAnnualPlan(deps: AppDeps, actor: Actor, id: number): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:read');
  return annualPlanView(deps.db, actor, id, chinaDate(deps.clock.now()));
}

export async function createAnnualPlan(deps: AppDeps, actor: Actor, input: AnnualPlanCreate): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  // The district's rule (31 March in Huangpu, end of April in Rizhao), src/settings/visit-rules-setting.ts.
  const publishDeadline = `${input.year}-${(await loadSupervisionRules(deps.db)).annualPlanPublishBy}`;
  const submissionDeadline = input.submissionDeadline ?? `${input.year}-03-10`;
  if (submissionDeadline > publishDeadline)
    throw new AppError('VALIDATION', `部门报送截止日期不能晚于计划公布截止日期 ${publishDeadline}`, [
      { field: 'submissionDeadline', message: '晚于公布截止日期' },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('annual_plans').select('id').where('year', '=', input.year).executeTakeFirst();
    if (clash)
      throw new AppError('CONFLICT', `${input.year} 年度日常检查计划已存在`, [{ field: 'year', message: '已存在' }]);
    const now = deps.clock.now();
    const title = input.title ?? `${input.year}年度日常检查计划`;
    const { id } = await trx
      .insertInto('annual_plans')
      .values({
        year: input.year,
        revision: 1,
        title,
        status: '编制中',
        submission_deadline: submissionDeadline,
        publish_deadline: publishDeadline,
        published_content: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'annual_plan.create',
      entityType: 'annual_plan',
      entityId: id,
      summary: `编制“${title}”，部门报送截止 ${submissionDeadline}`,
      after: { ...input, submissionDeadline },
    });
    return annualPlanView(trx, actor, id, chinaDate(now));
  });
}

export async function setSubmissionDeadline(
  deps: AppDeps,
  actor: Actor,
  id: number,
  submissionDeadline: string,
): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadAnnualPlan(trx, id);
    assertEditable(plan);
    if (submissionDeadline > plan.publish_deadline)
      throw new AppError('VALIDATION', `部门报送截止日期不能晚于计划公布截止日期 ${plan.publish_deadline}`, [
        { field: 'submissionDeadline', message: '晚于公布截止日期' },
      ]);
    const now = deps.clock.now();
    await trx
      .updateTable('annual_plans')
      .set({ submission_deadline: submissionDeadline, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'annual_plan.deadline',
      entityType: 'annual_plan',
      entityId: id,
      summary: `${planName(plan)}部门报送截止日期改为 ${submissionDeadline}`,
      before: { submissionDeadline: plan.submission_deadline },
      after: { submissionDeadline },
    });
    return annualPlanView(trx, actor, id, chinaDate(now));
  });
}

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
    const item = await trx
      .selectFrom('sampling_items')
      .select(['id', 'name', 'department_id', 'status'])
      .where('id', '=', input.samplingItemId)
      .executeTakeFirst();
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
    const same = await trx
      .selectFrom('annual_plan_entries')
      .select('id')
      .where('plan_id', '=', planId)
      .where('sampling_item_id', '=', item.id)
      .executeTakeFirst();
    if (same && same.id !== entryId)
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
      ({ id } = await trx
        .insertInto('annual_plan_entries')
        .values({ plan_id: planId, ...values })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      const before = await trx
        .selectFrom('annual_plan_entries')
        .selectAll()
        .where('id', '=', entryId)
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      if (!before) throw notFound('计划条目');
      requireDepartmentScope(actor, 'plan:plan:write', before.department_id);
      if (before.status === '已采纳') throw new AppError('CONFLICT', '该条目已被联席会议办公室采纳，不能再修改');
      await trx.updateTable('annual_plan_entries').set(values).where('id', '=', entryId).execute();
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
  const { n } = await db
    .selectFrom('annual_plan_entries')
    .select((eb) => eb.fn.count<number>('department_id').distinct().as('n'))
    .where('joint_item_id', '=', jointItemId)
    .executeTakeFirstOrThrow();
  if (Number(n) < 2) await db.deleteFrom('annual_plan_joint_items').where('id', '=', jointItemId).execute();
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
    const entry = await trx
      .selectFrom('annual_plan_entries as e')
      .innerJoin('sampling_items as s', 's.id', 'e.sampling_item_id')
      .select(['e.id', 'e.status', 'e.joint_item_id', 's.name'])
      .where('e.id', '=', entryId)
      .where('e.plan_id', '=', planId)
      .executeTakeFirst();
    if (!entry) throw notFound('计划条目');
    // An accepted entry can still be returned while the plan is open (e.g. in a revision), never accepted twice.
    if (decision.accept ? entry.status !== '已报送' : entry.status === '已退回') {
      throw new AppError(
        'CONFLICT',
        decision.accept ? `该条目${entry.status}，只有已报送待审核的条目可以采纳` : '该条目已退回，待部门重新报送',
      );
    }
    const now = deps.clock.now();
    await trx
      .updateTable('annual_plan_entries')
      .set(
        decision.accept
          ? { status: '已采纳', reviewed_at: now }
          : { status: '已退回', return_reason: decision.reason, reviewed_at: now, joint_item_id: null },
      )
      .where('id', '=', entryId)
      .execute();
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
    const entries = await trx
      .selectFrom('annual_plan_entries')
      .select(['id', 'department_id', 'joint_item_id', 'status'])
      .where('plan_id', '=', planId)
      .where('id', 'in', input.entryIds)
      .execute();
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
    const { id } = await trx
      .insertInto('annual_plan_joint_items')
      .values({
        plan_id: planId,
        name: input.name,
        initiating_department_id: input.initiatingDepartmentId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('annual_plan_entries').set({ joint_item_id: id }).where('id', 'in', input.entryIds).execute();
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
    const joint = await trx
      .deleteFrom('annual_plan_joint_items')
      .where('id', '=', jointItemId)
      .where('plan_id', '=', planId)
      .returning('name')
      .executeTakeFirst();
    if (!joint) throw notFound('联合抽查事项');
    const now = deps.clock.now();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'annual_plan.joint_item_delete',
      entityType: 'annual_plan',
      entityId: planId,
      summary: `撤销联合抽查事项“${joint.name}”`,
    });
    return annualPlanView(trx, actor, planId, chinaDate(now));
  });
}
