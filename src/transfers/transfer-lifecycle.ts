import { AppError } from '../shared/app-error';
import type { TransferOutcome, TransferStatus } from './transfer.table';

/** The steps of a transfer; the one table of its status changes. */
export type TransferStep = 'accept' | 'return' | 'resend' | 'outcome';

const steps: Record<
  Exclude<TransferStep, 'outcome'>,
  { from: TransferStatus[]; to: TransferStatus; refusal: string }
> = {
  accept: { from: ['待受理'], to: '已受理', refusal: '只有待受理的移送可以受理' },
  return: { from: ['待受理'], to: '已退回', refusal: '只有待受理的移送可以退回' },
  resend: { from: ['已退回'], to: '待受理', refusal: '只有被退回的移送可以重新移送' },
};

/**
 * The status after a step, or a 409 naming why not. An outcome follows acceptance: 立案 first and then 已处罚 or
 * 移送司法机关, or straight to 不予立案 / 已处罚 / 移送司法机关.
 */
export function nextTransferStatus(
  current: TransferStatus,
  step: TransferStep,
  outcome?: TransferOutcome,
): TransferStatus {
  if (step !== 'outcome') {
    const s = steps[step];
    if (!s.from.includes(current)) throw new AppError('CONFLICT', `${s.refusal}（当前状态：${current}）`);
    return s.to;
  }
  if (current === '已受理') return outcome === '立案' ? '已立案' : '已办结';
  if (current === '已立案' && (outcome === '已处罚' || outcome === '移送司法机关')) return '已办结';
  if (current === '已立案') throw new AppError('CONFLICT', '已立案的移送只能登记“已处罚”或“移送司法机关”');
  throw new AppError('CONFLICT', `移送受理后才能登记办理结果（当前状态：${current}）`);
}
