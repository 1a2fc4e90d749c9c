import { AppError } from '../shared/app-error';
import type { WarningStatus } from './warning.table';

/** The one table of a warning's status changes (核查 → 处置 → 反馈, or 误报), with the verb a refusal names. */
export const warningTransitions = {
  check: { label: '核查', from: ['待核查'], to: '已核查' },
  dispose: { label: '处置', from: ['已核查'], to: '处置中' },
  feedback: { label: '反馈', from: ['处置中'], to: '已关闭' },
  falsePositive: { label: '认定误报', from: ['待核查', '已核查'], to: '误报' },
} as const satisfies Record<string, { label: string; from: readonly WarningStatus[]; to: WarningStatus }>;
export type WarningTransition = keyof typeof warningTransitions;

/** Throws the 409 refusal naming the current status unless the table allows `transition` from it. */
export function assertWarningTransition(warningNo: string, from: WarningStatus, transition: WarningTransition) {
  const t = warningTransitions[transition];
  if (!(t.from as readonly WarningStatus[]).includes(from))
    throw new AppError(
      'CONFLICT',
      `预警 ${warningNo} 当前为“${from}”，不能${t.label}（只有${t.from.map((s) => `“${s}”`).join('、')}的预警可以${t.label}）`,
    );
}
