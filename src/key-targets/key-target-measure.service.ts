import { recordAudit } from '../audit/audit.service';
import type { CreditWrite } from '../credit-records/credit-hooks';
import { chinaDate } from '../shared/china-date';
import {
  findOpenKeyTarget,
  insertKeyTarget,
  keyTargetsInForce,
  liftKeyTargetRow,
} from './key-target-measure.repository';

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
 * 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条、第三十一条) until the case's end, audited. The same case listed
 * twice keeps its one listing. Returns the listing's id.
 */
export async function listKeyTargetFromMeasure(w: CreditWrite, k: MeasureKeyTarget): Promise<number> {
  const open = await findOpenKeyTarget(w.trx, k.subjectId, k.sourceRef);
  if (open) return Number(open.id);
  const id = await insertKeyTarget(w.trx, {
    subject_id: k.subjectId,
    reason_kind: '联合惩戒',
    reason: k.reason,
    source_ref: k.sourceRef,
    department_id: k.departmentId,
    listed_on: chinaDate(w.now),
    expires_on: k.expiresOn,
    lifted_at: null,
    lifted_by: null,
    lift_reason: null,
    created_by: w.who.userId,
    created_at: w.now,
  });
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'key_target.measure_list',
    entityType: 'key_target',
    entityId: id,
    summary: `联合惩戒：列为重点抽查对象（${k.reason}）`,
    after: { subjectId: k.subjectId, reason: k.reason, sourceRef: k.sourceRef, expiresOn: k.expiresOn },
  });
  return id;
}

/**
 * Lifts the key target a joint punishment case caused (the case ended early), audited. Returns how many other
 * listings of the subject remain in force, so the caller knows whether the register's flag stays.
 */
export async function liftKeyTargetFromMeasure(
  w: CreditWrite,
  k: { subjectId: number; sourceRef: string; reason: string },
): Promise<number> {
  const open = await findOpenKeyTarget(w.trx, k.subjectId, k.sourceRef);
  if (open) {
    await liftKeyTargetRow(w.trx, Number(open.id), { at: w.now, by: w.who.userId, reason: k.reason });
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'key_target.measure_lift',
      entityType: 'key_target',
      entityId: Number(open.id),
      summary: `联合惩戒解除：不再因此列为重点抽查对象（${k.reason}）`,
      before: { subjectId: k.subjectId, sourceRef: k.sourceRef, liftReason: null },
      after: { subjectId: k.subjectId, sourceRef: k.sourceRef, liftReason: k.reason },
    });
  }
  return keyTargetsInForce(w.trx, k.subjectId, chinaDate(w.now));
}
