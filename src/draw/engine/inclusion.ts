import type { FrameParams, RegisterSubject, RoundItem } from './types';

export const PPM = 1_000_000;

/**
 * π of a subject for an item, in millionths: the item's ratio for the subject's credit class,
 * times the composite-risk multiplier (highest assessed level), clipped to [0, 1]; key targets
 * are certain when the item says so (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条).
 */
export function inclusionPpm(subject: RegisterSubject, item: RoundItem, params: FrameParams): number {
  if (subject.keyTarget && item.keyTargetsCertain) return PPM;
  const cls = subject.creditClass ?? params.unclassifiedAs;
  const multiplier = subject.riskLevel ? params.riskMultipliers[subject.riskLevel] : 1;
  const ppm = Math.round(item.ratios[cls] * 10_000 * multiplier);
  return Math.min(PPM, Math.max(0, ppm));
}
