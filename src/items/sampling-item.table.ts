import type { ColumnType, Generated } from 'kysely';
import type { SubjectKind } from '../subjects/subject.table';
import type { ItemStatus } from './supervision-item.table';

export const samplingFrequencies = ['每年一次', '每半年一次', '每季度一次', '按需'] as const;
export type SamplingFrequency = (typeof samplingFrequencies)[number];

/** Percentage (0–100) of each credit class's frame drawn in one round of the item. */
export interface ClassRatios {
  A: number;
  B: number;
  C: number;
  D: number;
}

/**
 * Object scope of a sampling item. Within one dimension any value matches (OR); across dimensions all
 * non-empty ones must match (AND); an empty dimension does not restrict.
 */
export interface SamplingScope {
  /** GB/T 4754-2017 codes of any level (section letter, division, group, class). */
  industries: string[];
  /** Tag codes (src/tags). */
  tags: string[];
  subjectKinds: SubjectKind[];
  /** Administrative division code prefixes, 2–6 digits. */
  divisions: string[];
}

export interface InspectorRequirements {
  /** Enforcement fields an inspector must hold, in the inspector register's vocabulary (inspectors.fields, e.g. 市场监管). */
  fields: string[];
  minInspectors: number;
}

/** 随机抽查事项清单 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十条). */
export interface SamplingItemTable {
  id: Generated<number>;
  code: string;
  name: string;
  department_id: number;
  basis: string;
  scope: ColumnType<SamplingScope, string, string>;
  method: string;
  ratios: ColumnType<ClassRatios, string, string>;
  frequency: SamplingFrequency;
  inspector_requirements: ColumnType<InspectorRequirements, string, string>;
  /** A-class subjects are left out of the item's proactive draws (无事不扰); default off. */
  a_class_exempt: ColumnType<boolean, boolean | undefined, boolean>;
  published: boolean;
  published_at: Date | null;
  status: ItemStatus;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
  updated_by: number | null;
}

export interface SamplingItemCheckItemTable {
  sampling_item_id: number;
  check_item_id: number;
}
