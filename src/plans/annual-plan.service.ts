import { loadSupervisionRules } from '../settings/visit-rules-setting';
import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  entriesOf,
  insertAnnualPlan,
  jointItemsOf,
  loadAnnualPlan,
  planRevisions,
  plansWithCounts,
  updateAnnualPlan,
  yearHasPlan,
} from './annual-plan.repository';
import type { AnnualPlanCreate, AnnualPlanView } from './plan.schemas';
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
  const revisions = await planRevisions(db, plan.year);
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
  const rows = await plansWithCounts(deps.db);
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
    const clash = await yearHasPlan(trx, input.year);
    if (clash)
      throw new AppError('CONFLICT', `${input.year} 年度日常检查计划已存在`, [{ field: 'year', message: '已存在' }]);
    const now = deps.clock.now();
    const title = input.title ?? `${input.year}年度日常检查计划`;
    const id = await insertAnnualPlan(trx, {
      year: input.year,
      revision: 1,
      title,
      status: '编制中',
      submission_deadline: submissionDeadline,
      publish_deadline: publishDeadline,
      published_content: null,
      created_at: now,
      updated_at: now,
    });
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
    await updateAnnualPlan(trx, id, { submission_deadline: submissionDeadline, updated_at: now });
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
