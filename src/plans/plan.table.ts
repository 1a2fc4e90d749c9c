import type { ColumnType, Generated, Selectable } from 'kysely';
import type { SamplingScope } from '../items/sampling-item.table';
import type { PublishedAnnualPlan, PublishedSpecialPlan } from './plan.schemas';
import type {
  AnnualPlanStatus,
  EntryStatus,
  SpecialPlanKind,
  SpecialPlanStatus,
  ConsultationAnswer,
} from './plan.enums';

export type { AnnualPlanStatus, EntryStatus, SpecialPlanKind, SpecialPlanStatus, ConsultationAnswer };

/** 年度日常检查计划 (《黄浦区精准高效协同监管实施办法（试行）》第八条); a published plan never changes, a revision is a new row. */
export interface AnnualPlanTable {
  id: Generated<number>;
  year: number;
  revision: number;
  title: string;
  status: AnnualPlanStatus;
  /** Departments submit their entries by this date (set by the joint-meeting office). */
  submission_deadline: string;
  /** 31 March of the plan year (《黄浦区精准高效协同监管实施办法（试行）》第八条). */
  publish_deadline: string;
  revision_reason: string | null;
  previous_id: number | null;
  /** Everything the announcement shows, frozen at publication. */
  published_content: ColumnType<PublishedAnnualPlan | null, string | null, string | null>;
  published_at: Date | null;
  published_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type AnnualPlanRow = Selectable<AnnualPlanTable>;

/** 联合抽查事项: entries of several departments checked together, one of them initiating. */
export interface AnnualPlanJointItemTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
  initiating_department_id: number;
  created_at: Date;
}

/** One department's sampling item in the annual plan, with its window, content and materials. */
export interface AnnualPlanEntryTable {
  id: Generated<number>;
  plan_id: number;
  department_id: number;
  sampling_item_id: number;
  period_from: string;
  period_to: string;
  content: string;
  materials: string;
  status: EntryStatus;
  return_reason: string | null;
  joint_item_id: number | null;
  submitted_at: Date;
  reviewed_at: Date | null;
}

/** 专项检查方案 (《黄浦区精准高效协同监管实施办法（试行）》第七条; 全项彻查 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十五条). */
export interface SpecialPlanTable {
  id: Generated<number>;
  department_id: number;
  kind: SpecialPlanKind;
  title: string;
  basis: string;
  scope: ColumnType<SamplingScope, string, string>;
  /** An explicit subject list (instead of, or narrowing, the scope). */
  subject_ids: number[];
  period_from: string;
  period_to: string;
  content: string;
  materials: string;
  /** The initiating department's own sampling items. */
  sampling_item_ids: number[];
  status: SpecialPlanStatus;
  public: boolean;
  return_reason: string | null;
  consultation_start: string | null;
  consultation_deadline: string | null;
  published_content: ColumnType<PublishedSpecialPlan | null, string | null, string | null>;
  submitted_at: Date | null;
  approved_at: Date | null;
  published_at: Date | null;
  created_by: number;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type SpecialPlanRow = Selectable<SpecialPlanTable>;

/** 征求意见: one consulted department's answer (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十四条: within 5 working days). */
export interface SpecialPlanConsultationTable {
  plan_id: number;
  department_id: number;
  /** Pulled in automatically by a full-item check (全项彻查) rather than chosen by the office. */
  pulled_in: boolean;
  answer: ConsultationAnswer | null;
  reason: string | null;
  sampling_item_ids: number[];
  answered_at: Date | null;
  answered_on: string | null;
  late: boolean;
}
