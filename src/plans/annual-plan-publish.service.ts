import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { AppError } from '../shared/app-error';
import { unlessYearMissing } from '../calendar/work-calendar';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  entriesOf,
  insertAnnualPlan,
  jointItemsOf,
  loadAnnualPlan,
  publishedLines,
  updateAnnualPlan,
} from './annual-plan.repository';
import { copyEntries, departmentsWithItems, entryStates, openRevision } from './annual-plan-entry.repository';
import { annualPlanView, assertEditable, planName } from './annual-plan.service';
import type { AnnualPlanView, PublishedAnnualPlan, ReminderView } from './plan.schemas';

/**
 * Publishes the plan: the accepted entries are frozen into the announcement (《黄浦区精准高效协同监管实施办法（试行）》第八条) and
 * the plan can no longer change. Publishing a revision marks the revision it replaces 已修订;
 * that one stays visible.
 */
export async function publishAnnualPlan(deps: AppDeps, actor: Actor, id: number): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadAnnualPlan(trx, id);
    assertEditable(plan);
    const entries = await entriesOf(trx, id);
    const pending = entries.filter((e) => e.status === '已报送');
    if (pending.length)
      throw new AppError(
        'CONFLICT',
        `尚有 ${pending.length} 个条目未审核（${pending.map((e) => `${e.departmentName}“${e.samplingItemName}”`).join('、')}），请先采纳或退回`,
      );
    const lines = publishedLines(entries, await jointItemsOf(trx, id, entries));
    if (lines.length === 0) throw new AppError('CONFLICT', '计划中没有已采纳的条目，不能公布');
    const now = deps.clock.now();
    const content: PublishedAnnualPlan = {
      year: plan.year,
      revision: plan.revision,
      title: plan.title,
      revisionReason: plan.revision_reason,
      publishedAt: now.toISOString(),
      departments: [...new Set(lines.map((l) => l.departmentName))],
      lines,
    };
    await updateAnnualPlan(trx, id, {
      status: '已公布',
      published_content: JSON.stringify(content),
      published_at: now,
      published_by: actor.userId,
      updated_at: now,
    });
    if (plan.previous_id !== null) await updateAnnualPlan(trx, plan.previous_id, { status: '已修订', updated_at: now });
    const late = chinaDate(now) > plan.publish_deadline;
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'annual_plan.publish',
      entityType: 'annual_plan',
      entityId: id,
      summary: `公布${planName(plan)}：${content.departments.length} 个部门、${lines.length} 项${late ? `（晚于 ${plan.publish_deadline} 的公布期限）` : ''}`,
      after: { departments: content.departments, lines: lines.length },
    });
    return annualPlanView(trx, actor, id, chinaDate(now));
  });
}

/** Starts a revision of a published plan: a new plan row with the reason and a copy of its entries and joint items. */
export async function reviseAnnualPlan(
  deps: AppDeps,
  actor: Actor,
  id: number,
  reason: string,
): Promise<AnnualPlanView> {
  requirePermission(actor, 'plan:plan:manage');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await loadAnnualPlan(trx, id);
    if (plan.status !== '已公布')
      throw new AppError(
        'CONFLICT',
        plan.status === '编制中' ? '计划尚未公布，可直接修改' : '该版本已被修订，请在最新版本上修订',
      );
    const open = await openRevision(trx, plan.year);
    if (open !== null) throw new AppError('CONFLICT', `${plan.year} 年度计划第 ${open} 版正在编制中`);
    const now = deps.clock.now();
    const newId = await insertAnnualPlan(trx, {
      year: plan.year,
      revision: plan.revision + 1,
      title: plan.title,
      status: '编制中',
      submission_deadline: plan.submission_deadline,
      publish_deadline: plan.publish_deadline,
      revision_reason: reason,
      previous_id: plan.id,
      published_content: null,
      created_at: now,
      updated_at: now,
    });
    await copyEntries(trx, id, newId, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'annual_plan.revise',
      entityType: 'annual_plan',
      entityId: newId,
      summary: `修订${planName(plan)}，形成第 ${plan.revision + 1} 版：${reason}`,
      after: { previousId: id, reason },
    });
    return annualPlanView(trx, actor, newId, chinaDate(now));
  });
}

/** Deadline reminders: departments with active sampling items and no submitted entry (or only returned ones). */
export async function submissionReminders(deps: AppDeps, actor: Actor, id: number): Promise<ReminderView> {
  requirePermission(actor, 'plan:plan:manage');
  const plan = await loadAnnualPlan(deps.db, id);
  const today = chinaDate(deps.clock.now());
  const withItems = await departmentsWithItems(deps.db);
  const entries = await entryStates(deps.db, id);
  const calendar = await workCalendar(deps.db);
  const left = unlessYearMissing(() =>
    today <= plan.submission_deadline
      ? calendar.countWorkingDays(today, plan.submission_deadline)
      : -calendar.countWorkingDays(plan.submission_deadline, today),
  );
  const departments: ReminderView['departments'] = [];
  for (const d of withItems) {
    const own = entries.filter((e) => e.department_id === d.id);
    if (own.length && own.some((e) => e.status !== '已退回')) continue;
    departments.push({
      departmentId: d.id,
      departmentName: d.name,
      samplingItemCount: Number(d.n),
      state: own.length ? '退回待重报' : '未报送',
      workingDaysLeft: left,
      overdue: today > plan.submission_deadline,
    });
  }
  return { today, submissionDeadline: plan.submission_deadline, departments };
}
