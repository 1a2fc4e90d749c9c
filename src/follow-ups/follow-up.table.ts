import type { ColumnType, Generated } from 'kysely';

/**
 * 一跟踪 (照后证前, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条): the stored states of a follow-up obligation.
 * 逾期 is not stored: an obligation still 待跟踪 after its due date is shown overdue.
 */
export const followUpStatuses = ['待跟踪', '已跟踪', '免于跟踪'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/** What the follow-up inspection found (第十七条: the result is recorded on the platform). */
export const followUpOutcomes = ['未发现问题', '发现问题', '发现无证经营'] as const;
export type FollowUpOutcome = (typeof followUpOutcomes)[number];

/** One department's duty to inspect a newly registered subject within 2 calendar months of the push (第十五条、第十六条). */
export interface FollowUpTable {
  id: Generated<number>;
  /** GZGZ2026-00001 */
  follow_up_no: string;
  push_id: number;
  registration_id: number;
  department_id: number;
  subject_id: number | null;
  uscc: string;
  subject_name: string;
  approval_item_codes: string[];
  /** The push's China date; the 2 months count from it. */
  pushed_on: string;
  due_on: string;
  status: FollowUpStatus;
  /** The 跟踪 task (it may since have been merged into a joint task). */
  task_id: number | null;
  /** Why no task could be created (no item of the department fits, no subject in the register). */
  no_task_reason: string | null;
  followed_up_on: string | null;
  /** Inspected after the due date. */
  late: boolean;
  outcome: FollowUpOutcome | null;
  outcome_notes: string;
  /** The check item found 不符合 on “未取得许可即开展经营活动”, which the department may transfer to case handling. */
  unlicensed_check_item_id: number | null;
  transferred_at: Date | null;
  /** The licence that ended 照后证前 before the follow-up was done (免于跟踪). */
  closed_by_licence_id: number | null;
  closed_on: string | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

/** A licensed subject entering a department's routine supervision (第十八条). */
export interface RoutineSupervisionTable {
  id: Generated<number>;
  subject_id: number | null;
  uscc: string;
  subject_name: string;
  department_id: number;
  licence_id: number;
  since: string;
  created_at: ColumnType<Date, Date, never>;
}

export const applicationChannels = ['接口', '在线'] as const;
export type ApplicationChannel = (typeof applicationChannels)[number];

export const applicationStatuses = ['办理中', '已办结'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** 二跟踪 (第十八条): a licence application whose processing time (办证时限) the supervision office tracks. */
export interface LicenceApplicationTable {
  id: Generated<number>;
  /** XKSQ2026-00001 */
  application_no: string;
  sender_department_id: number;
  /** The sender's own id (idempotency key with the department); online entry gets the application number. */
  sender_record_id: string;
  channel: ApplicationChannel;
  registration_id: number | null;
  subject_id: number | null;
  uscc: string;
  applicant_name: string;
  approval_item_code: string;
  approval_item_name: string;
  /** The licensing department. */
  department_id: number;
  /** 受理日期 */
  accepted_on: string;
  /** 法定办结时限 and 承诺办结时限, in working days. */
  statutory_days: number;
  promised_days: number;
  status: ApplicationStatus;
  licence_id: number | null;
  concluded_on: string | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
