import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { getInspection } from '../inspections/inspection.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { createTransfer } from '../transfers/transfer-create';
import { findCheckResult, isTransferred, photoIdsOf, subjectOfTask, transfersOfTask } from './case-transfer.repository';
import { entity, taskIdOf, writingDepartment } from './inspection-record.service';
import type { TransferInput, TransferList, TransferView } from './inspection-record.schemas';

/** A finding's current result (on site or off site) and photos, or null when the item was not found 不符合. */
async function findingOf(db: Db, taskId: number, checkItemId: number) {
  const r = await findCheckResult(db, taskId, checkItemId);
  if (!r) return null;
  const photoIds = await photoIdsOf(db, taskId, checkItemId);
  return {
    departmentId: Number(r.department_id),
    result: r.result,
    notes: r.notes,
    photoIds,
  };
}

/**
 * 程序衔接 (《黄浦区精准高效协同监管实施办法（试行）》第十五条): a department transfers one of its findings (不符合) with
 * the evidence, through the one way a transfer is made (src/transfers): to a named department, which accepts and
 * records the outcome, or to an external body.
 */
export async function transferFinding(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: Omit<TransferInput, 'kind' | 'acceptDays'> & Partial<Pick<TransferInput, 'kind' | 'acceptDays'>>,
): Promise<TransferView> {
  requirePermission(actor, 'task:task:write');
  const view = await getInspection(deps, actor, taskNo);
  const check = view.departments
    .flatMap((d) => d.checks.map((c) => ({ ...c, departmentId: d.id })))
    .find((c) => c.checkItemId === input.checkItemId);
  if (!check) throw notFound(`本任务的检查事项 ${input.checkItemId} `);
  writingDepartment(actor, view, check.departmentId);
  const transferNo = await deps.db.transaction().execute(async (trx) => {
    const taskId = await taskIdOf(trx, taskNo);
    const finding = await findingOf(trx, taskId, input.checkItemId);
    if (!finding || finding.result !== '不符合')
      throw new AppError('CONFLICT', '只有检查结果为“不符合”的事项可以移送立案查处');
    const already = await isTransferred(trx, taskId, input.checkItemId);
    if (already) throw new AppError('CONFLICT', '该检查发现已移送');
    const now = deps.clock.now();
    const w = { trx, deps, now, who: auditSubjectOf(actor) };
    const receiver = input.receiver ?? { externalKind: '其他' as const, externalName: input.targetUnit ?? '' };
    const sender = view.departments.find((d) => d.id === finding.departmentId);
    const no = await createTransfer(w, {
      kind: input.kind ?? '案件移送',
      sourceType: '检查发现',
      sourceRef: taskNo,
      senderDepartmentId: finding.departmentId,
      senderName: sender?.name ?? actor.departmentName,
      byUserId: actor.userId,
      finding: { taskId, checkItemId: input.checkItemId, ...finding, notes: finding.notes },
      subjectId: await subjectOfTask(trx, taskId),
      receiver,
      reason: input.reason,
      legalGround: input.legalGround ?? '',
      acceptDays: input.acceptDays ?? 5,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection.case_transfer',
      entityType: entity,
      entityId: taskNo,
      summary: `检查发现移送立案查处（${no}）：${check.content.slice(0, 40)}（证据：检查结果${finding.notes ? `“${finding.notes.slice(0, 40)}”` : ''}，照片 ${finding.photoIds.length} 张）`,
      after: {
        transferNo: no,
        checkItemId: input.checkItemId,
        reason: input.reason,
        evidence: { result: finding.result, notes: finding.notes, photoIds: finding.photoIds },
      },
    });
    return no;
  });
  return (await listTransfers(deps, actor, taskNo)).items.find((x) => x.transferNo === transferNo)!;
}

/** The task's transfers; a department user sees those of their own department. */
export async function listTransfers(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<TransferList> {
  requirePermission(actor, 'task:task:read');
  await getInspection(deps, actor, taskNo);
  const taskId = await taskIdOf(deps.db, taskNo);
  const rows = await transfersOfTask(
    deps.db,
    taskId,
    scopeOf(actor, 'task:task:read') === 'all' ? null : actor.departmentId,
  );
  return {
    taskNo,
    items: rows.map((r) => ({
      id: Number(r.id),
      transferNo: r.transfer_no,
      kind: r.kind,
      departmentId: Number(r.department_id),
      departmentName: r.department_name,
      checkItemId: Number(r.check_item_id),
      checkContent: r.content,
      targetUnit: r.target_unit,
      reason: r.reason,
      evidence: {
        result: r.result ?? '不符合',
        notes: r.result_notes ?? '',
        photoIds: (r.photo_ids ?? []).map(Number),
      },
      status: r.status,
      outcome: r.outcome,
      transferredBy: r.transferred_by_name,
      transferredAt: new Date(r.transferred_at).toISOString(),
    })),
  };
}
