import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';

/**
 * What a credit record (信用记录) says about a subject. Negative kinds lower the evaluation; 表彰奖励 raises it.
 * 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十八条 lists the sources.
 */
export const creditRecordKinds = [
  '行政处罚',
  '许可撤销吊销',
  '检查发现问题',
  '违反告知承诺',
  '经营异常名录',
  '严重违法失信名单',
  '年报未报',
  '投诉举报属实',
  '表彰奖励',
] as const;
export type CreditRecordKind = (typeof creditRecordKinds)[number];

export const creditSeverities = ['轻微', '一般', '较重', '严重'] as const;
export type CreditSeverity = (typeof creditSeverities)[number];

/** Where the record came from: a record the platform holds, or a record sent from outside (API, batch, online). */
export const creditSources = ['行政处罚', '行政许可', '检查结果', '双跟踪', '投诉举报', '外部报送'] as const;
export type CreditSource = (typeof creditSources)[number];

export const creditChannels = ['平台', '接口', '批量', '在线'] as const;
export type CreditChannel = (typeof creditChannels)[number];

/** 有效 counts; 已修复 (credit repair approved) and 已撤销/已移出 (corrected, or the list removed it) do not. */
export const creditRecordStatuses = ['有效', '已修复', '已撤销', '已移出'] as const;
export type CreditRecordStatus = (typeof creditRecordStatuses)[number];

export interface CreditRecordTable {
  id: Generated<number>;
  /** XYJL2026-000001 */
  record_no: string;
  uscc: string;
  subject_id: number | null;
  subject_name: string;
  kind: CreditRecordKind;
  severity: CreditSeverity;
  source: CreditSource;
  /** Unique per source: 'penalty:12', 'licence:7', 'task:GT2026-0001:3' (task, department), or the sender's record id. */
  source_ref: string;
  channel: CreditChannel;
  sender_department_id: number | null;
  /** The department that made the finding or decision (认定部门). */
  department_name: string;
  title: string;
  detail: string;
  occurred_on: ColumnType<string, string, string>;
  /** The period it counts for: from, and until (null: until its status changes). */
  counts_from: ColumnType<string, string, string>;
  counts_until: ColumnType<string | null, string | null, string | null>;
  status: CreditRecordStatus;
  status_reason: string | null;
  status_changed_at: Date | null;
  /** The date a status change took effect (移出日期 of a list, the day of a 撤销). */
  /** 依据文号: the document the finding or decision rests on. */
  basis_doc_no: ColumnType<string, string | undefined, string>;
  status_on: ColumnType<string | null, string | null | undefined, string | null>;
  payload_digest: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type CreditRecordRow = Selectable<CreditRecordTable>;

export const creditHistoryEvents = ['新增', '更新', '更正', '撤销', '移出', '修复'] as const;
export type CreditHistoryEvent = (typeof creditHistoryEvents)[number];

/** Every version and status change of a credit record, append-only: what it said then, who changed it and why. */
export interface CreditRecordHistoryTable {
  id: Generated<number>;
  record_id: number;
  version: number;
  event: CreditHistoryEvent;
  status: CreditRecordStatus;
  channel: CreditChannel;
  fields: JSONColumnType<Record<string, unknown>, string, string>;
  reason: string | null;
  changed_by: number | null;
  changed_by_name: string;
  changed_at: Date;
}
