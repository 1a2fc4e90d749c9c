import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** How a batch arrived: a department system's API call, an uploaded batch file, online entry, or the platform's own completeness check (未报送). */
export const batchChannels = ['接口', '批量文件', '在线填报', '平台核查'] as const;
export type BatchChannel = (typeof batchChannels)[number];

export const batchStatuses = ['已接收', '部分异常', '全部异常'] as const;
export type BatchStatus = (typeof batchStatuses)[number];

/** 《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条：未报送、报送错误或报送不一致. */
export const anomalyProblems = ['未报送', '报送错误', '报送不一致'] as const;
export type AnomalyProblem = (typeof anomalyProblems)[number];

/** 待整改 until a resend fixes it (已整改) or the joint office writes it off with a reason (已核销). */
export const anomalyStatuses = ['待整改', '已整改', '已核销'] as const;
export type AnomalyStatus = (typeof anomalyStatuses)[number];

type DateColumn = ColumnType<string | null, string | null, string | null>;

/** One delivery of supervision data by a department (数据汇聚批次). */
export interface AggregationBatchTable {
  id: Generated<number>;
  /** Date + sequence, as in the provincial exchange envelope (e.g. 2026120600002). */
  batch_no: string;
  department_id: number;
  channel: BatchChannel;
  /** The kind of supervision data (监管计划, 监管对象, 执法人员, 行政检查, 行政处罚, 行政强制, 其他监管行为, 投诉举报, 信用信息). */
  record_kind: string;
  file_name: string | null;
  record_count: Generated<number>;
  accepted_count: Generated<number>;
  anomaly_count: Generated<number>;
  status: Generated<BatchStatus>;
  received_at: Date;
  created_by: number | null;
  /** The bearer token's name for an API delivery. */
  token_name: string | null;
  /** The 批次号 the sender gave its envelope, if any (the platform numbers every batch itself). */
  sender_batch_no: string | null;
}

/** One problem in a department's data, with the 5-working-day deadline to fix and resend it. */
export interface DataAnomalyTable {
  id: Generated<number>;
  department_id: number;
  batch_id: number | null;
  record_kind: string;
  /** The sender's key of the record (部门编码 + 主键), empty for a missing report. */
  record_key: Generated<string>;
  /** The row in a batch file (1-based, header excluded), null for API and online entry. */
  row_no: number | null;
  field: string | null;
  field_label: string | null;
  problem: AnomalyProblem;
  message: string;
  detected_at: Date;
  /** Five working days after detection; null only where the year's holiday calendar is missing. */
  due_on: DateColumn;
  status: Generated<AnomalyStatus>;
  resolved_at: Date | null;
  resolved_batch_id: number | null;
  resolution_note: Generated<string>;
  /** The refused record as sent (personal data masked), to correct online and resend; null for 未报送. */
  record_payload: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
}

/**
 * Every accepted record a department sent, keyed by sender and its own key (主键): the content digest makes a
 * re-delivery idempotent; for the kinds no other register holds this is the 监管行为信息库
 * (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十二条), for the others the receipt of what was handed on.
 */
export interface AggregationRecordTable {
  id: Generated<number>;
  department_id: number;
  record_kind: string;
  sender_key: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  content_digest: string;
  /** Sent with 操作 d: kept (the exchange export must send the delete), no longer listed as current. */
  deleted: Generated<boolean>;
  batch_id: number;
  row_no: number | null;
  /** The register the record went to (监管行为信息库, 监管对象名录库, …). */
  home: string;
  /** The id or number the register gave it, if any. */
  home_ref: string | null;
  received_at: Date;
  updated_at: Date;
}

/** The reminders already sent for an anomaly (临期 the working day before, 超期 after): once each. */
export interface AnomalyReminderTable {
  anomaly_id: number;
  phase: 'due_soon' | 'overdue';
  sent_at: Date;
}

/** The national codes of a platform supervision item, needed to export its inspections to the province. */
export interface ExchangeCodeMappingTable {
  item_code: string;
  catalog_code: string;
  list_code: string;
  updated_by: number | null;
  updated_at: Date;
}

/** One export for the provincial 互联网+监管 data centre. */
export interface ExchangeExportTable {
  id: Generated<number>;
  batch_no: string;
  record_kind: string;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  inserted: number;
  updated: number;
  deleted: number;
  refused: number;
  /** The records left out, with why (a platform item without its national codes). */
  refusals: JSONColumnType<{ key: string; reason: string }[], string, string>;
  /** The exchange rows as exported, so the file can be downloaded again unchanged. */
  rows: JSONColumnType<string[][], string, string>;
  exported_by: number | null;
  exported_at: Date;
}

/** What the province last received of a record: the next export sends u when the digest changed, d when it is gone. */
export interface ExchangeExportedRecordTable {
  record_kind: string;
  sender_key: string;
  record_id: string;
  content_digest: string;
  deleted: Generated<boolean>;
  last_export_id: number;
}

/** One completeness check (未报送) per China day, for the previous month. */
export interface AggregationCheckTable {
  checked_on: ColumnType<string, string, string>;
  period: string;
  raised: number;
  checked_at: Date;
}
