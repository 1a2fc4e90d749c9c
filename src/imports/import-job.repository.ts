import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { ImportOutcome, ImportProgress } from './import-progress';
import type { ApplyState, ImportJobRow, ImportMode, RowProblem } from './import-job.table';

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

/**
 * The latest jobs (of one user, of one kind), each with only its first `problemLimit` problems and the number it
 * stored: a history of files with thousands of problems each stays small (the full list is the error report).
 */
export const listJobs = (
  db: Db,
  filter: { createdBy: number | null; kind?: string },
  limit: number,
  problemLimit: number,
): Promise<(ImportJobRow & { stored_problems: number })[]> => {
  let q = db
    .selectFrom('import_jobs')
    .select([
      'id',
      'kind',
      'file_name',
      'file_sha256',
      'file_size',
      'mode',
      'status',
      'total_rows',
      'processed_rows',
      'inserted',
      'updated',
      'unchanged',
      'rejected',
      'committed',
      'problems_omitted',
      'created_by',
      'created_at',
      'finished_at',
      'elapsed_ms',
      'error',
      'apply_state',
      sql<RowProblem[]>`jsonb_path_query_array(problems, ${`$[0 to ${problemLimit - 1}]`}::jsonpath)`.as('problems'),
      sql<number>`jsonb_array_length(problems)`.as('stored_problems'),
    ])
    .orderBy('created_at', 'desc')
    .limit(limit);
  if (filter.createdBy !== null) q = q.where('created_by', '=', filter.createdBy);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
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

/** A failed job's counts: what its write had done before it stopped (nothing, unless it failed while writing). */
const writtenBeforeFailure = {
  inserted: sql<number>`coalesce((apply_state->>'inserted')::integer, 0)`,
  updated: sql<number>`coalesce((apply_state->>'updated')::integer, 0)`,
  unchanged: sql<number>`coalesce((apply_state->>'unchanged')::integer, 0)`,
};

export const failJob = (db: Db, id: string, error: string, problems: RowProblem[], now: Date, elapsedMs: number) =>
  db
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error,
      problems: JSON.stringify(problems),
      committed: false,
      ...writtenBeforeFailure,
      finished_at: now,
      elapsed_ms: elapsedMs,
    })
    .where('id', '=', id)
    .execute();

/**
 * Marks the running jobs not in `keep` as failed: they ran in a process that ended before their rows
 * were staged for writing, so nothing was written (jobs that had started writing are finished first).
 */
export const failInterruptedJobs = (db: Db, keep: readonly string[], error: string, now: Date) => {
  let q = db
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error,
      committed: false,
      ...writtenBeforeFailure,
      finished_at: now,
      elapsed_ms: elapsedSinceCreated(now),
    })
    .where('status', '=', 'running')
    .where('committed', '=', false);
  if (keep.length > 0) q = q.where('id', 'not in', [...keep]);
  return q.returning('id').execute();
};

/**
 * Inside the import's final transaction: the job's rows and this mark are written together, so a process
 * killed after that commit but before the job is reported ended leaves a job that says its rows are there.
 */
export const markJobWritten = (db: Db, id: string, counts: { inserted: number; updated: number; unchanged: number }) =>
  db
    .updateTable('import_jobs')
    .set({ committed: true, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged })
    .where('id', '=', id)
    .execute();

/**
 * How far the write of a job's staged rows got, saved in the transaction of each slice (and, with no
 * slice yet, when the write starts: from then on the job is finished, at start-up if need be).
 */
export const saveApplyState = (db: Db, id: string, state: ApplyState) =>
  db
    .updateTable('import_jobs')
    .set({ apply_state: JSON.stringify(state) })
    .where('id', '=', id)
    .execute();

/** Running jobs not in `keep` that had started writing their staged rows when their process ended. */
export const jobsLeftWriting = (db: Db, keep: readonly string[]) => {
  let q = db
    .selectFrom('import_jobs')
    .select(['id', 'kind', 'committed', 'apply_state'])
    .where('status', '=', 'running')
    .where('apply_state', 'is not', null);
  if (keep.length > 0) q = q.where('id', 'not in', [...keep]);
  return q.execute();
};

const elapsedSinceCreated = (now: Date) =>
  sql<number>`greatest(0, round(extract(epoch from (${now}::timestamptz - created_at)) * 1000))::integer`;

/** A job whose write was finished at start-up: done, with the figures of its file and of its write. */
export const finishWrittenJob = (
  db: Db,
  id: string,
  file: { processedRows: number; rejected: number; problems: RowProblem[]; problemsOmitted: number },
  now: Date,
) =>
  db
    .updateTable('import_jobs')
    .set({
      status: 'done',
      total_rows: file.processedRows,
      processed_rows: file.processedRows,
      rejected: file.rejected,
      problems: JSON.stringify(file.problems),
      problems_omitted: file.problemsOmitted,
      finished_at: now,
      elapsed_ms: elapsedSinceCreated(now),
    })
    .where('id', '=', id)
    .where('committed', '=', true)
    .execute();

/** A job found running at start-up that cannot be finished. */
export const failJobAtStartUp = (db: Db, id: string, error: string, now: Date) =>
  db
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error,
      committed: false,
      ...writtenBeforeFailure,
      finished_at: now,
      elapsed_ms: elapsedSinceCreated(now),
    })
    .where('id', '=', id)
    .execute();

/** Running jobs not in `keep` whose rows were written before their process ended: they are done. */
export const completeInterruptedWrittenJobs = (db: Db, keep: readonly string[], now: Date) => {
  let q = db
    .updateTable('import_jobs')
    .set({
      status: 'done',
      finished_at: now,
      elapsed_ms: elapsedSinceCreated(now),
    })
    .where('status', '=', 'running')
    .where('committed', '=', true);
  if (keep.length > 0) q = q.where('id', 'not in', [...keep]);
  return q.returning('id').execute();
};

export const jobStatuses = async (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? []
    : db
        .selectFrom('import_jobs')
        .select(['id', 'status'])
        .where('id', 'in', [...ids])
        .execute();
