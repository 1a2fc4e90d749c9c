import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { RegisteredItem } from './registration.table';

/** 重叠: visits of several departments overlap; 标签: departments whose tags the subject carries are invited. */
export type ProposalKind = '重叠' | '标签';
/** 待答复 until every department answered; then 已合并 (a merged task exists), 未合并 (declined) or 已失效 (a source changed). */
export type ProposalStatus = '待答复' | '已合并' | '未合并' | '已失效';
/** 来源: the department brings a registration or a draw task; 受邀: invited by a tag to join. */
export type PartyRole = '来源' | '受邀';
export type PartyAnswer = '接受' | '拒绝';

/** 合并入企建议. */
export interface MergeProposalTable {
  id: Generated<number>;
  proposal_no: string;
  kind: ProposalKind;
  /** The sorted sources (and kind): the same match is never proposed twice. */
  match_key: string;
  subject_id: number;
  uscc: string;
  year: number;
  /** The intersection of the sources' windows. */
  window_from: string;
  window_to: string;
  status: ProposalStatus;
  /** Why it closed without a merge. */
  outcome: string | null;
  merged_task_id: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

export interface MergeProposalSourceTable {
  proposal_id: number;
  registration_id: number | null;
  task_id: number | null;
}

export interface MergeProposalPartyTable {
  proposal_id: number;
  department_id: number;
  role: PartyRole;
  answer: PartyAnswer | null;
  reason: string | null;
  /** Items an invited department brings when it accepts. */
  items: JSONColumnType<RegisteredItem[], string, string>;
  answered_by: number | null;
  answered_at: Date | null;
}
