import { recordAudit } from '../audit/audit.service';
import { chinaDate } from '../shared/china-date';
import { subjectById } from '../subjects/subject.service';
import { syncKeyTargetFlags } from '../subjects/subject-key-target.service';
import { carryOverRegisterFlags, insertKeyTargets, listingsOfSources } from './key-target.repository';
import type { Db } from '../db/database';
import type { KeyTargetReason } from './key-target.table';
import type { CreditWrite as KeyTargetWrite } from '../credit-records/credit-write';

export interface Listing {
  subjectId: number;
  reasonKind: KeyTargetReason;
  reason: string;
  /** 'follow_up:GZ2026-0001' etc.; a source lists a subject once. Null: by hand. */
  sourceRef: string | null;
  departmentId: number | null;
  listedOn: string;
  expiresOn: string | null;
}

/**
 * Lists a subject as a key target inside the caller's transaction (staff, a follow-up finding, an import row),
 * audited, and brings the register's flag along. A whitelisted subject's listing is kept but does not raise the
 * flag (src/subjects/subject-key-target.service.ts). Returns the listing and whether the subject is a key target now.
 */
export async function listKeyTarget(w: KeyTargetWrite, l: Listing): Promise<{ id: number; keyTarget: boolean }> {
  const existing = l.sourceRef === null ? [] : await listingsOfSources(w.trx, [l.sourceRef]);
  const same = existing.find((k) => k.subject_id === l.subjectId && k.lifted_at === null);
  const subject = await subjectById(w.trx, l.subjectId);
  if (same) return { id: same.id, keyTarget: subject?.key_target ?? false };
  const [k] = await insertKeyTargets(w.trx, [
    {
      subject_id: l.subjectId,
      reason_kind: l.reasonKind,
      reason: l.reason,
      source_ref: l.sourceRef,
      department_id: l.departmentId,
      listed_on: l.listedOn,
      expires_on: l.expiresOn,
      created_by: w.who.userId,
      created_at: w.now,
    },
  ]);
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'key_target.add',
    entityType: 'key_target',
    entityId: k!.id,
    summary: `将“${subject?.name ?? ''}”（${subject?.uscc ?? ''}）列为重点抽查对象（${l.reasonKind}）：${l.reason}${l.expiresOn ? `，有效期至 ${l.expiresOn}` : ''}`,
    after: { subjectId: l.subjectId, reasonKind: l.reasonKind, reason: l.reason, expiresOn: l.expiresOn },
  });
  await syncKeyTargetFlags(w.trx, [l.subjectId], chinaDate(w.now), w.now);
  const after = await subjectById(w.trx, l.subjectId);
  return { id: k!.id, keyTarget: after?.key_target ?? false };
}

/** A register loaded with key-target flags (the demo city): each flag becomes a 人工列入 listing of the department. */
export async function listRegisterFlags(trx: Db, departmentId: number | null, now: Date): Promise<number> {
  const listed = await carryOverRegisterFlags(trx, { departmentId, today: chinaDate(now), now });
  await syncKeyTargetFlags(trx, 'all', chinaDate(now), now);
  return listed;
}
