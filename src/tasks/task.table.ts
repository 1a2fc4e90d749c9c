import type { Generated } from 'kysely';

/** Where a task comes from: a draw record, an advance registration, or a merge of several. */
export type TaskSource = '抽取' | '登记' | '合并';
/**
 * 待发布 until the task announcement is published; 已作废 when a redraw replaced it; 已合并 when a joint visit (合并入企) replaced it.
 * Execution (src/inspections): 已排期 once a visit date is set, 检查中 after check-in, 已检查 when every department has submitted its results;
 * 已办结 (src/results) when every department's results are approved and the result is published.
 */
export type TaskStatus = '待发布' | '已发布' | '已作废' | '已合并' | '已排期' | '检查中' | '已检查' | '已办结';

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
  /** Why the draw could not staff the task (null when staffed). */
  unstaffed_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface InspectionTaskItemTable {
  task_id: number;
  department_id: number;
  item_code: string;
  item_name: string;
}

export interface InspectionTaskInspectorTable {
  task_id: number;
  inspector_id: number;
  department_id: number;
}
