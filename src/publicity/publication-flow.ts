import type { DecisionStatus } from '../records/record.table';
import type { PublicationKind, PublicationStatus } from './publication.table';

/** 双公示 within 7 working days of the decision (《浦东新区“六个双”政府综合监管实施办法（暂行）》第四十条第一款). */
export const PUBLICITY_WORKING_DAYS = 7;

/**
 * A licence revoked, cancelled or withdrawn stays on the portal with its 当前状态 (the national licence items carry
 * the status); a penalty decision revoked is taken down (《中华人民共和国行政处罚法》第四十八条第二款: 撤回行政处罚决定信息并
 * 公开说明理由 — the reason goes with the push and the staff view).
 */
export function isRevocation(kind: PublicationKind, status: DecisionStatus): boolean {
  return kind === '行政许可' ? ['已撤销', '已注销', '已吊销'].includes(status) : status === '已撤销';
}

export type ArrivalAction = 'await' | 'publish' | 'update' | 'withdraw' | 'keep';

/**
 * What a received version does to its publication: a first arrival waits for review (审核公示) or is published at
 * once (自动公示); a new version of a published record updates the portal and is pushed again (第四十条第二款); a
 * revoked penalty is taken down (never published, if it was not yet); otherwise the newest version waits for review.
 */
export function onArrival(
  kind: PublicationKind,
  current: PublicationStatus | null,
  decisionStatus: DecisionStatus,
  autoPublish: boolean,
): ArrivalAction {
  if (current === '已撤下') return 'keep';
  if (kind === '行政处罚' && isRevocation(kind, decisionStatus)) return 'withdraw';
  if (current === null || current === '待公示') return autoPublish ? 'publish' : current === null ? 'await' : 'keep';
  return 'update';
}
