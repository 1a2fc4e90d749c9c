import type { ColumnType, Selectable } from 'kysely';

export const importModes = ['dry-run', 'all-or-nothing', 'valid-only'] as const;
export type ImportMode = (typeof importModes)[number];
export const importStatuses = ['running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** One problem of one row: spreadsheet row number (header = 1), Chinese column name, the cell as read, the reason. */
export interface RowProblem {
  row: number;
  field: string;
  value: string;
  message: string;
}

export interface ImportJobTable {
  id: string;
  kind: string;
  file_name: string;
  file_sha256: string;
  file_size: number;
  mode: ImportMode;
  status: ImportStatus;
  total_rows: number | null;
  processed_rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  committed: boolean;
  problems: ColumnType<RowProblem[], string, string>;
  problems_omitted: number;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  finished_at: Date | null;
  elapsed_ms: number | null;
  error: string | null;
}
export type ImportJobRow = Selectable<ImportJobTable>;
