import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { requirePermission } from '../auth/actor';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { requireActingDepartment, requireParty } from './transfer-access';
import { findDepartment, findPenaltyByDocNo } from './transfer-common.repository';
import { createTransfer, tellReceiver, transferLink } from './transfer-create';
import { nextTransferStatus } from './transfer-lifecycle';
import { dueAfterWorkingDays, recordStep, resolveReceiver, tell, type TransferWrite } from './transfer-write';
import { lockTransfer, updateTransfer } from './transfer.repository';
import type { OutcomeInput, ReceiverInput, TransferInput } from './transfer.schemas';
import type { CaseTransferTable } from './transfer.table';

type Row = Omit<CaseTransferTable, 'id'> & { id: number };

/** A transfer made on the page: of a complaint, a warning (by its number) or a matter entered by hand. */
export async function sendTransfer(
  deps: AppDeps,
  actor: Actor | null,
  input: TransferInput,
): Promise<{ transferNo: string }> {
  requirePermission(actor, 'transfer:write');
  return deps.db.transaction().execute(async (trx) => {
    const w = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
    const transferNo = await createTransfer(w, {
      ...input,
      sourceRef: input.sourceRef || null,
      senderDepartmentId: actor.departmentId,
      senderName: actor.departmentName,
      byUserId: actor.userId,
    });
    return { transferNo };
  });
}

/**
 * One step on a locked transfer: who may act is the receiving department, or the sender for an external body
 * (it records the body's receipt and decision on its behalf); `apply` makes the change.
 */
async function step(
  deps: AppDeps,
  actor: Actor | null,
  transferNo: string,
  by: 'handler' | 'sender',
  apply: (w: TransferWrite, t: Row) => Promise<void>,
): Promise<void> {
  const what = `移送 ${transferNo} `;
  await deps.db.transaction().execute(async (trx) => {
    const t = (await lockTransfer(trx, transferNo)) as Row | undefined;
    if (!t) throw notFound(what);
    const sender = Number(t.department_id);
    const receiver = t.receiver_department_id === null ? null : Number(t.receiver_department_id);
    requireParty(actor, what, receiver === null ? [sender] : [sender, receiver]);
    const handler = by === 'sender' ? sender : (receiver ?? sender);
    requireActingDepartment(
      actor,
      handler,
      by === 'sender'
        ? '只有移送部门可以办理此项'
        : receiver === null
          ? '移送外部机关的，由移送部门登记'
          : '只有接收部门可以办理此项',
    );
    await apply({ trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) }, { ...t, id: Number(t.id) });
  });
}

const toSender = (w: TransferWrite, t: Row, title: string, body: string) =>
  t.receiver_department_id === null
    ? Promise.resolve()
    : tell(w, [Number(t.department_id)], 'readers', {
        kind: 'transfer_progress',
        title: `${t.transfer_no}：${title}`,
        body,
        link: transferLink(t.transfer_no),
      });

/** 受理: a department receiver accepts. */
export const acceptTransfer = (deps: AppDeps, actor: Actor | null, transferNo: string) =>
  step(deps, actor, transferNo, 'handler', async (w, t) => {
    if (t.receiver_department_id === null) throw new AppError('CONFLICT', '移送外部机关的，请登记对方回执');
    const status = nextTransferStatus(t.status, 'accept');
    await updateTransfer(w.trx, t.id, { status, accepted_at: w.now, updated_at: w.now });
    await recordStep(
      w,
      { type: '移送', id: t.id, departmentId: Number(t.receiver_department_id) },
      { action: '受理', note: '' },
    );
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'transfer.accept',
      entityType: 'case_transfer',
      entityId: t.transfer_no,
      summary: `${t.target_unit}受理${t.kind} ${t.transfer_no}`,
      before: { status: t.status },
      after: { status },
    });
    await toSender(
      w,
      t,
      '已受理',
      `${t.target_unit}已受理${t.kind} ${t.transfer_no}${t.subject_name ? `（${t.subject_name}）` : ''}。`,
    );
  });

/** 回执: the sender records that the external body received the transfer. */
export const recordReceipt = (deps: AppDeps, actor: Actor | null, transferNo: string, receiptNo: string) =>
  step(deps, actor, transferNo, 'sender', async (w, t) => {
    if (t.receiver_department_id !== null) throw new AppError('CONFLICT', '移送平台内部门的，由接收部门受理');
    const status = nextTransferStatus(t.status, 'accept');
    await updateTransfer(w.trx, t.id, { status, receipt_no: receiptNo, accepted_at: w.now, updated_at: w.now });
    await recordStep(
      w,
      { type: '移送', id: t.id, departmentId: Number(t.department_id) },
      { action: '登记回执', note: `${t.target_unit}回执 ${receiptNo}` },
    );
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'transfer.receipt',
      entityType: 'case_transfer',
      entityId: t.transfer_no,
      summary: `登记${t.target_unit}接收${t.kind} ${t.transfer_no} 的回执 ${receiptNo}`,
      before: { status: t.status },
      after: { status, receiptNo },
    });
  });

/** 退回 with a reason: the sender may send it again to another receiver. */
export const returnTransfer = (deps: AppDeps, actor: Actor | null, transferNo: string, reason: string) =>
  step(deps, actor, transferNo, 'handler', async (w, t) => {
    const status = nextTransferStatus(t.status, 'return');
    await updateTransfer(w.trx, t.id, { status, returned_reason: reason, updated_at: w.now });
    await recordStep(
      w,
      { type: '移送', id: t.id, departmentId: Number(t.receiver_department_id ?? t.department_id) },
      { action: '退回', note: reason },
    );
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'transfer.return',
      entityType: 'case_transfer',
      entityId: t.transfer_no,
      summary: `${t.target_unit}退回${t.kind} ${t.transfer_no}：${reason}`,
      before: { status: t.status },
      after: { status, reason },
    });
    await toSender(
      w,
      t,
      '被退回',
      `${t.target_unit}退回了${t.kind} ${t.transfer_no}，理由：${reason}。可改送其他部门。`,
    );
  });

/** 重新移送 after a return, to the same or another receiver, with a new acceptance deadline. */
export const resendTransfer = (
  deps: AppDeps,
  actor: Actor | null,
  transferNo: string,
  input: { receiver: ReceiverInput; acceptDays: number },
) =>
  step(deps, actor, transferNo, 'sender', async (w, t) => {
    const status = nextTransferStatus(t.status, 'resend');
    const receiver = await resolveReceiver(w.trx, input.receiver, Number(t.department_id));
    const dueOn = await dueAfterWorkingDays(w, input.acceptDays);
    await updateTransfer(w.trx, t.id, {
      status,
      receiver_department_id: receiver.departmentId,
      external_kind: receiver.externalKind,
      target_unit: receiver.name,
      accept_due_on: dueOn,
      returned_reason: null,
      updated_at: w.now,
    });
    await recordStep(
      w,
      { type: '移送', id: t.id, departmentId: Number(t.department_id) },
      { action: '重新移送', note: `移送${receiver.name}；应于 ${dueOn} 前受理` },
    );
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'transfer.resend',
      entityType: 'case_transfer',
      entityId: t.transfer_no,
      summary: `${t.kind} ${t.transfer_no} 重新移送${receiver.name}`,
      before: { status: t.status, receiver: t.target_unit },
      after: { status, receiver: receiver.name, acceptDueOn: dueOn },
    });
    const sender = (await findDepartment(w.trx, Number(t.department_id)))?.name ?? '';
    await tellReceiver(
      w,
      { transferNo: t.transfer_no, kind: t.kind, subjectName: t.subject_name, senderName: sender },
      receiver,
      dueOn,
    );
  });

/**
 * 办理结果: 立案 (case number), 不予立案 (reason), 已处罚 (the penalty decision on the platform, by its 决定书文号),
 * 移送司法机关. The sender is told of each.
 */
export const recordOutcome = (deps: AppDeps, actor: Actor | null, transferNo: string, input: OutcomeInput) =>
  step(deps, actor, transferNo, 'handler', async (w, t) => {
    const status = nextTransferStatus(t.status, 'outcome', input.outcome);
    let penaltyId: number | null = null;
    if (input.outcome === '已处罚') {
      const p = await findPenaltyByDocNo(w.trx, input.penaltyDocNo);
      if (!p)
        throw new AppError('VALIDATION', `平台上没有文号为“${input.penaltyDocNo}”的行政处罚决定`, [
          { field: 'penaltyDocNo', message: '未找到该行政处罚决定书文号，请先报送行政处罚信息' },
        ]);
      penaltyId = Number(p.id);
    }
    await updateTransfer(w.trx, t.id, {
      status,
      outcome: input.outcome,
      case_no: input.outcome === '立案' ? input.caseNo : t.case_no,
      penalty_record_id: penaltyId ?? t.penalty_record_id,
      outcome_notes: input.notes || null,
      outcome_at: w.now,
      updated_at: w.now,
    });
    const detail =
      input.outcome === '立案'
        ? `立案编号 ${input.caseNo}`
        : input.outcome === '已处罚'
          ? `行政处罚决定书 ${input.penaltyDocNo}`
          : input.notes;
    await recordStep(
      w,
      { type: '移送', id: t.id, departmentId: Number(t.receiver_department_id ?? t.department_id) },
      {
        action: input.outcome,
        note: [detail, input.outcome === '立案' || input.outcome === '已处罚' ? input.notes : '']
          .filter(Boolean)
          .join('；'),
      },
    );
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'transfer.outcome',
      entityType: 'case_transfer',
      entityId: t.transfer_no,
      summary: `${t.kind} ${t.transfer_no} 办理结果：${input.outcome}${detail ? `（${detail}）` : ''}`,
      before: { status: t.status, outcome: t.outcome },
      after: {
        status,
        outcome: input.outcome,
        filingNo: input.caseNo || null,
        penaltyDocNo: input.penaltyDocNo || null,
        notes: input.notes,
      },
    });
    await toSender(
      w,
      t,
      input.outcome,
      `${t.target_unit}登记了${t.kind} ${t.transfer_no} 的办理结果：${input.outcome}${detail ? `，${detail}` : ''}。`,
    );
  });
