import { type Actor } from '../auth/actor';
import { type AuditSubject, auditSubjectOf } from '../audit/audit.service';
import { chinaDate } from '../shared/china-date';
import { listKeyTarget } from './key-target-listing';
import { listingsInForce } from './key-target.repository';
import type { CreditWrite as KeyTargetWrite } from '../credit-records/credit-write';

/** Who an import's listings name: the importer, or the operator on the command line. */
export const importer = (actor: Actor | null): AuditSubject =>
  actor ? auditSubjectOf(actor) : { userId: null, name: '命令行导入', departmentId: null, ip: null };

/**
 * The subject import's 重点抽查对象 column: a row with 是 lists the subject (人工列入, the row's reason, the importer's
 * department) unless a listing with the same reason is already in force, so importing the same file again adds nothing.
 * 否 or an empty cell lifts nothing: lifting needs its own reason on the 重点抽查对象 page. Returns the listings added.
 */
export async function listImportedKeyTargets(
  w: KeyTargetWrite,
  rows: readonly { input: { uscc: string; keyTarget: boolean; keyTargetReason: string | null } }[],
): Promise<number> {
  const wanted = rows.filter((r) => r.input.keyTarget && r.input.keyTargetReason);
  if (wanted.length === 0) return 0;
  const today = chinaDate(w.now);
  const inForce = await listingsInForce(
    w.trx,
    wanted.map((r) => r.input.uscc),
    today,
  );
  let added = 0;
  for (const { input } of wanted) {
    const subject = inForce.get(input.uscc);
    if (!subject || subject.reasons.includes(input.keyTargetReason!)) continue;
    await listKeyTarget(w, {
      subjectId: subject.id,
      reasonKind: '人工列入',
      reason: input.keyTargetReason!,
      sourceRef: null,
      departmentId: w.who.departmentId,
      listedOn: today,
      expiresOn: null,
    });
    added += 1;
  }
  return added;
}
