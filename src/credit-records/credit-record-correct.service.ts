import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { afterCreditRecordsChanged } from './credit-hooks';
import { appendHistory, creditFields } from './credit-record-store.service';
import { lockCreditRecord, updateCreditRecord } from './credit-record.repository';
import type { CreditCorrection, CreditStoredView } from './credit-record.schemas';

/**
 * The credit office corrects a record (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十条: 信用信息有误的予以更正):
 * changed fields, or 撤销 (it no longer counts), always with a reason; a new version, audited with before and after,
 * kept in the record's history. A record no longer 有效 cannot be corrected. What follows a credit change runs.
 */
export async function correctCreditRecord(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: CreditCorrection,
): Promise<CreditStoredView> {
  requirePermission(actor, 'credit:record:correct');
  return deps.db.transaction().execute(async (trx) => {
    const w = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
    const before = await lockCreditRecord(trx, id);
    if (!before) throw notFound('信用记录');
    if (before.status !== '有效')
      throw new AppError('CONFLICT', `信用记录 ${before.record_no} 当前为“${before.status}”，不能更正`);
    const changes = {
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.severity !== undefined ? { severity: input.severity } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.detail !== undefined ? { detail: input.detail } : {}),
      ...(input.occurredOn !== undefined ? { occurred_on: input.occurredOn } : {}),
      ...(input.countsUntil !== undefined ? { counts_until: input.countsUntil } : {}),
    };
    const occurred = changes.occurred_on ?? before.occurred_on;
    const until = changes.counts_until === undefined ? before.counts_until : changes.counts_until;
    if (until && until < occurred)
      throw new AppError('VALIDATION', '计入期限至不能早于认定日期', [
        { field: 'countsUntil', message: '计入期限至不能早于认定日期' },
      ]);
    if (!input.revoke && Object.keys(changes).length === 0)
      throw new AppError('VALIDATION', '请修改至少一个字段，或选择撤销', [
        { field: 'revoke', message: '没有要更正的内容' },
      ]);
    const reason = `更正：${input.reason}`;
    const after = await updateCreditRecord(trx, id, {
      ...changes,
      ...(changes.occurred_on ? { counts_from: changes.occurred_on } : {}),
      ...(input.revoke
        ? { status: '已撤销', status_reason: reason, status_on: chinaDate(w.now), status_changed_at: w.now }
        : {}),
      version: before.version + 1,
      updated_at: w.now,
    });
    await appendHistory(w, after, input.revoke ? '撤销' : '更正', input.reason);
    await recordAudit(trx, deps.config.auditHash, w.now, w.who, {
      action: 'credit_record.correct',
      entityType: 'credit_record',
      entityId: after.record_no,
      summary: `信用记录 ${after.record_no}（${after.subject_name}）${input.revoke ? '撤销' : '更正'}，理由：${input.reason}`,
      before: { ...creditFields(before), status: before.status, version: before.version },
      after: { ...creditFields(after), status: after.status, version: after.version, reason: input.reason },
    });
    await afterCreditRecordsChanged(w, [id]);
    return { outcome: 'updated', id, recordNo: after.record_no, version: after.version };
  });
}
