import type { RiskLevel } from '../draw/engine/types';

/** The four industry risk levels, from low to high (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十六条). */
export const riskLevelOrder: readonly RiskLevel[] = ['低', '一般', '较高', '高'];

/**
 * The composite industry risk of a subject (综合行业风险评估结果): the highest level any department assessed, 从严监管、
 * 风险就高不就低 (第三十六条第二款). Values that are not a level are ignored; null when no department assessed it.
 * The one home of the rule: the draw's frames and the subject page both ask here.
 */
export function compositeRisk(levels: Record<string, string>): RiskLevel | null {
  let best = -1;
  for (const level of Object.values(levels)) best = Math.max(best, riskLevelOrder.indexOf(level as RiskLevel));
  return best < 0 ? null : riskLevelOrder[best]!;
}

/** The departments whose level is the composite (several when they agree), in name order. */
export function decidingDepartments(levels: Record<string, string>): string[] {
  const top = compositeRisk(levels);
  return top === null
    ? []
    : Object.keys(levels)
        .filter((d) => levels[d] === top)
        .sort();
}
