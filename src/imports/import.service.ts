import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { AuditSubject } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { importTable } from './import-engine';
import type { ImportProgress } from './import-progress';
import type { ImportFile } from './import-file';
import { failJob, findJob, finishJob, insertJob, listJobs, saveProgress, setTotalRows } from './import-job.repository';
import type { ImportJobRow, ImportMode, RowProblem } from './import-job.table';
import { importKindOf } from './import-kinds';
import type { ImportKind } from './import-spec';
import type { ImportJobView } from './import.schemas';
import { openTable } from './table-source';

/** Progress of the jobs running in this process (the job row is saved at most once a second while running). */
interface LiveProgress extends ImportProgress {
  totalRows: number | null;
  fileSize: number;
  /** performance.now() when the job started. */
  startedAt: number;
}
const live = new Map<string, LiveProgress>();
const VIEW_PROBLEMS = 100;
/** How many jobs the history lists. */
const RECENT_JOBS = 50;

export function requireImportKind(kind: string): ImportKind {
  const found = importKindOf(kind);
  if (!found) throw new AppError('NOT_FOUND', `不支持导入“${kind}”`);
  return found;
}

const isPlatformAdmin = (actor: Actor) => actor.roles.some((r) => r.code === 'platform_admin');

/**
 * The job as the pages show it. `storedProblems`: how many problems the row holds, when `row.problems` was read
 * truncated (the history list).
 */
export function presentJob(
  row: ImportJobRow,
  now: Date,
  liveProgress = live.get(row.id),
  storedProblems = row.problems.length,
): ImportJobView {
  // Live figures only while running: once the row says done or failed, its stored counts are final
  // (the live entry can outlast the row's update by a moment, and may not have seen the last rows).
  const progress = row.status === 'running' ? liveProgress : undefined;
  const p = progress ?? {
    processedRows: row.processed_rows,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    bytesRead: 0,
  };
  const total = progress?.totalRows ?? row.total_rows;
  const writtenRows = progress?.writtenRows ?? null;
  const toWrite = p.processedRows - p.rejected;
  const percent =
    row.status !== 'running'
      ? 100
      : writtenRows !== null
        ? toWrite > 0
          ? (100 * writtenRows) / toWrite
          : 0
        : total
          ? (100 * p.processedRows) / total
          : row.file_size > 0
            ? (100 * p.bytesRead) / row.file_size
            : 0;
  const elapsedMs = Math.round(
    row.elapsed_ms ?? (progress ? performance.now() - progress.startedAt : now.getTime() - row.created_at.getTime()),
  );
  const seconds = elapsedMs / 1000;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileSize: row.file_size,
    mode: row.mode,
    status: row.status,
    totalRows: total,
    processedRows: p.processedRows,
    writtenRows,
    percent: Math.min(row.status === 'running' ? 99 : 100, Math.floor(percent)),
    inserted: p.inserted,
    updated: p.updated,
    unchanged: p.unchanged,
    rejected: p.rejected,
    committed: row.committed,
    problems: row.problems.slice(0, VIEW_PROBLEMS),
    problemCount: storedProblems + row.problems_omitted,
    elapsedMs,
    rowsPerSecond: seconds > 0 && p.processedRows > 0 ? Math.round(p.processedRows / seconds) : null,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    error: row.error,
  };
}

export type ProgressListener = (progress: LiveProgress) => void;

/** Jobs running in this process (uploaded or from the command line). */
export const jobsRunningHere = (): string[] => [...live.keys()];

/**
 * Runs a job to its end and records the outcome (or the failure) on its row. Never throws for a bad file.
 * `beforeEnd` runs once the file is no longer needed and before the row says the job ended (so whoever
 * sees it ended finds its upload gone and may start the next one).
 */
export async function executeJob(
  deps: AppDeps,
  kind: ImportKind,
  jobId: string,
  file: ImportFile,
  mode: ImportMode,
  actor: Actor | null,
  auditSubject: AuditSubject,
  hooks: { listener?: ProgressListener; beforeEnd?: () => Promise<void> } = {},
): Promise<void> {
  const { listener, beforeEnd } = hooks;
  let saving: Promise<unknown> = Promise.resolve();
  let savedAt = 0;
  const startedAt = performance.now();
  try {
    const source = await openTable(file.path);
    const totalRows = await source.countRows();
    if (totalRows !== null) await setTotalRows(deps.db, jobId, totalRows);
    live.set(jobId, {
      processedRows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      bytesRead: 0,
      totalRows,
      fileSize: file.size,
      startedAt,
    });
    const outcome = await importTable(deps, kind, source, {
      jobId,
      mode,
      actor,
      auditSubject,
      fileName: file.fileName,
      sha256: file.sha256,
      onProgress: (progress) => {
        const current = { ...progress, totalRows, fileSize: file.size, startedAt };
        live.set(jobId, current);
        listener?.(current);
        // No transaction is held while the file is read, so the row can follow (on PGlite too).
        if (Date.now() - savedAt > 1000) {
          savedAt = Date.now();
          saving = saving.then(() => saveProgress(deps.db, jobId, progress)).catch(() => undefined);
        }
      },
    });
    await saving;
    await beforeEnd?.();
    await finishJob(deps.db, jobId, outcome, deps.clock.now(), Math.round(performance.now() - startedAt));
  } catch (error) {
    await saving;
    await beforeEnd?.().catch(() => undefined);
    const problems: RowProblem[] =
      error instanceof AppError && Array.isArray(error.details)
        ? error.details.map((d) => ({ row: d.row ?? 1, field: d.field, value: '', message: d.message }))
        : [];
    const message =
      error instanceof AppError ? error.message : `导入失败：${error instanceof Error ? error.message : String(error)}`;
    await failJob(deps.db, jobId, message, problems, deps.clock.now(), Math.round(performance.now() - startedAt));
  } finally {
    live.delete(jobId);
  }
}

export async function createJob(
  deps: AppDeps,
  kind: ImportKind,
  file: ImportFile,
  mode: ImportMode,
  createdBy: number | null,
  id: string = randomUUID(),
): Promise<string> {
  await insertJob(deps.db, {
    id,
    kind: kind.kind,
    fileName: file.fileName,
    sha256: file.sha256,
    size: file.size,
    mode,
    createdBy,
    now: deps.clock.now(),
  });
  return id;
}

/** The command line's import: the same job, run to the end in this process, with no department scope. */
export async function importFileNow(
  deps: AppDeps,
  who: AuditSubject,
  kindName: string,
  file: ImportFile,
  mode: ImportMode,
  listener?: ProgressListener,
): Promise<ImportJobView> {
  const kind = requireImportKind(kindName);
  const jobId = await createJob(deps, kind, file, mode, who.userId);
  await executeJob(deps, kind, jobId, file, mode, null, who, { listener });
  return presentJob((await findJob(deps.db, jobId))!, deps.clock.now());
}

/** A job with its full problem list, for its creator or a platform administrator. */
export async function jobFor(deps: AppDeps, actor: Actor, id: string): Promise<ImportJobRow> {
  const row = await findJob(deps.db, id);
  if (!row) throw notFound('导入任务');
  if (row.created_by !== actor.userId && !isPlatformAdmin(actor)) throw forbidden('只能查看本人提交的导入任务');
  return row;
}

export async function getImportJob(deps: AppDeps, actor: Actor, id: string): Promise<ImportJobView> {
  return presentJob(await jobFor(deps, actor, id), deps.clock.now());
}

/**
 * The actor's recent jobs, of one kind when given (a platform administrator sees everyone's). A job is kept with its
 * problems — its error report stays downloadable from here — for as long as it is among the latest.
 */
export async function listImportJobs(deps: AppDeps, actor: Actor, kind?: string): Promise<ImportJobView[]> {
  const rows = await listJobs(
    deps.db,
    { createdBy: isPlatformAdmin(actor) ? null : actor.userId, kind },
    RECENT_JOBS,
    VIEW_PROBLEMS,
  );
  const now = deps.clock.now();
  return rows.map((r) => presentJob(r, now, live.get(r.id), Number(r.stored_problems)));
}
