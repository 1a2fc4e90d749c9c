import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { DimensionScore, IndicatorSet } from './performance-catalog';

/** 草稿 (editable) → 已发布 (immutable; the latest published version is the one evaluations use). */
export const versionStatuses = ['草稿', '已发布'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

/** 日常评价 (the daily year-to-date snapshot) and 年度评价 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十四条). */
export const evaluationKinds = ['日常', '年度'] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];

/** 已计算 (an annual evaluation may be computed again) → 已完成 (frozen by a trigger, the report stored). */
export const evaluationStatuses = ['已计算', '已完成'] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];

/** 待整改 → 已整改 (the department answers), or 已通报 when ignored past the deadline (第四十五条、第四十六条). */
export const noticeStatuses = ['待整改', '已整改', '已通报'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

/** One version of the indicator system (履职评价指标体系, 第四十二条: adjusted as the work requires). */
export interface PerformanceIndicatorVersionTable {
  id: Generated<number>;
  version: number;
  status: Generated<VersionStatus>;
  definition: JSONColumnType<IndicatorSet, string, string>;
  note: Generated<string>;
  created_at: ColumnType<Date, Date, never>;
  created_by: number | null;
  updated_at: Date;
  published_at: Date | null;
  published_by: number | null;
}
export type IndicatorVersionRow = Selectable<PerformanceIndicatorVersionTable>;

/** One daily or annual evaluation of every evaluated department over a period. */
export interface PerformanceEvaluationTable {
  id: Generated<number>;
  /** LZPJ-NB2025 (annual) or LZPJ-RC20261206 (daily). */
  evaluation_no: string;
  kind: EvaluationKind;
  year: number;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  version_id: number;
  pass_score: number;
  status: Generated<EvaluationStatus>;
  department_count: Generated<number>;
  computed_at: Date;
  computed_by: number | null;
  finished_at: Date | null;
  finished_by: number | null;
  report_pdf: Buffer | null;
  report_digest: string | null;
}
export type EvaluationRow = Selectable<PerformanceEvaluationTable>;

/** A department's total, rank and dimension scores in an evaluation. */
export interface PerformanceScoreTable {
  evaluation_id: number;
  department_id: number;
  department_name: string;
  total: number;
  rank: number;
  /** Below the version's pass score (落后). */
  behind: boolean;
  dimensions: JSONColumnType<DimensionScore[], string, string>;
}

/** One indicator of one department: the computed value, the score, and the records behind it (evidence). */
export interface PerformanceIndicatorResultTable {
  evaluation_id: number;
  department_id: number;
  indicator_code: string;
  name: string;
  dimension: string;
  points: number;
  numerator: number;
  denominator: number;
  /** False when the department had nothing to count and the indicator is left out (its points too). */
  applicable: boolean;
  score: number;
  /** The records that cost points (at most EVIDENCE_KEPT of them). */
  evidence: JSONColumnType<string[], string, string>;
  evidence_total: number;
}

/** 限期整改通知 to a department (第四十五条、第四十六条), its answer, and its escalation to 通报. */
export interface PerformanceNoticeTable {
  id: Generated<number>;
  /** ZGTZ2026-0001 */
  notice_no: string;
  department_id: number;
  evaluation_id: number | null;
  reasons: JSONColumnType<string[], string, string>;
  requirement: string;
  deadline_days: number;
  /** The last working day; null while that year's holidays are not loaded. */
  due_on: ColumnType<string | null, string | null, string | null>;
  status: Generated<NoticeStatus>;
  issued_at: Date;
  issued_by: number | null;
  issued_by_name: string;
  answered_at: Date | null;
  answered_by_name: string | null;
  answer_note: Generated<string>;
  answered_late: Generated<boolean>;
  escalated_at: Date | null;
  escalated_by_name: string | null;
  escalation_note: Generated<string>;
}
