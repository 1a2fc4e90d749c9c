import type { Generated } from 'kysely';

export type CheckResult = '符合' | '不符合' | '不适用';
export type OverallResult = '符合' | '发现问题';

/** The planned visit date of a task and the inspectors' check-in. */
export interface InspectionVisitTable {
  task_id: number;
  visit_on: string;
  checked_in_at: Date | null;
  /** The inspection date (China time) the 7-working-day deadline counts from. */
  checked_in_on: string | null;
  checked_in_by: number | null;
  updated_at: Date;
}

/** Every setting and change of the visit date, with the reason of a change. */
export interface InspectionVisitChangeTable {
  id: Generated<number>;
  task_id: number;
  previous_on: string | null;
  visit_on: string;
  reason: string | null;
  changed_by: number;
  changed_by_name: string;
  changed_at: Date;
}

export interface InspectionResultTable {
  task_id: number;
  check_item_id: number;
  department_id: number;
  item_code: string;
  result: CheckResult;
  notes: string;
  recorded_by: number;
  recorded_at: Date;
  late: boolean;
}

export interface InspectionPhotoTable {
  id: Generated<number>;
  task_id: number;
  check_item_id: number;
  department_id: number;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer;
  uploaded_by: number;
  uploaded_at: Date;
}

export interface InspectionSubmissionTable {
  task_id: number;
  department_id: number;
  overall: OverallResult;
  feedback_promised_on: string | null;
  submitted_by: number;
  submitted_at: Date;
  /** Null when the deadline's year has no holiday notice loaded yet. */
  due_on: string | null;
  late: boolean;
}
