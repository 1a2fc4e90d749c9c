import { recordAudit } from '../audit/audit.service';
import type { CreditWrite } from '../credit-records/credit-hooks';
import { findSubject, updateSubject } from './subject.repository';

/**
 * Sets the register's key-target flag (the draw reads subjects.key_target) for a listing made elsewhere (a joint
 * punishment), audited. A subject under punishment cannot stay on the whitelist: it comes off it.
 */
export async function setKeyTargetFlag(w: CreditWrite, subjectId: number, reason: string): Promise<void> {
  const before = await findSubject(w.trx, subjectId);
  if (!before || (before.key_target && !before.whitelisted)) return;
  await updateSubject(w.trx, subjectId, {
    key_target: true,
    key_target_reason: reason,
    whitelisted: false,
    updated_at: w.now,
  });
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'subject.update',
    entityType: 'subject',
    entityId: subjectId,
    summary: `将“${before.name}”（${before.uscc}）列为重点抽查对象：${reason}`,
    before: {
      keyTarget: before.key_target,
      keyTargetReason: before.key_target_reason,
      whitelisted: before.whitelisted,
    },
    after: { keyTarget: true, keyTargetReason: reason, whitelisted: false },
  });
}

/** Clears the flag when no listing of the subject remains in force (the caller asked src/key-targets). */
export async function clearKeyTargetFlag(w: CreditWrite, subjectId: number, reason: string): Promise<void> {
  const before = await findSubject(w.trx, subjectId);
  if (!before?.key_target) return;
  await updateSubject(w.trx, subjectId, { key_target: false, key_target_reason: null, updated_at: w.now });
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'subject.update',
    entityType: 'subject',
    entityId: subjectId,
    summary: `“${before.name}”（${before.uscc}）不再是重点抽查对象：${reason}`,
    before: { keyTarget: true, keyTargetReason: before.key_target_reason },
    after: { keyTarget: false, keyTargetReason: null },
  });
}
