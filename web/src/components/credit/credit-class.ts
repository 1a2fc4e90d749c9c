import type { CreditClass } from '@server/subjects/subject.table';

/**
 * The one wording of the credit risk classes A–D, as the 2022 SAMR opinion on enterprise credit-risk classification
 * names them (信用风险低、一般、较高、高), with the tag type and chart colour every page uses.
 */
export const creditClassText: Record<string, string> = {
  A: 'A 信用风险低',
  B: 'B 信用风险一般',
  C: 'C 信用风险较高',
  D: 'D 信用风险高',
};

export type CreditTagType = 'success' | 'primary' | 'warning' | 'danger' | 'info';

const tagTypes: Record<CreditClass, CreditTagType> = { A: 'success', B: 'primary', C: 'warning', D: 'danger' };

export const creditClassTagType = (c: string | null): CreditTagType =>
  c !== null && c in tagTypes ? tagTypes[c as CreditClass] : 'info';

export const creditClassColor: Record<string, string> = { A: '#67c23a', B: '#409eff', C: '#e6a23c', D: '#f56c6c' };
