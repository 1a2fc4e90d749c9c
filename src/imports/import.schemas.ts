import { z } from 'zod';
import { importModes, importStatuses } from './import-job.table';

/** The import modes and their Chinese names, for the CLI and pages. */
export { importModeNames, type ImportMode } from './import-job.table';

export const importModeQuery = z.object({
  /** dry-run: check and count, write nothing; all-or-nothing: write only if every row is valid; valid-only: write the valid rows. */
  mode: z.enum(importModes, { message: '导入方式应为 dry-run、all-or-nothing 或 valid-only' }).default('valid-only'),
});

export const importListQuery = z.object({
  /** Only the jobs of this register (e.g. subjects); every kind when absent. */
  kind: z.string().trim().min(1).max(40).optional(),
});

export const rowProblem = z.object({ row: z.number(), field: z.string(), value: z.string(), message: z.string() });

export const importJobView = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  fileSize: z.number(),
  mode: z.enum(importModes),
  status: z.enum(importStatuses),
  /** Data rows in the file: known up front for CSV, at the end for XLSX. */
  totalRows: z.number().nullable(),
  processedRows: z.number(),
  /** Once the file is read and its rows are being written: rows written so far (null while reading, and when not running). */
  writtenRows: z.number().nullable(),
  /** 0–100: by rows when the total is known, else by bytes read; while writing, by rows written. */
  percent: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  committed: z.boolean(),
  /** The first problems (the full list is the error report download). */
  problems: z.array(rowProblem),
  /** All problems found, including those beyond the stored cap. */
  problemCount: z.number(),
  /** Wall-clock running time so far (or in all). */
  elapsedMs: z.number(),
  rowsPerSecond: z.number().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;

export const importJobAccepted = z.object({ jobId: z.string() });
