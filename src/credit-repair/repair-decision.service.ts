import { type Actor, requireDepartmentScope } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { markPenaltyCreditRepaired } from '../credit-records/credit-record-status.service';
import type { Db } from '../db/database';
import { endPenaltyPublicityEarly } from '../publicity/publication-repair.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { CreditRepairApplicationRow, RepairStatus } from './credit-repair.table';
import { DECISION_WORKING_DAYS } from './repair-eligibility';
import { insertEvent, lockApplication, updateApplication } from './repair.repository';

export type RepairDecision =
  | { action: 'accept' }
  | { action: 'supplement'; reason: string }
  | { action: 'approve'; reason: string }
  | { action: 'reject'; reason: string };

/** Which statuses each step of the credit office starts from. */
const from: Record<RepairDecision['action'], RepairStatus[]> = {
  accept: ['待受理', '待补正'],
  supplement: ['待受理', '已受理'],
  approve: ['已受理'],
  reject: ['待受理', '待补正', '已受理'],
};

const eventName = { accept: '受理', supplement: '要求补正材料', approve: '核准修复', reject: '不予修复' } as const;

/**
 * The credit office (信用主管部门, credit:repair:decide) decides an application (《金华市婺城区人民政府关于印发加强和规范
 * 行政执法事中事后监管的实施意见》（三）2): accepts it (5 working days to decide from then), asks for more material, or
 * approves or rejects it with reasons. An approval, in the same transaction: the penalty's credit records are 已修复,
 * its publicity ends early (the public 双公示 page no longer shows it) and the credit platform is told.
 */
export async function decideRepair(deps: AppDeps, actor: Actor, repairNo: string, d: RepairDecision) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, repairNo);
    if (!app) throw notFound('信用修复申请');
    requireDepartmentScope(actor, 'credit:repair:decide', app.department_id ?? actor.departmentId);
    if (!from[d.action].includes(app.status))
      throw new AppError('CONFLICT', `申请${app.status}，不能${eventName[d.action]}`);
    const reason = d.action === 'accept' ? null : d.reason;
    await updateApplication(trx, app.id, await changesOf(trx, d, now, actor.userId));
    if (d.action === 'approve') await approvalEffects(trx, deps, actor, app, now);
    await insertEvent(trx, {
      application_id: app.id,
      action: eventName[d.action],
      note: reason,
      by_name: actor.departmentName,
      at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: `credit_repair.${d.action}`,
      entityType: 'credit_repair',
      entityId: app.repair_no,
      summary: `信用修复 ${app.repair_no}（${app.subject_name}，${app.decision_doc_no}）${eventName[d.action]}${reason ? `：${reason}` : ''}`,
      before: { status: app.status },
      after: { status: statusAfter[d.action], reason },
    });
  });
}

const statusAfter: Record<RepairDecision['action'], RepairStatus> = {
  accept: '已受理',
  supplement: '待补正',
  approve: '已修复',
  reject: '不予修复',
};

async function changesOf(trx: Db, d: RepairDecision, now: Date, userId: number) {
  const base = { status: statusAfter[d.action], updated_at: now };
  if (d.action === 'accept') {
    const calendar = await workCalendar(trx);
    const today = chinaDate(now);
    return {
      ...base,
      accepted_at: now,
      decision_due_on: unlessYearMissing(() => calendar.addWorkingDays(today, DECISION_WORKING_DAYS)),
    };
  }
  if (d.action === 'supplement')
    return { ...base, supplement_request: d.reason, decision_due_on: null, accepted_at: null };
  return { ...base, decision_reason: d.reason, decided_at: now, decided_by: userId };
}

async function approvalEffects(trx: Db, deps: AppDeps, actor: Actor, app: CreditRepairApplicationRow, now: Date) {
  const who = auditSubjectOf(actor);
  await markPenaltyCreditRepaired({ trx, deps, now, who }, app.penalty_id, app.repair_no);
  await endPenaltyPublicityEarly(trx, deps, who, app.penalty_id, `信用修复 ${app.repair_no} 已核准，提前停止公示`);
}
