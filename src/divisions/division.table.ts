/** 行政区划 (GB/T 2260 six-digit codes; township codes extend them): the names behind subjects' division codes. */
export const divisionLevels = ['省', '市', '区县', '乡镇街道'] as const;
export type DivisionLevel = (typeof divisionLevels)[number];

export interface DivisionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: DivisionLevel;
}
