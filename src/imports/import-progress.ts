import type { RowProblem } from './import-job.table';

/** How far a job got: rows read, what writing them did (or would do, in a dry run), rows refused. */
export interface ImportProgress {
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  bytesRead: number;
  /** Rows written so far once the file has been read (absent while it is being read). */
  writtenRows?: number;
}

export interface ImportOutcome extends ImportProgress {
  /** Rows were written: false for a dry run and for an all-or-nothing file with bad rows. */
  committed: boolean;
  problems: RowProblem[];
  problemsOmitted: number;
}
