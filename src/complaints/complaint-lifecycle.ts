import { AppError } from '../shared/app-error';
import type { ComplaintStatus } from './complaint.table';

/**
 * The one table of a complaint's status changes. 待分派: received, waiting for the joint office (or a dispatch rule)
 * to name the responsible department; 待受理: dispatched, the department acknowledges (受理) or returns it (退回,
 * with a reason: back to 待分派); 核查中: the department verifies it (on site through a 投诉核查 task, or off site);
 * 待答复: verified, the reply to the complainant is due; 已办结: replied (the complainant may then rate it);
 * 不予受理: refused with a reason (not a supervision matter, a repeat already being handled…).
 */
export const complaintTransitions = {
  dispatch: { label: '分派', from: ['待分派'], to: '待受理' },
  redispatch: { label: '改派', from: ['待受理', '核查中'], to: '待受理' },
  giveBack: { label: '退回', from: ['待受理'], to: '待分派' },
  accept: { label: '受理', from: ['待受理'], to: '核查中' },
  refuse: { label: '不予受理', from: ['待分派', '待受理'], to: '不予受理' },
  verify: { label: '登记核查结果', from: ['核查中'], to: '待答复' },
  reply: { label: '答复', from: ['待答复'], to: '已办结' },
} as const satisfies Record<string, { label: string; from: readonly ComplaintStatus[]; to: ComplaintStatus }>;

export type ComplaintTransition = keyof typeof complaintTransitions;

/** Statuses in which a complaint is still being handled (its deadlines run, it can be put under 督办). */
export const openComplaintStatuses: readonly ComplaintStatus[] = ['待分派', '待受理', '核查中', '待答复'];

/** Throws the 409 refusal naming the current status unless the table allows `transition` from `from`. */
export function assertComplaintTransition(ticketNo: string, from: ComplaintStatus, transition: ComplaintTransition) {
  const t = complaintTransitions[transition];
  if ((t.from as readonly ComplaintStatus[]).includes(from)) return t.to as ComplaintStatus;
  throw new AppError(
    'CONFLICT',
    `投诉举报 ${ticketNo} 当前为“${from}”，不能${t.label}（只有${t.from.map((s) => `“${s}”`).join('、')}的可以${t.label}）`,
    { ticketNo, status: from, transition },
  );
}
