import type { MeasureKind } from './credit-measure.table';

/** The words of a reward measure's means that make the platform leave its subjects alone (无事不扰). */
const UNDISTURBED_WORDS = ['无事不扰', '减少检查频次', '减少抽查', '降低抽查比例'] as const;

/** Whether a reward measure's means grant 无事不扰 in the draw. */
export const grantsUndisturbed = (kind: MeasureKind, means: string): boolean =>
  kind === '激励' && UNDISTURBED_WORDS.some((w) => means.includes(w));

/**
 * What the platform itself does for a measure's subjects (《日照市人民政府办公室印发关于深入推进跨部门综合监管的实施意见的通知》
 * （十三）): every punishment lists them as key targets and flags them at 双告知; a reward whose means grant it leaves
 * them out of proactive draws. Null: the measure is carried out by the departments only.
 */
export function platformEffect(kind: MeasureKind, means: string): string | null {
  if (kind === '惩戒') return '列为重点抽查对象，双告知时提示许可审批人员';
  return grantsUndisturbed(kind, means) ? '无事不扰：不纳入主动抽查' : null;
}
