import type { Db } from '../db/database';
import type { ImportOutcome, ImportProgress } from './import-engine';
import type { ImportJobRow, ImportMode, RowProblem } from './import-job.table';

export interface NewJob {
  id: string;
  kind: string;
  fileName: string;
  sha256: string;
  size: number;
  mode: ImportMode;
  createdBy: number | null;
  now: Date;
}

export const insertJob = (db: Db, job: NewJob) =>
  db
    .insertInto('import_jobs')
    .values({
      id: job.id,
      kind: job.kind,
      file_name: job.fileName,
      file_sha256: job.sha256,
      file_size: job.size,
      mode: job.mode,
      status: 'running',
      total_rows: null,
      processed_rows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      committed: false,
      problems: '[]',
      problems_omitted: 0,
      created_by: job.createdBy,
      created_at: job.now,
      finished_at: null,
      elapsed_ms: null,
      error: null,
    })
    .execute();

export const findJob = (db: Db, id: string): Promise<ImportJobRow | undefined> =>
  db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();

export const listJobs = (db: Db, createdBy: number | null, limit: number) => {
  let q = db.selectFrom('import_jobs').selectAll().orderBy('created_at', 'desc').limit(limit);
  if (createdBy !== null) q = q.where('created_by', '=', createdBy);
  return q.execute();
};

export const setTotalRows = (db: Db, id: string, total: number) =>
  db.updateTable('import_jobs').set({ total_rows: total }).where('id', '=', id).execute();

/** Progress of a running job (never overwrites a finished one). */
export const saveProgress = (db: Db, id: string, p: ImportProgress) =>
  db
    .updateTable('import_jobs')
    .set({
      processed_rows: p.processedRows,
      inserted: p.inserted,
      updated: p.updated,
      unchanged: p.unchanged,
      rejected: p.rejected,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();

export const finishJob = (db: Db, id: string, o: ImportOutcome, now: Date, elapsedMs: number) =>
  db
    .updateTable('import_jobs')
    .set({
      status: 'done',
      total_rows: o.processedRows,
      processed_rows: o.processedRows,
      inserted: o.inserted,
      updated: o.updated,
      unchanged: o.unchanged,
      rejected: o.rejected,
      committed: o.committed,
      problems: JSON.stringify(o.problems),
      problems_omitted: o.problemsOmitted,
      finished_at: now,
      elapsed_ms: elapsedMs,
    })
    .where('id', '=', id)
    .execute();

export const failJob = (db: Db, id: string, error: string, problems: RowProblem[], now: Date, elapsedMs: number) =>
  db
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error,
      problems: JSON.stringify(problems),
      committed: false,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      finished_at: now,
      elapsed_ms: elapsedMs,
    })
    .where('id', '=', id)
    .execute();

/** Marks every job still 运行中 as failed with `error`; returns their ids. */
export const failRunningJobs = async (db: Db, error: string, now: Date): Promise<string[]> =>
  (
    await db
      .updateTable('import_jobs')
      .set({ status: 'failed', error, committed: false, inserted: 0, updated: 0, unchanged: 0, finished_at: now })
      .where('status', '=', 'running')
      .returning('id')
      .execute()
  ).map((r) => r.id);
