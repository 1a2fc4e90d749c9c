import type { ColumnType } from 'kysely';

/** 存续 subjects counted by division, industry sections (门类) and industry risk levels, refreshed hourly. */
export interface DashboardSubjectCountTable {
  division_code: string;
  sections: string[];
  industry_risk: ColumnType<Record<string, string>, string, string>;
  subjects: number;
}

/** When each snapshot of the dashboard was last taken. */
export interface DashboardSnapshotTable {
  name: string;
  refreshed_at: Date;
}
