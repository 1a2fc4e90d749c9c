import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { TaskSource, TaskStatus } from './task-lifecycle';

export type { TaskSource, TaskStatus } from './task-lifecycle';

export interface InspectionTaskTable {
  id: Generated<number>;
  task_no: string;
  source: TaskSource;
  draw_record_id: number | null;
  subject_id: number;
  uscc: string;
  window_from: string;
  window_to: string;
  status: TaskStatus;
  /** Why the task could not be staffed (null when staffed). */
  unstaffed_reason: string | null;
  /** The joint task that absorbed this one (status 已合并). */
  merged_into_task_id: Generated<number | null>;
  /** The registration (登记) the task was confirmed from. */
  registration_id: Generated<number | null>;
  /** The special plan (专项检查) the task belongs to. */
  special_plan_id: Generated<number | null>;
  /** A non-market inspection object; the result is linked to its responsible subject (subject_id). */
  inspection_object_id: Generated<number | null>;
  /** Counts against the routine-visit cap (a draw, a routine registration, or a merge of one). */
  routine: Generated<boolean>;
  /**
   * The task's items, ordered by code, as parallel arrays (one entry per item: its code, its department, its name).
   * Written only through task-members.repository.ts; read row by row through the view inspection_task_items.
   */
  item_codes: Generated<string[]>;
  item_department_ids: Generated<number[]>;
  item_names: Generated<string[]>;
  /** The task's inspectors, ordered by id, with the department each goes for (view inspection_task_inspectors). */
  inspector_ids: Generated<number[]>;
  inspector_department_ids: Generated<number[]>;
  created_at: Date;
  updated_at: Date;
}

/** A read-only column of a view. */
type ViewColumn<T> = ColumnType<T, never, never>;

/** One item of a task: a row of the view over inspection_tasks.item_codes and its parallel arrays. */
export interface InspectionTaskItemTable {
  task_id: ViewColumn<number>;
  department_id: ViewColumn<number>;
  item_code: ViewColumn<string>;
  item_name: ViewColumn<string>;
}

/** One inspector on a task: a row of the view over inspection_tasks.inspector_ids and inspector_department_ids. */
export interface InspectionTaskInspectorTable {
  task_id: ViewColumn<number>;
  inspector_id: ViewColumn<number>;
  department_id: ViewColumn<number>;
}

/** How inspectors came onto a task: 随机 (seeded selection; inspectors already on it are kept, listed in the detail), 指定 (chosen by staff). */
export type StaffingMethod = '随机' | '指定';

/** One staffing of a task, kept as evidence: the seed, the eligible pool in order, and who was chosen. */
export interface TaskStaffingTable {
  id: Generated<number>;
  task_id: number;
  department_id: number | null;
  method: StaffingMethod;
  seed: string | null;
  detail: JSONColumnType<Record<string, unknown>, string, string>;
  inspector_ids: number[];
  unstaffed_reason: string | null;
  reason: string | null;
  staffed_by: number | null;
  staffed_by_name: string | null;
  staffed_at: Date;
}
