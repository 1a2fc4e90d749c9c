import type { ColumnType, Generated, Selectable } from 'kysely';

/** Why a subject is a key target (重点抽查对象, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条). */
export const keyTargetReasons = [
  '违反告知承诺',
  '检查发现违法',
  '年报未报',
  '跟踪检查结果',
  '信用评价D类',
  '联合惩戒',
  '人工列入',
] as const;
export type KeyTargetReason = (typeof keyTargetReasons)[number];

/**
 * One listing of a subject as a key target, derived (with the record, run or measure it came from in source_ref)
 * or added by staff. It lapses at expires_on or when lifted; subjects.key_target is true while one is in force.
 */
export interface KeyTargetTable {
  id: Generated<number>;
  subject_id: number;
  reason_kind: KeyTargetReason;
  reason: string;
  /** 'credit_record:12', 'credit_run:3', 'measure_case:5'; null for one added by hand. */
  source_ref: string | null;
  department_id: number | null;
  listed_on: ColumnType<string, string, string>;
  expires_on: ColumnType<string | null, string | null, string | null>;
  lifted_at: Date | null;
  lifted_by: number | null;
  lift_reason: string | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
}
export type KeyTargetRow = Selectable<KeyTargetTable>;
