import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** 检查类型 of an advance registration (提前登记). */
export const registrationKinds = [
  '专项检查',
  '后续跟进',
  '日常检查',
  '投诉举报',
  '监测发现',
  '转办交办',
  '依法依规',
] as const;
export type RegistrationKind = (typeof registrationKinds)[number];

/**
 * 有效 until its department confirms it (or its window opens): 已转任务, pointing at the task it became;
 * 已合并 when merged into a joint task first; 已撤回 when withdrawn (kept with its reason).
 */
export const registrationStatuses = ['有效', '已转任务', '已撤回', '已合并'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export interface RegisteredItem {
  code: string;
  name: string;
}

export interface InspectionRegistrationTable {
  id: Generated<number>;
  registration_no: string;
  department_id: number;
  subject_id: number;
  uscc: string;
  kind: RegistrationKind;
  /** The calendar year of the window (a window lies within one year). */
  year: number;
  window_from: string;
  window_to: string;
  items: JSONColumnType<RegisteredItem[], string, string>;
  inspector_ids: number[];
  note: string;
  status: RegistrationStatus;
  withdraw_reason: string | null;
  merged_task_id: number | null;
  /** The task the registration became (confirmed, or merged into). */
  task_id: Generated<number | null>;
  created_by: number;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
