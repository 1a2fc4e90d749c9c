import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';

/** 激励 (reward) or 惩戒 (punishment): the two kinds of joint measure (联合奖惩). */
export const measureKinds = ['激励', '惩戒'] as const;
export type MeasureKind = (typeof measureKinds)[number];

/** A measure is drafted, published (then on the portal when public), and withdrawn (kept, no longer used). */
export const measureStatuses = ['草稿', '已发布', '已撤销'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

/**
 * One entry of the list of joint reward and punishment measures (联合奖惩措施清单), kept by the credit office
 * (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条): what is done (matter, means), to whom (target), by which
 * departments and on what legal basis. Published unless a law says otherwise (then non_public_reason names it).
 */
export interface CreditMeasureTable {
  id: Generated<number>;
  kind: MeasureKind;
  /** 具体事项, e.g. 限制参与政府采购活动. */
  matter: string;
  /** 实施对象, e.g. 严重违法失信主体. */
  target: string;
  /** 实施手段. */
  means: string;
  /** 实施主体: the implementing departments. */
  department_ids: number[];
  /** 实施依据. */
  legal_basis: string;
  is_public: boolean;
  non_public_reason: string | null;
  status: MeasureStatus;
  /** Raised on every saved change; each version is kept in credit_measure_versions. */
  version: number;
  published_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_by: number | null;
  updated_at: Date;
}
export type CreditMeasureRow = Selectable<CreditMeasureTable>;

/** Each version of a measure as it was saved (append-only). */
export interface CreditMeasureVersionTable {
  measure_id: number;
  version: number;
  status: MeasureStatus;
  snapshot: JSONColumnType<Record<string, unknown>, string, never>;
  /** 新建, 修改, 发布, 撤销. */
  note: string;
  changed_by: number | null;
  changed_at: Date;
}

/** A case is in force from valid_from to valid_to unless the credit office ends it early (已解除). */
export const caseStatuses = ['实施中', '已解除'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * One subject named under a published measure (联合奖惩对象) by the initiating department, with the reason, the
 * document it rests on and the period; the measure's version at that time is kept.
 */
export interface CreditMeasureCaseTable {
  id: Generated<number>;
  case_no: string;
  measure_id: number;
  measure_version: number;
  kind: MeasureKind;
  subject_id: number;
  initiating_department_id: number;
  reason: string;
  basis_document: string;
  valid_from: ColumnType<string, string, string>;
  valid_to: ColumnType<string, string, string>;
  status: CaseStatus;
  ended_at: Date | null;
  ended_by: number | null;
  end_reason: string | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
}
export type CreditMeasureCaseRow = Selectable<CreditMeasureCaseTable>;

export const feedbackOutcomes = ['待反馈', '已实施', '不适用'] as const;
export type FeedbackOutcome = (typeof feedbackOutcomes)[number];

/** An implementing department's 实施反馈 on one case: due 10 working days after the case was initiated. */
export interface CreditMeasureFeedbackTable {
  id: Generated<number>;
  case_id: number;
  department_id: number;
  /** Null while that year's holidays are not loaded. */
  due_on: ColumnType<string | null, string | null, string | null>;
  outcome: FeedbackOutcome;
  applied_on: ColumnType<string | null, string | null, string | null>;
  /** What was done (已实施) or why the measure does not apply (不适用). */
  action: string | null;
  recorded_by: number | null;
  recorded_at: Date | null;
  /** Recorded after due_on. */
  late: Generated<boolean>;
}
