import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';

/** 红 (most serious) to 蓝: the four warning levels. */
export const warningLevels = ['红', '橙', '黄', '蓝'] as const;
export type WarningLevel = (typeof warningLevels)[number];

/** The built-in rules: each one SQL query (warning-rule.repository.ts) over the platform's data. */
export const ruleCodes = [
  'repeat_complaints',
  'unfollowed_finding',
  'licence_lapsed',
  'key_not_inspected',
  'visits_above_cap',
  'frequent_visits',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

/** A rule's settings, edited by warning:rule; the queries themselves are code. */
export interface WarningRuleTable {
  code: RuleCode;
  name: string;
  description: string;
  sort: number;
  level: WarningLevel;
  /** Null: the department the facts name (the subject's supervising department); else this one. */
  owner_department_id: number | null;
  /** Thresholds and windows, validated per rule (warning-rules.ts). */
  params: JSONColumnType<Record<string, unknown>, string, string>;
  /** Working days the department has to dispose of a warning. */
  disposal_days: number;
  enabled: boolean;
  /** The China date of the last run: the hourly job runs a rule at most once a day. */
  last_run_on: ColumnType<string | null, string | null, string | null>;
  updated_by: number | null;
  updated_at: Date | null;
}
export type WarningRuleRow = Selectable<WarningRuleTable>;

export const runTriggers = ['定时', '手动'] as const;
export type RunTrigger = (typeof runTriggers)[number];

/** One run of one rule: how many cases it found, how many became new warnings (the rest were already open). */
export interface WarningRunTable {
  id: Generated<number>;
  rule_code: RuleCode;
  trigger: RunTrigger;
  params: JSONColumnType<Record<string, unknown>, string, never>;
  started_at: Date;
  finished_at: Date;
  hits: number;
  created: number;
  run_by: number | null;
}

/**
 * 待核查 on arrival; 已核查 once the department checked it (核查); 处置中 once it chose the disposal (a 预警核查 task on
 * site, or a measure off site); 已关闭 with the result and feedback (反馈); 误报 when the check found nothing to it.
 */
export const warningStatuses = ['待核查', '已核查', '处置中', '已关闭', '误报'] as const;
export type WarningStatus = (typeof warningStatuses)[number];
export const openWarningStatuses: readonly WarningStatus[] = ['待核查', '已核查', '处置中'];

export const disposalMethods = ['现场核查', '非现场处置'] as const;
export type DisposalMethod = (typeof disposalMethods)[number];

export const disposalResults = ['风险属实，已处置', '风险已消除', '移送案件查处'] as const;
export type DisposalResult = (typeof disposalResults)[number];

export interface WarningTable {
  id: Generated<number>;
  /** YJ2026-000001 */
  warning_no: string;
  rule_code: RuleCode;
  run_id: number;
  level: WarningLevel;
  subject_id: number;
  department_id: number;
  /** What identifies the facts (e.g. task:12): a warning closed on the same facts is not raised again. */
  fact_key: string;
  facts: JSONColumnType<Record<string, unknown>, string, string>;
  status: WarningStatus;
  raised_on: ColumnType<string, string, string>;
  due_on: ColumnType<string | null, string | null, string | null>;
  disposal_method: DisposalMethod | null;
  task_id: number | null;
  task_inspected_on: ColumnType<string | null, string | null, string | null>;
  check_note: string;
  measure: string;
  result: DisposalResult | null;
  feedback: string;
  false_reason: string;
  closed_at: Date | null;
  closed_late: boolean;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type WarningRow = Selectable<WarningTable>;

/** Each step of a warning's disposal, for its detail page. */
export interface WarningEventTable {
  id: Generated<number>;
  warning_id: number;
  action: string;
  from_status: WarningStatus | null;
  to_status: WarningStatus;
  note: string;
  actor_user_id: number | null;
  actor_name: string;
  at: Date;
}
