import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import {
  insertComplaintEvent,
  lockComplaintByTicket,
  updateComplaint,
  verifiedTips,
} from './complaint-intake.repository';
import type { RewardDecision } from './complaint.table';

export interface RewardInput {
  decision: RewardDecision;
  amount?: number;
  note: string;
}

/**
 * 举报奖励 (《朔州市平鲁区以加强和规范事中事后监管为抓手持续优化营商环境实施方案》（九）“对举报……有功人员予以重奖”):
 * decided once by the joint office (complaint:dispatch) on a 举报 verified as 属实 or 部分属实; the whistle-blower
 * sees it in the portal lookup.
 */
export async function decideReward(deps: AppDeps, actor: Actor, ticketNo: string, input: RewardInput) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockComplaintByTicket(trx, ticketNo);
    if (!row) throw notFound('投诉举报');
    if (row.kind !== '举报') throw new AppError('CONFLICT', `${ticketNo} 是投诉，举报奖励只适用于举报`);
    if (row.verification_result !== '属实' && row.verification_result !== '部分属实')
      throw new AppError(
        'CONFLICT',
        `举报 ${ticketNo} 的核查结果${row.verification_result ? `为“${row.verification_result}”` : '尚未登记'}：核查属实或部分属实的举报才能决定奖励`,
      );
    if (row.reward_decision !== null)
      throw new AppError('CONFLICT', `举报 ${ticketNo} 已于先前作出奖励决定（${row.reward_decision}），不能重复决定`);
    const amount = input.amount === undefined ? null : input.amount.toFixed(2);
    await updateComplaint(trx, row.id, {
      reward_decision: input.decision,
      reward_amount: amount,
      reward_note: input.note,
      reward_decided_at: now,
      updated_at: now,
    });
    await insertComplaintEvent(trx, {
      complaint_id: row.id,
      action: '举报奖励决定',
      from_status: row.status,
      to_status: row.status,
      department_id: row.department_id,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      note: `${input.decision}${amount ? ` ${amount} 元` : ''}${input.note ? `：${input.note}` : ''}`,
      at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'complaint.reward',
      entityType: 'complaint',
      entityId: ticketNo,
      summary: `举报 ${ticketNo} 举报奖励决定：${input.decision}${amount ? ` ${amount} 元` : ''}`,
      after: { ticketNo, decision: input.decision, amount, note: input.note },
    });
    return { ticketNo, decision: input.decision, amount, note: input.note, decidedAt: now.toISOString() };
  });
}

/** The 举报 verified as 属实 or 部分属实, decided or still awaiting the reward decision (the joint office's list). */
export async function listRewardCandidates(deps: AppDeps, decided: boolean | undefined) {
  const rows = await verifiedTips(deps.db, decided);
  return rows.map((r) => ({
    ticketNo: r.ticket_no,
    title: r.title,
    subjectName: r.subject_name,
    matter: r.matter,
    department: r.department,
    status: r.status,
    verificationResult: r.verification_result!,
    anonymous: r.anonymous,
    receivedAt: r.received_at.toISOString(),
    reward:
      r.reward_decision === null || !r.reward_decided_at
        ? null
        : {
            decision: r.reward_decision,
            amount: r.reward_amount,
            note: r.reward_note,
            decidedAt: r.reward_decided_at.toISOString(),
          },
  }));
}
