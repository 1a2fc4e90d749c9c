import type { CreditWrite } from '../credit-records/credit-write';
import type { Db } from '../db/database';
import { liftKeyTargetFromMeasure, listKeyTargetFromMeasure } from '../key-targets/key-target-measure.service';
import { casesInForce } from './case.repository';
import type { MeasureKind } from './credit-measure.table';
import { grantsUndisturbed } from './measure-effects-rules';

/**
 * Where the platform itself carries out a joint measure (《日照市人民政府办公室印发关于深入推进跨部门综合监管的实施意见的通知》
 * （十三）, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条): the one home of what a case does beyond the
 * departments' own feedback.
 * - 惩戒: the subject is a key target (重点抽查对象) until the case ends, and is flagged to licensing staff at 双告知;
 * - 激励 whose means grant it: 无事不扰, read by the draw through undisturbedSubjectIds.
 */
export interface CaseEffect {
  caseId: number;
  kind: MeasureKind;
  subjectId: number;
  matter: string;
  departmentId: number;
  validTo: string;
}

const sourceRefOf = (caseId: number) => `measure_case:${caseId}`;

export async function caseStarted(w: CreditWrite, c: CaseEffect): Promise<void> {
  if (c.kind !== '惩戒') return;
  const reason = `联合惩戒：${c.matter}（至 ${c.validTo}）`;
  await listKeyTargetFromMeasure(w, {
    subjectId: c.subjectId,
    reason,
    sourceRef: sourceRefOf(c.caseId),
    departmentId: c.departmentId,
    expiresOn: c.validTo,
  });
}

/** A case ended before its period (解除): its key target is lifted; the register's flag follows the listings in force. */
export async function caseEnded(w: CreditWrite, c: CaseEffect, why: string): Promise<void> {
  if (c.kind !== '惩戒') return;
  await liftKeyTargetFromMeasure(w, { subjectId: c.subjectId, sourceRef: sourceRefOf(c.caseId), reason: why });
}

/**
 * Subjects left alone in proactive draws on `onDate` (无事不扰): under a reward case in force whose measure's means
 * grant it. The draw reads this.
 */
export async function undisturbedSubjectIds(db: Db, onDate: string): Promise<number[]> {
  const rows = await casesInForce(db, onDate)
    .where('c.kind', '=', '激励')
    .select(['c.subject_id', 'm.kind', 'm.means'])
    .execute();
  return [...new Set(rows.filter((r) => grantsUndisturbed(r.kind, r.means)).map((r) => Number(r.subject_id)))].sort(
    (a, b) => a - b,
  );
}

/** Per credit code, the punishment measures in force on `onDate` (shown to licensing staff at 双告知). */
export async function punishmentsByUscc(
  db: Db,
  usccs: readonly string[],
  onDate: string,
): Promise<Map<string, string[]>> {
  const wanted = [...new Set(usccs.filter(Boolean))];
  const out = new Map<string, string[]>();
  if (wanted.length === 0) return out;
  const rows = await casesInForce(db, onDate)
    .where('c.kind', '=', '惩戒')
    .where('s.uscc', 'in', wanted)
    .select(['s.uscc', 'm.matter'])
    .orderBy('c.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.uscc) ?? [];
    if (!list.includes(r.matter)) list.push(r.matter);
    out.set(r.uscc, list);
  }
  return out;
}
