import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { RiskLevel } from '../draw/engine/types';
import type { IndicatorDefinition, IndustryBase, LevelCutoffs } from './risk-score';

/** Why the assessment started: the four situations of 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十三条. */
export const assessmentReasons = ['确定监管重点', '发现安全隐患', '新兴业态', '上级部门要求'] as const;
export type AssessmentReason = (typeof assessmentReasons)[number];

/** 第三十八条: done by the department itself, or entrusted to a qualified third party. */
export const assessorKinds = ['自行评估', '委托第三方'] as const;
export type AssessorKind = (typeof assessorKinds)[number];

/** Rule-based from the platform's data, or levels imported from the assessor's file. */
export const assessmentMethods = ['规则计算', '第三方结果导入'] as const;
export type AssessmentMethod = (typeof assessmentMethods)[number];

/** 草稿 (rules editable) → 评估中 (running or awaiting the assessor's file) → 已完成 (results held) → 已发布 (immutable). */
export const assessmentStatuses = ['草稿', '评估中', '已完成', '已发布'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

/** Which subjects are assessed: industry codes (GB/T 4754, any level), tag codes, division code prefixes. */
export interface AssessmentScope {
  industryCodes: string[];
  tags: string[];
  divisions: string[];
}

/** The measures (排险措施) for subjects of a level. */
export interface LevelMeasure {
  level: RiskLevel;
  measure: string;
}

/** One step of the assessment's process (评估过程 in the report). */
export interface ProcessStep {
  at: string;
  what: string;
}

export interface RiskAssessmentTable {
  id: Generated<number>;
  /** FXPG2026-0001 */
  assessment_no: string;
  department_id: number;
  name: string;
  reason_kind: AssessmentReason;
  reason: string;
  assessor_kind: AssessorKind;
  assessor_name: string | null;
  method: AssessmentMethod;
  method_note: string;
  scope: JSONColumnType<AssessmentScope, string, string>;
  indicators: JSONColumnType<IndicatorDefinition[], string, string>;
  industry_base: JSONColumnType<IndustryBase[], string, string>;
  window_years: number;
  cutoffs: JSONColumnType<LevelCutoffs, string, string>;
  measures: JSONColumnType<LevelMeasure[], string, string>;
  status: AssessmentStatus;
  subject_count: Generated<number>;
  process_log: JSONColumnType<ProcessStep[], string, string>;
  report_pdf: Buffer | null;
  report_digest: string | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
  completed_at: Date | null;
  issued_by: number | null;
  issued_at: Date | null;
}
export type RiskAssessmentRow = Selectable<RiskAssessmentTable>;

/** One assessed subject: its score (null when the assessor gave none), level, each indicator's points, a note. */
export interface RiskAssessmentResultTable {
  assessment_id: number;
  subject_id: number;
  uscc: string;
  subject_name: string;
  score: number | null;
  level: RiskLevel;
  points: JSONColumnType<Record<string, number> | null, string | null, string | null>;
  note: string;
}
