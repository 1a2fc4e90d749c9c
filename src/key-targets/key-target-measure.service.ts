import { recordAudit } from '../audit/audit.service';
import type { CreditWrite } from '../credit-records/credit-write';
import { chinaDate } from '../shared/china-date';
import { syncKeyTargetFlags } from '../subjects/subject-key-target.service';
import { listKeyTarget } from './key-target-listing';
import { findOpenKeyTarget } from './key-target-measure.repository';
import { liftKeyTargets } from './key-target.repository';

export interface MeasureKeyTarget {
  subjectId: number;
  reason: string;
  /** 'measure_case:<id>'. */
  sourceRef: string;
  departmentId: number | null;
  expiresOn: string | null;
}

/**
 * Lists a subject under a joint punishment (联合惩戒) as a key target (重点抽查对象,
 * 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条、第三十一条) until the case's end, through the one listing
 * path (audited, the register's flag brought along). The same case listed twice keeps its one listing.
 */
export async function listKeyTargetFromMeasure(w: CreditWrite, k: MeasureKeyTarget): Promise<number> {
  const { id } = await listKeyTarget(w, {
    subjectId: k.subjectId,
    reasonKind: '联合惩戒',
    reason: k.reason,
    sourceRef: k.sourceRef,
    departmentId: k.departmentId,
    listedOn: chinaDate(w.now),
    expiresOn: k.expiresOn,
  });
  return id;
}

/** Lifts the key target a joint punishment case caused (the case ended early), audited; the flag follows the listings. */
export async function liftKeyTargetFromMeasure(
  w: CreditWrite,
  k: { subjectId: number; sourceRef: string; reason: string },
): Promise<void> {
  const open = await findOpenKeyTarget(w.trx, k.subjectId, k.sourceRef);
  if (!open) return;
  await liftKeyTargets(w.trx, [open.id], { at: w.now, by: w.who.userId, reason: k.reason });
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'key_target.measure_lift',
    entityType: 'key_target',
    entityId: open.id,
    summary: `联合惩戒解除：不再因此列为重点抽查对象（${k.reason}）`,
    before: { subjectId: k.subjectId, sourceRef: k.sourceRef, liftReason: null },
    after: { subjectId: k.subjectId, sourceRef: k.sourceRef, liftReason: k.reason },
  });
  await syncKeyTargetFlags(w.trx, [k.subjectId], chinaDate(w.now), w.now);
}
