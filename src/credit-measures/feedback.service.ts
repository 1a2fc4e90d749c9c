import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { lockCase, lockFeedback, updateFeedback } from './case.repository';
import type { FeedbackInput } from './case.schemas';

/**
 * An implementing department records 实施反馈 on a case (《日照市人民政府办公室印发关于深入推进跨部门综合监管的实施意见的通知》
 * （十三）): applied on a date and what was done, or not applicable and why. Only for its own department; a later
 * record corrects the earlier one (both audited). Recorded after the due date it counts as late.
 */
export async function recordFeedback(deps: AppDeps, actor: Actor, caseId: number, input: FeedbackInput) {
  requirePermission(actor, 'credit:measure:apply');
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, caseId);
    if (!c) throw notFound('联合奖惩对象');
    const f = await lockFeedback(trx, caseId, actor.departmentId);
    if (!f) throw forbidden(`本部门不是 ${c.case_no} 所列措施的实施主体，不能登记实施反馈`);
    if (c.status === '已解除') throw new AppError('CONFLICT', `${c.case_no} 已解除，无需反馈`);
    const now = deps.clock.now();
    const today = chinaDate(now);
    if (input.appliedOn && input.appliedOn > today)
      throw new AppError('VALIDATION', '实施日期不得晚于今天', [{ field: 'appliedOn', message: '不得晚于今天' }]);
    if (input.appliedOn && input.appliedOn < c.valid_from)
      throw new AppError('VALIDATION', `实施日期不得早于实施期限自（${c.valid_from}）`, [
        { field: 'appliedOn', message: '早于实施期限' },
      ]);
    const values = {
      outcome: input.outcome,
      applied_on: input.outcome === '已实施' ? (input.appliedOn ?? null) : null,
      action: input.action,
      recorded_by: actor.userId,
      recorded_at: now,
      // A correction keeps the date the feedback was first given.
      late: f.outcome === '待反馈' ? f.due_on !== null && today > f.due_on : f.late,
    };
    await updateFeedback(trx, Number(f.id), values);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'credit_measure_case.feedback',
      entityType: 'credit_measure_case',
      entityId: caseId,
      summary: `${actor.departmentName}登记 ${c.case_no} 的实施反馈：${input.outcome}`,
      before: { feedbackOutcome: f.outcome, implementedOn: f.applied_on, implementation: f.action },
      after: { feedbackOutcome: values.outcome, implementedOn: values.applied_on, implementation: values.action },
    });
  });
}
