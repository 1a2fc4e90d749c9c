import { creditClassTagType, creditClassText } from '@/components/credit/credit-class';
import type { CreditClass, SubjectStatus } from '@server/subjects/subject.table';

type TagType = 'success' | 'primary' | 'warning' | 'danger' | 'info';

/** Credit risk classes A–D in the one wording of web/src/components/credit/credit-class.ts. */
export const creditClassLabels: Record<CreditClass, { text: string; type: TagType }> = {
  A: { text: creditClassText.A, type: creditClassTagType('A') },
  B: { text: creditClassText.B, type: creditClassTagType('B') },
  C: { text: creditClassText.C, type: creditClassTagType('C') },
  D: { text: creditClassText.D, type: creditClassTagType('D') },
};

export const statusTypes: Record<SubjectStatus, TagType> = {
  存续: 'success',
  注销: 'info',
  吊销: 'danger',
  迁出: 'warning',
};

/** Industry risk levels a department may give, in rising order. */
export const riskLevels = ['低', '一般', '较高', '高'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskTypes: Record<RiskLevel, TagType> = { 低: 'success', 一般: 'primary', 较高: 'warning', 高: 'danger' };
export const isRiskLevel = (value: string): value is RiskLevel => (riskLevels as readonly string[]).includes(value);
