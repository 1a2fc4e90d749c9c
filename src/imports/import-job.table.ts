import type { ColumnType, Selectable } from 'kysely';

export const importModes = ['dry-run', 'all-or-nothing', 'valid-only'] as const;
/** What each mode is called and does: one wording for the page, the template's notes and the CLI. */
export const importModeNames: Record<(typeof importModes)[number], { label: string; hint: string }> = {
  'dry-run': { label: '试运行（不写入）', hint: '只校验并统计将新增、更新的行数，不写入任何数据' },
  'all-or-nothing': { label: '全部正确才导入', hint: '任何一行有误则整个文件都不写入，改正后重新上传' },
  'valid-only': { label: '仅导入正确行', hint: '写入校验通过的行，有误的行跳过并列入错误报告' },
};
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

/** How far the write of a job's staged rows got: slices applied and what they did (null: not writing). */
export interface ApplyState {
  slices: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
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
  apply_state: ColumnType<ApplyState | null, string | null, string | null>;
}
export type ImportJobRow = Selectable<ImportJobTable>;
