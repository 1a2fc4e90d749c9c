import type { ColumnType, Generated, Selectable } from 'kysely';

/** Where a complaint came in: the public portal, the 12345 hotline or the national 互联网+监管 system (API), staff entry, a 检查码 evaluation. */
export const complaintChannels = ['门户', '12345热线', '互联网+监管', '窗口录入', '检查码评价'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

export const complaintKinds = ['投诉', '举报'] as const;
export type ComplaintKind = (typeof complaintKinds)[number];

/** The lifecycle is in complaint-lifecycle.ts. */
export const complaintStatuses = ['待分派', '待受理', '核查中', '待答复', '已办结', '不予受理'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const verificationMethods = ['现场核查', '非现场核查'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export const verificationResults = ['属实', '部分属实', '不属实'] as const;
export type VerificationResult = (typeof verificationResults)[number];

export const rewardDecisions = ['予以奖励', '不予奖励'] as const;
export type RewardDecision = (typeof rewardDecisions)[number];

/** A matter a complaint is filed under, with its deadlines in working days (configurable per matter). */
export interface ComplaintMatterTable {
  code: string;
  name: string;
  sort: number;
  ack_days: number;
  verify_days: number;
  reply_days: number;
  /** Industry codes (GB/T 4754, any level) whose subjects' complaints default to this matter. */
  industry_codes: string[];
  active: boolean;
  updated_at: Date | null;
}
export type ComplaintMatterRow = Selectable<ComplaintMatterTable>;

type DateColumn = ColumnType<string | null, string | null, string | null>;

/**
 * A complaint or tip-off (投诉举报). The complainant's name, ID and contact exist only in complainant_cipher
 * (AES-256-GCM with the key outside the database; null for an anonymous tip); the complainant follows the case
 * with the ticket number and a lookup code (only its hash is stored).
 */
export interface ComplaintTable {
  id: Generated<number>;
  ticket_no: string;
  lookup_code_hash: string;
  channel: ComplaintChannel;
  /** The sender's ticket number (12345, 互联网+监管): a re-delivery of the same ticket is the same complaint. */
  external_ticket: string | null;
  kind: ComplaintKind;
  anonymous: boolean;
  complainant_cipher: string | null;
  matter_code: string;
  subject_id: number | null;
  subject_name: string;
  uscc: string | null;
  address: string;
  division_code: string | null;
  industry_code: string | null;
  title: string;
  content: string;
  occurred_on: DateColumn;
  /** The 检查码 evaluation that was marked as a complaint. */
  evaluation_id: number | null;
  /** The verification task (投诉核查), when the check is on site. */
  task_id: number | null;
  /** The responsible department once dispatched. */
  department_id: number | null;
  status: ComplaintStatus;
  /** The first complaint of a group of repeats (same subject and matter); null for the first itself or a lone one. */
  group_id: number | null;
  received_at: Date;
  dispatched_at: Date | null;
  acknowledged_at: Date | null;
  verified_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  ack_due: DateColumn;
  verify_due: DateColumn;
  reply_due: DateColumn;
  verification_method: VerificationMethod | null;
  verification_result: VerificationResult | null;
  verification_notes: string;
  reply: string;
  /** 督办: 0 none, 1 督办 by the supervision office, 2 escalated (挂牌督办). */
  supervision_level: number;
  supervised_at: Date | null;
  supervision_note: string;
  rating: number | null;
  rating_comment: string;
  rated_at: Date | null;
  reward_decision: RewardDecision | null;
  reward_amount: ColumnType<string | null, string | number | null, string | number | null>;
  reward_note: string;
  reward_decided_at: Date | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type ComplaintRow = Selectable<ComplaintTable>;

/** One step of a complaint's history (received, dispatched, returned, accepted, verified, replied, rated, 督办…). */
export interface ComplaintEventTable {
  id: Generated<number>;
  complaint_id: number;
  action: string;
  from_status: ComplaintStatus | null;
  to_status: ComplaintStatus | null;
  department_id: number | null;
  actor_user_id: number | null;
  actor_name: string;
  note: string;
  at: Date;
}
export type ComplaintEventRow = Selectable<ComplaintEventTable>;
