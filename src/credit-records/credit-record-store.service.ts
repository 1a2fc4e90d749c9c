import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit.service';
import type { AuditAction } from '../audit/audit-labels';
import { chinaDate } from '../shared/china-date';
import type { CreditWrite } from './credit-write';
import type {
  CreditChannel,
  CreditHistoryEvent,
  CreditRecordKind,
  CreditRecordRow,
  CreditSeverity,
  CreditSource,
} from './credit-record.table';
import {
  insertCreditRecord,
  insertHistory,
  linkSubject,
  lockBySource,
  nextCreditRecordNo,
  subjectIdByUscc,
  updateCreditRecord,
} from './credit-record.repository';

/** What a source says about a subject: one credit record, keyed by (source, sourceRef). */
export interface CreditRecordDraft {
  source: CreditSource;
  sourceRef: string;
  channel: CreditChannel;
  /** The platform department that found or decided it (data scope), or the sender. */
  senderDepartmentId: number | null;
  departmentName: string;
  uscc: string;
  subjectName: string;
  kind: CreditRecordKind;
  severity: CreditSeverity;
  title: string;
  detail: string;
  occurredOn: string;
  countsFrom: string;
  countsUntil: string | null;
  /** 依据文号 */
  basisDocNo?: string;
  /** The source ended it: a revoked decision (已撤销) or a removal from a list (已移出), from that date. */
  end?: { status: '已撤销' | '已移出'; on: string; reason: string } | null;
}

export type StoreOutcome = 'created' | 'updated' | 'unchanged' | 'none';
export interface StoredCredit {
  outcome: StoreOutcome;
  record: CreditRecordRow | null;
}

const digestOf = (d: CreditRecordDraft): string =>
  createHash('sha256')
    .update(JSON.stringify([d.uscc, d.subjectName, d.kind, d.severity, d.departmentName, d.title, d.detail]))
    .update(
      JSON.stringify([
        d.occurredOn,
        d.countsFrom,
        d.countsUntil,
        d.end ?? null,
        d.senderDepartmentId,
        d.basisDocNo ?? '',
      ]),
    )
    .digest('hex');

/** The fields a history entry and the audit keep of a record. */
export const creditFields = (r: CreditRecordRow) => ({
  uscc: r.uscc,
  subjectName: r.subject_name,
  kind: r.kind,
  severity: r.severity,
  departmentName: r.department_name,
  title: r.title,
  detail: r.detail,
  occurredOn: r.occurred_on,
  countsFrom: r.counts_from,
  countsUntil: r.counts_until,
  basisDocNo: r.basis_doc_no,
});

/** Appends the record's state to its history (every version and status change). */
export async function appendHistory(
  w: CreditWrite,
  r: CreditRecordRow,
  event: CreditHistoryEvent,
  reason: string | null,
) {
  await insertHistory(w.trx, {
    record_id: r.id,
    version: r.version,
    event,
    status: r.status,
    channel: r.channel,
    fields: JSON.stringify(creditFields(r)),
    reason,
    changed_by: w.who.userId,
    changed_by_name: w.who.name,
    changed_at: w.now,
  });
}

const auditAction: Record<'新增' | '更新' | '撤销' | '移出', AuditAction> = {
  新增: 'credit_record.create',
  更新: 'credit_record.update',
  撤销: 'credit_record.revoke',
  移出: 'credit_record.remove',
};

/**
 * Writes what a source says, idempotently: the first time a new record (XYJL2026-000001), then a new version when
 * the source changed (version + 1), nothing when it says the same again. A source that ends the record (a revoked
 * decision, a removal from a list) sets its status; one that ends a record never written writes nothing ('none').
 * Audited and kept in the record's history. The caller runs what follows (afterCreditRecordsChanged) for the ids.
 */
export async function storeCreditRecord(w: CreditWrite, d: CreditRecordDraft): Promise<StoredCredit> {
  const existing = await lockBySource(w.trx, d.source, d.sourceRef);
  const digest = digestOf(d);
  if (existing?.payload_digest === digest) return { outcome: 'unchanged', record: existing };
  if (!existing && d.end) return { outcome: 'none', record: null };
  const subjectId = await subjectIdByUscc(w.trx, d.uscc);
  if (subjectId !== null) await linkSubject(w.trx, d.uscc, subjectId);
  const values = {
    uscc: d.uscc,
    subject_id: subjectId,
    subject_name: d.subjectName,
    kind: d.kind,
    severity: d.severity,
    channel: d.channel,
    sender_department_id: d.senderDepartmentId,
    department_name: d.departmentName,
    title: d.title,
    detail: d.detail,
    occurred_on: d.occurredOn,
    counts_from: d.countsFrom,
    counts_until: d.countsUntil,
    basis_doc_no: d.basisDocNo ?? '',
    payload_digest: digest,
    updated_at: w.now,
  };
  const ending = d.end && existing?.status !== d.end.status ? d.end : null;
  const record = existing
    ? await updateCreditRecord(w.trx, existing.id, {
        ...values,
        version: existing.version + 1,
        ...(ending
          ? { status: ending.status, status_reason: ending.reason, status_on: ending.on, status_changed_at: w.now }
          : {}),
      })
    : await insertCreditRecord(w.trx, {
        ...values,
        record_no: await nextCreditRecordNo(w.trx, chinaDate(w.now).slice(0, 4)),
        source: d.source,
        source_ref: d.sourceRef,
        status: '有效',
        created_by: w.who.userId,
        created_at: w.now,
      });
  const event = !existing ? '新增' : ending ? (ending.status === '已撤销' ? '撤销' : '移出') : '更新';
  await appendHistory(w, record, event, ending?.reason ?? null);
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: auditAction[event],
    entityType: 'credit_record',
    entityId: record.record_no,
    summary: `信用记录 ${record.record_no}（${record.subject_name}，${record.kind}：${record.title}）${event}${ending ? `：${ending.reason}` : ''}，第 ${record.version} 版`,
    before: existing ? { ...creditFields(existing), status: existing.status, version: existing.version } : null,
    after: { ...creditFields(record), status: record.status, version: record.version, source: record.source },
  });
  return { outcome: existing ? 'updated' : 'created', record };
}
