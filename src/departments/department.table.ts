import type { ColumnType, Generated, Selectable } from 'kysely';

export const departmentKinds = [
  '登记注册',
  '许可审批',
  '行业主管',
  '综合执法',
  '督查',
  '信用主管',
  '联席会议办公室',
  '平台管理',
] as const;
export type DepartmentKind = (typeof departmentKinds)[number];

export interface DepartmentTable {
  id: Generated<number>;
  name: string;
  /** The department's own 统一社会信用代码. */
  code: string;
  kind: DepartmentKind;
  /** 6-digit administrative division code (GB/T 2260). */
  division_code: string;
  parent_id: number | null;
  status: 'active' | 'disabled';
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type DepartmentRow = Selectable<DepartmentTable>;
