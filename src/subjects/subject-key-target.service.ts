import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { findSubject, updateSubject } from './subject.repository';

/**
 * Lists a subject as a key target (重点抽查对象) because of a finding, inside the caller's transaction: e.g. operating
 * without a licence found by a 照后证前 follow-up (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条第三款).
 * A whitelisted subject is not listed (the register refuses both at once); returns whether the subject is a key
 * target afterwards. An existing key target keeps its reason.
 */
export async function markKeyTarget(
  w: { trx: Db; deps: AppDeps; now: Date; who: AuditSubject },
  subjectId: number,
  reason: string,
): Promise<boolean> {
  const before = await findSubject(w.trx, subjectId);
  if (!before || before.whitelisted) return false;
  if (before.key_target) return true;
  await updateSubject(w.trx, subjectId, { key_target: true, key_target_reason: reason, updated_at: w.now });
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'subject.update',
    entityType: 'subject',
    entityId: subjectId,
    summary: `将“${before.name}”（${before.uscc}）列为重点抽查对象：${reason}`,
    before: { keyTarget: false, keyTargetReason: before.key_target_reason },
    after: { keyTarget: true, keyTargetReason: reason },
  });
  return true;
}
