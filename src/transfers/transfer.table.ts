import type { Generated } from 'kysely';
import type { CheckResult } from '../inspections/inspection.table';

export const transferKinds = ['案件移送', '线索移送'] as const;
export type TransferKind = (typeof transferKinds)[number];
export const transferSources = ['检查发现', '投诉举报', '风险预警', '手工录入'] as const;
export type TransferSource = (typeof transferSources)[number];
/** 行刑衔接: bodies outside the platform a transfer may go to. */
export const externalKinds = ['公安机关', '检察机关', '其他'] as const;
export type ExternalKind = (typeof externalKinds)[number];
export const transferStatuses = ['待受理', '已受理', '已退回', '已立案', '已办结'] as const;
export type TransferStatus = (typeof transferStatuses)[number];
export const transferOutcomes = ['立案', '不予立案', '已处罚', '移送司法机关'] as const;
export type TransferOutcome = (typeof transferOutcomes)[number];

/**
 * 案件移送 / 线索移送 (程序衔接, 行刑衔接): from a department to a named department of the platform or to an external
 * body. A transfer of an inspection finding (source 检查发现) keeps the finding's evidence as it stood; `target_unit`
 * is the receiver's name either way.
 */
export interface CaseTransferTable {
  id: Generated<number>;
  transfer_no: string;
  kind: TransferKind;
  source_type: TransferSource;
  /** The task number of a finding, the complaint's or warning's number, or what the sender typed. */
  source_ref: string | null;
  task_id: number | null;
  /** The sending department. */
  department_id: number;
  check_item_id: number | null;
  subject_id: number | null;
  subject_name: string;
  receiver_department_id: number | null;
  external_kind: ExternalKind | null;
  target_unit: string;
  reason: string;
  legal_ground: string;
  /** The finding's result as it stood when transferred (evidence). */
  result: CheckResult | null;
  result_notes: string | null;
  photo_ids: number[];
  status: TransferStatus;
  accept_due_on: string | null;
  returned_reason: string | null;
  accepted_at: Date | null;
  /** The external body's receipt (回执) number, recorded by the sender. */
  receipt_no: string | null;
  outcome: TransferOutcome | null;
  case_no: string | null;
  penalty_record_id: number | null;
  outcome_notes: string | null;
  outcome_at: Date | null;
  transferred_by: number;
  transferred_by_name: string;
  transferred_at: Date;
  updated_at: Date | null;
}

export const assistanceKinds = ['执法协助', '协查协办'] as const;
export type AssistanceKind = (typeof assistanceKinds)[number];
export const assistanceStatuses = ['待受理', '办理中', '已答复', '已拒绝'] as const;
export type AssistanceStatus = (typeof assistanceStatuses)[number];

/** 执法协助 / 协查协办: one department asks another for facts, evidence, an opinion or an on-site check. */
export interface AssistanceRequestTable {
  id: Generated<number>;
  request_no: string;
  kind: AssistanceKind;
  requesting_department_id: number;
  requested_department_id: number;
  help: string;
  legal_ground: string;
  subject_id: number | null;
  subject_name: string;
  due_on: string;
  status: AssistanceStatus;
  declined_reason: string | null;
  answer: string | null;
  answered_at: Date | null;
  /** The 协查 task the requested department created for an on-site check. */
  task_id: number | null;
  created_by: number;
  created_by_name: string;
  created_at: Date;
  updated_at: Date | null;
}

export const copyTopics = ['检查发现', '处罚决定', '违法案件', '重大问题'] as const;
export type CopyTopic = (typeof copyTopics)[number];

/** 抄告抄送: a copy of a finding or decision to the departments concerned. */
export interface CopyNoticeTable {
  id: Generated<number>;
  copy_no: string;
  sender_department_id: number;
  about: CopyTopic;
  title: string;
  content: string;
  source_ref: string | null;
  subject_id: number | null;
  subject_name: string;
  created_by: number;
  created_by_name: string;
  created_at: Date;
}

export interface CopyRecipientTable {
  copy_id: number;
  department_id: number;
  read_at: Date | null;
  read_by_name: string | null;
  reply: string | null;
  replied_at: Date | null;
}

export const itemTypes = ['移送', '协查', '抄告'] as const;
export type ItemType = (typeof itemTypes)[number];

/** Every step of a transfer, assistance request or copy: the timeline and audit of the work. */
export interface TransferEventTable {
  id: Generated<number>;
  item_type: ItemType;
  item_id: number;
  action: string;
  department_id: number | null;
  actor_name: string;
  note: string;
  at: Date;
}

/** Materials: attachments of a transfer, of an assistance request or its answer, of a copy. */
export interface TransferFileTable {
  id: Generated<number>;
  item_type: ItemType;
  item_id: number;
  department_id: number;
  file_name: string;
  content_type: string;
  data: Buffer;
  uploaded_by_name: string;
  uploaded_at: Date;
}

/** A deadline reminder already sent: one per item and deadline. */
export interface TransferReminderTable {
  item_type: ItemType;
  item_id: number;
  due_on: string;
  reminded_at: Date;
}
