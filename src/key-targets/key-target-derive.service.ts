import { recordAudit } from '../audit/audit.service';
import { chinaDate } from '../shared/china-date';
import { syncKeyTargetFlags } from '../subjects/subject-key-target.service';
import {
  creditRecordsForListing,
  findCreditRun,
  insertKeyTargets,
  liftKeyTargets,
  listingsOfSources,
  listRunDClass,
  liftRunDClassNoLongerD,
  type NewKeyTarget,
} from './key-target.repository';
import { derivedExpiry, reasonKindOf, recordReason } from './key-target-rules';
import type { KeyTargetRow } from './key-target.table';
import type { CreditWrite } from '../credit-records/credit-write';

const sourceOf = (recordId: number) => `credit_record:${recordId}`;

async function auditListing(w: CreditWrite, k: KeyTargetRow, verb: '列入' | '解除', why: string) {
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'key_target.derive',
    entityType: 'key_target',
    entityId: k.id,
    summary: `${verb}重点抽查对象（${k.reason_kind}）：${why}`,
    after: { reasonKind: k.reason_kind, reason: k.reason, expiresOn: k.expires_on, liftReason: k.lift_reason },
  });
}

/**
 * Key targets derived from credit records (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条), each with its
 * reason (the record's number, title and department) and expiry (src/key-targets/key-target-rules.ts). A record
 * lists its subject once; a record that stops counting (status ≠ 有效) or no longer meets the rule after a correction
 * lifts the listing it caused. The register's flag follows.
 */
export async function deriveKeyTargetsFromRecords(w: CreditWrite, recordIds: readonly number[]): Promise<void> {
  const records = await creditRecordsForListing(w.trx, recordIds);
  const listings = await listingsOfSources(
    w.trx,
    records.map((r) => sourceOf(r.id)),
  );
  const bySource = new Map<string, KeyTargetRow[]>();
  for (const k of listings) bySource.set(k.source_ref!, [...(bySource.get(k.source_ref!) ?? []), k]);
  const toAdd: NewKeyTarget[] = [];
  const toLift: { id: number; reason: string }[] = [];
  for (const r of records) {
    if (r.subject_id === null) continue;
    const kind = reasonKindOf(r);
    const own = bySource.get(sourceOf(r.id)) ?? [];
    const counts = r.status === '有效' && kind !== null;
    if (!counts) {
      const why =
        r.status !== '有效' ? `信用记录 ${r.record_no} ${r.status}` : `信用记录 ${r.record_no} 更正后不再符合列入条件`;
      for (const k of own) if (k.lifted_at === null) toLift.push({ id: k.id, reason: why });
      continue;
    }
    if (own.length > 0 || kind === '信用评价D类' || kind === '联合惩戒' || kind === '人工列入') continue;
    toAdd.push({
      subject_id: r.subject_id,
      reason_kind: kind,
      reason: recordReason(r),
      source_ref: sourceOf(r.id),
      department_id: r.department_id,
      listed_on: r.occurred_on,
      expires_on: derivedExpiry(kind, r.occurred_on, r.counts_until),
      created_by: w.who.userId,
      created_at: w.now,
    });
  }
  const added = await insertKeyTargets(w.trx, toAdd);
  for (const k of added) await auditListing(w, k, '列入', k.reason);
  const lifted: KeyTargetRow[] = [];
  for (const { id, reason } of toLift)
    lifted.push(...(await liftKeyTargets(w.trx, [id], { at: w.now, by: w.who.userId, reason })));
  for (const k of lifted) await auditListing(w, k, '解除', `${k.reason}；${k.lift_reason ?? ''}`);
  await syncKeyTargetFlags(
    w.trx,
    [...added, ...lifted].map((k) => k.subject_id),
    chinaDate(w.now),
    w.now,
  );
}

/**
 * D-class subjects of a pushed run become key targets (信用评价D类, source 'credit_run:<id>') until a later run no
 * longer classes them D (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条（四）“双评估”结果). Set-based; one
 * audit entry for the run.
 */
export async function deriveKeyTargetsFromRun(w: CreditWrite, runId: number): Promise<void> {
  const run = await findCreditRun(w.trx, runId);
  if (!run) return;
  const who = { id: run.id, runNo: run.run_no, now: w.now, by: w.who.userId };
  const lifted = await liftRunDClassNoLongerD(w.trx, who);
  const listed = await listRunDClass(w.trx, { ...who, listedOn: chinaDate(run.pushed_at ?? w.now) });
  const changed = await syncKeyTargetFlags(w.trx, [...lifted, ...listed], chinaDate(w.now), w.now);
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'key_target.derive',
    entityType: 'key_target',
    entityId: `credit_run:${run.id}`,
    summary: `公共信用综合评价 ${run.run_no}：${listed.length} 户 D 类列为重点抽查对象，${lifted.length} 户不再为 D 类解除（名录库标记变化 ${changed.length} 户）`,
    after: { runNo: run.run_no, listed: listed.length, lifted: lifted.length },
  });
}
