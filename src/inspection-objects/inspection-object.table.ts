import type { ColumnType, Generated } from 'kysely';

export const inspectionObjectKinds = ['场所', '车辆', '项目', '设备', '其他'] as const;
export type InspectionObjectKind = (typeof inspectionObjectKinds)[number];

export interface InspectionObjectTable {
  id: Generated<number>;
  kind: InspectionObjectKind;
  name: string;
  /** Plate number, project code, equipment register number…; empty when there is none. */
  identifier: string;
  address: string;
  division_code: string;
  responsible_subject_id: number;
  /** The department that registered it (its own sampling register, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十三条). */
  department_id: number;
  note: string;
  status: '有效' | '停用';
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
