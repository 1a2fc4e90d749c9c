import type { ColumnType, Generated } from 'kysely';

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
}
