import { recordAudit } from '../audit/audit.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import { findSubject } from './transfer-common.repository';
import {
  type ResolvedReceiver,
  dueAfterWorkingDays,
  recordStep,
  resolveReceiver,
  tell,
  type TransferWrite,
} from './transfer-write';
import { nextNumber } from './transfer-number.repository';
import { insertTransfer } from './transfer.repository';
import type { ReceiverInput } from './transfer.schemas';
import type { TransferKind, TransferSource } from './transfer.table';

export interface NewTransfer {
  kind: TransferKind;
  sourceType: TransferSource;
  sourceRef: string | null;
  senderDepartmentId: number;
  /** The finding transferred (source 检查发现), with its evidence as it stands now. */
  finding?: { taskId: number; checkItemId: number; result: string; notes: string; photoIds: number[] } | null;
  subjectId?: number | null;
  subjectName?: string;
  receiver: ReceiverInput;
  reason: string;
  legalGround: string;
  acceptDays: number;
}

export const transferLink = (transferNo: string) => `/transfers?no=${encodeURIComponent(transferNo)}`;

/** Tells a department receiver it has a transfer to accept by `dueOn`; an external body is told outside the platform. */
export async function tellReceiver(
  w: TransferWrite,
  t: { transferNo: string; kind: string; subjectName: string; senderName: string },
  receiver: ResolvedReceiver,
  dueOn: string,
): Promise<void> {
  if (receiver.departmentId === null) return;
  await tell(w, [receiver.departmentId], 'handlers', {
    kind: 'transfer_received',
    title: `收到${t.kind}：${t.transferNo}`,
    body: `${t.senderName}向本部门${t.kind}${t.subjectName ? `（${t.subjectName}）` : ''}，请于 ${dueOn} 前受理或退回。`,
    link: transferLink(t.transferNo),
  });
}

/**
 * 案件移送 / 线索移送 (程序衔接, 行刑衔接): numbers the transfer, sets the acceptance deadline in working days, records
 * the step and tells the receiving department. The one way a transfer is made, from a finding or from this page.
 */
export async function createTransfer(
  w: TransferWrite,
  input: NewTransfer & { senderName: string; byUserId: number },
): Promise<string> {
  const receiver = await resolveReceiver(w.trx, input.receiver, input.senderDepartmentId);
  let subjectName = input.subjectName ?? '';
  if (input.subjectId) {
    const s = await findSubject(w.trx, input.subjectId);
    if (!s) throw new AppError('VALIDATION', '检查对象不存在', [{ field: 'subjectId', message: '检查对象不存在' }]);
    subjectName = s.name;
  }
  const dueOn = await dueAfterWorkingDays(w, input.acceptDays);
  const transferNo = await nextNumber(w.trx, 'case_transfers', chinaDate(w.now).slice(0, 4));
  const f = input.finding ?? null;
  const id = await insertTransfer(w.trx, {
    transfer_no: transferNo,
    kind: input.kind,
    source_type: input.sourceType,
    source_ref: input.sourceRef,
    task_id: f?.taskId ?? null,
    department_id: input.senderDepartmentId,
    check_item_id: f?.checkItemId ?? null,
    subject_id: input.subjectId ?? null,
    subject_name: subjectName,
    receiver_department_id: receiver.departmentId,
    external_kind: receiver.externalKind,
    target_unit: receiver.name,
    reason: input.reason,
    legal_ground: input.legalGround,
    result: (f?.result as '不符合' | undefined) ?? null,
    result_notes: f?.notes ?? null,
    photo_ids: f?.photoIds ?? [],
    status: '待受理',
    accept_due_on: dueOn,
    transferred_by: input.byUserId,
    transferred_by_name: w.who.name,
    transferred_at: w.now,
    updated_at: w.now,
  });
  await recordStep(
    w,
    { type: '移送', id, departmentId: input.senderDepartmentId },
    { action: input.kind, note: `移送${receiver.name}，理由：${input.reason}；应于 ${dueOn} 前受理` },
  );
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'transfer.create',
    entityType: 'case_transfer',
    entityId: transferNo,
    summary: `${input.kind} ${transferNo}：${input.senderName}移送${receiver.name}${subjectName ? `（${subjectName}）` : ''}`,
    after: {
      kind: input.kind,
      sourceType: input.sourceType,
      sourceRef: input.sourceRef,
      receiver: receiver.name,
      externalKind: receiver.externalKind,
      reason: input.reason,
      legalGround: input.legalGround,
      acceptDueOn: dueOn,
      evidence: f ? { result: f.result, notes: f.notes, photoIds: f.photoIds } : null,
    },
  });
  await tellReceiver(w, { transferNo, kind: input.kind, subjectName, senderName: input.senderName }, receiver, dueOn);
  return transferNo;
}
