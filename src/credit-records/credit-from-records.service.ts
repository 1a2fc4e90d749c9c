import type { AuditSubject } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { RecordChange } from '../records/record-change';
import type { AppDeps } from '../shared/context';
import { chinaDate } from '../shared/china-date';
import type { CreditWrite } from './credit-write';
import { afterCreditRecordsChanged } from './credit-hooks';
import { licenceSeverity, penaltySeverity } from './credit-severity';
import { type CreditRecordDraft, storeCreditRecord } from './credit-record-store.service';
import { licenceSource, penaltySource } from './credit-sources.repository';

/** The platform itself, for the records it derives from what it receives. */
export const CREDIT_PLATFORM: AuditSubject = { userId: null, name: '平台（信用记录）', departmentId: null, ip: null };

const platformWrite = (trx: Db, deps: AppDeps): CreditWrite => ({
  trx,
  deps,
  now: deps.clock.now(),
  who: CREDIT_PLATFORM,
});

/**
 * A penalty decision becomes a credit record of its subject (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十八条):
 * kind 行政处罚, severity from its categories and fine, counting from the decision until its 公示截止期; a new version
 * of the decision updates the record, a revoked decision (已撤销) revokes it. A natural person gets none: credit
 * records are about market subjects, by their credit code. Called by the intake (src/records/record-hooks.ts).
 */
export async function recordCreditFromPenalty(
  trx: Db,
  deps: AppDeps,
  penaltyId: number,
  change: RecordChange,
): Promise<void> {
  void change;
  await deriveFromPenalty(platformWrite(trx, deps), penaltyId);
}

export async function deriveFromPenalty(w: CreditWrite, penaltyId: number): Promise<number[]> {
  const p = await penaltySource(w.trx, penaltyId);
  if (!p || p.counterpart_category === '自然人' || !p.uscc) return [];
  const fine = p.fine_amount ? `，罚款 ${p.fine_amount} 万元` : '';
  const draft: CreditRecordDraft = {
    source: '行政处罚',
    sourceRef: `penalty:${p.id}`,
    channel: '平台',
    senderDepartmentId: p.department_id ?? p.sender_department_id,
    departmentName: p.authority_name,
    uscc: p.uscc,
    subjectName: p.counterpart_name,
    kind: '行政处罚',
    severity: penaltySeverity(p.categories, p.fine_amount, p.confiscated_amount),
    title: `${p.decision_doc_no}：${p.violation_type}（${p.categories.join('、')}${fine}）`,
    detail: [p.violation_facts, p.content].filter(Boolean).join('\n'),
    occurredOn: p.decided_on,
    countsFrom: p.decided_on,
    countsUntil: p.publicity_until,
    end:
      p.status === '已撤销'
        ? { status: '已撤销', on: chinaDate(p.updated_at), reason: `行政处罚决定 ${p.decision_doc_no} 已撤销` }
        : null,
  };
  const stored = await storeCreditRecord(w, draft);
  const ids = stored.outcome === 'created' || stored.outcome === 'updated' ? [stored.record!.id] : [];
  await afterCreditRecordsChanged(w, ids);
  return ids;
}

/** A licence withdrawn (已撤销) or revoked (已吊销) becomes a credit record (kind 许可撤销吊销). */
export async function recordCreditFromLicence(
  trx: Db,
  deps: AppDeps,
  licenceId: number,
  change: RecordChange,
): Promise<void> {
  void change;
  await deriveFromLicence(platformWrite(trx, deps), licenceId);
}

export async function deriveFromLicence(w: CreditWrite, licenceId: number): Promise<number[]> {
  const l = await licenceSource(w.trx, licenceId);
  if (!l || l.counterpart_category === '自然人' || !l.uscc) return [];
  if (l.status !== '已撤销' && l.status !== '已吊销') return [];
  const on = chinaDate(l.updated_at);
  const certificate = [l.certificate_name, l.certificate_no].filter(Boolean).join(' ');
  const stored = await storeCreditRecord(w, {
    source: '行政许可',
    sourceRef: `licence:${l.id}`,
    channel: '平台',
    senderDepartmentId: l.department_id ?? l.sender_department_id,
    departmentName: l.authority_name,
    uscc: l.uscc,
    subjectName: l.counterpart_name,
    kind: '许可撤销吊销',
    severity: licenceSeverity(l.status),
    title: `行政许可 ${l.decision_doc_no}${certificate ? `（${certificate}）` : ''}${l.status}`,
    detail: l.content,
    occurredOn: on,
    countsFrom: on,
    countsUntil: null,
  });
  const ids = stored.outcome === 'created' ? [stored.record!.id] : [];
  await afterCreditRecordsChanged(w, ids);
  return ids;
}
