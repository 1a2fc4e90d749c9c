import type { Actor } from '../auth/actor';
import type { AuditSubject } from '../audit/audit.service';
import type { AppDeps } from '../shared/context';
import { cellText } from './cell-parsers';
import { mapHeader, parseRow } from './import-header';
import type { ImportMode, RowProblem } from './import-job.table';
import type { ImportKind, UpsertContext, UpsertCounts } from './import-spec';
import type { ImportOutcome, ImportProgress } from './import-progress';
import { openStaging, type Staging } from './import-staging';
import { type ApplyPlan, applyStaged } from './import-apply';
import type { SheetRow, TableSource } from './table-source';

/** Rows per INSERT … ON CONFLICT statement. */
export const BATCH_SIZE = 1000;
/** Problems kept for the report; more are counted only. */
export const PROBLEM_CAP = 10_000;

export interface ImportRun {
  jobId: string;
  mode: ImportMode;
  /** The importing user (department scope for specs that have one); null on the command line. */
  actor: Actor | null;
  auditSubject: AuditSubject;
  fileName: string;
  sha256: string;
  onProgress?: (progress: ImportProgress) => void;
}

class Rollback extends Error {}

/**
 * Imports a table into a register through its spec, streaming: rows are parsed and validated one by one
 * in batches of BATCH_SIZE, and no transaction is held while the file is read. A dry run counts each batch
 * in its own short transaction that rolls back; an import stages the valid rows on disk and, only in
 * valid-only mode or when an all-or-nothing file had no bad row, writes them once the file is read, in
 * short transactions that a restart finishes if the process dies (src/imports/import-apply.ts): a job is
 * all-or-nothing, killed or not. Between batches and slices other requests get the database (PGlite has a
 * single connection). One audit entry per committed job.
 */
export async function importTable(
  deps: AppDeps,
  kind: ImportKind,
  source: TableSource,
  run: ImportRun,
): Promise<ImportOutcome> {
  const iterator = source.rows[Symbol.asyncIterator]();
  const staging = run.mode === 'dry-run' ? null : await openStaging(deps.config.imports.uploadDir, run.jobId);
  try {
    return await importRows(deps, kind, source, iterator, run, staging);
  } finally {
    await iterator.return?.();
    await staging?.remove();
  }
}

/** Lets the requests that queued during a batch run before the next one. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

async function importRows(
  deps: AppDeps,
  kind: ImportKind,
  source: TableSource,
  iterator: AsyncIterator<SheetRow>,
  run: ImportRun,
  staging: Staging | null,
): Promise<ImportOutcome> {
  const first = await iterator.next();
  const columns = mapHeader(kind, first.done ? undefined : first.value);
  const present = new Set(columns.map((c) => c.column.field));
  const keyColumn = kind.columns.find((c) => c.field === kind.keyField)!;
  const context = await kind.prepare(deps.db, run.actor);
  const now = deps.clock.now();
  const upsertContext = { context, present, now, deps };
  const tally: ImportProgress = { processedRows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, bytesRead: 0 };
  const count = (counts: UpsertCounts) => {
    tally.inserted += counts.inserted;
    tally.updated += counts.updated;
    tally.unchanged += counts.unchanged;
  };
  const problems: RowProblem[] = [];
  let problemsOmitted = 0;
  const firstRowOf = new Map<string, number>();
  const report = () => run.onProgress?.({ ...tally, bytesRead: source.progress.bytes });
  const columnOrder = (header: string) => kind.columns.findIndex((c) => c.header === header);

  let batch: unknown[] = [];
  let writing = true;
  // One batch is written while the next is parsed: on PostgreSQL the database works while this process reads.
  let inFlight: Promise<void> | undefined;
  const settle = async () => {
    const pending = inFlight;
    inFlight = undefined;
    await pending;
  };
  const flush = async () => {
    await settle();
    if (writing && batch.length > 0) {
      inFlight = staging
        ? staging.append(batch)
        : countInRolledBackTransaction(deps, kind, batch, upsertContext).then(count);
      // Awaited at the next flush; until then a failure must not count as unhandled.
      inFlight.catch(() => undefined);
    }
    batch = [];
    await yieldToOthers();
  };
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const row = next.value;
    if (row.cells.every((c) => cellText(c) === '')) continue;
    tally.processedRows += 1;
    const { record, problems: rowProblems } = parseRow(row, columns);
    const key = kind.keyOf(record);
    if (key !== null) {
      const firstRow = firstRowOf.get(key);
      if (firstRow === undefined) firstRowOf.set(key, row.row);
      else
        rowProblems.push({
          row: row.row,
          field: keyColumn.header,
          value: key,
          message: `与第 ${firstRow} 行重复（${keyColumn.header}相同）`,
        });
    }
    const validated = await kind.validate(record, context, present, deps.db);
    if ('problems' in validated) {
      const reported = new Set(rowProblems.map((p) => p.field));
      for (const p of validated.problems) {
        if (reported.has(p.field)) continue;
        const column = kind.columns.find((c) => c.header === p.field);
        const cell = columns.find((c) => c.column === column);
        rowProblems.push({
          row: row.row,
          field: p.field,
          value: cell ? cellText(row.cells[cell.index] ?? null) : '',
          message: p.message,
        });
      }
    }
    if (rowProblems.length > 0) {
      tally.rejected += 1;
      rowProblems.sort((a, b) => columnOrder(a.field) - columnOrder(b.field));
      for (const p of rowProblems) {
        if (problems.length < PROBLEM_CAP) problems.push(p);
        else problemsOmitted += 1;
      }
      if (run.mode === 'all-or-nothing') {
        writing = false;
        batch = [];
      }
    } else if ('value' in validated) batch.push(validated.value);
    if (batch.length >= BATCH_SIZE) await flush();
    if (tally.processedRows % BATCH_SIZE === 0) report();
  }
  await flush();
  await settle();
  const committed = run.mode === 'valid-only' || (run.mode === 'all-or-nothing' && tally.rejected === 0);
  if (committed && staging) {
    const plan: ApplyPlan = {
      kind: kind.kind,
      jobId: run.jobId,
      mode: run.mode,
      actor: run.actor,
      auditSubject: run.auditSubject,
      fileName: run.fileName,
      sha256: run.sha256,
      present: [...present],
      now,
      processedRows: tally.processedRows,
      rejected: tally.rejected,
      problems,
      problemsOmitted,
    };
    await staging.seal(plan);
    const written = await applyStaged(deps, kind, staging, plan, {
      context,
      onSlice: (state) => {
        Object.assign(tally, { inserted: state.inserted, updated: state.updated, unchanged: state.unchanged });
        run.onProgress?.({ ...tally, bytesRead: source.progress.bytes, writtenRows: state.rows });
      },
    });
    Object.assign(tally, { inserted: written.inserted, updated: written.updated, unchanged: written.unchanged });
  }
  if (run.mode === 'all-or-nothing' && !committed) Object.assign(tally, { inserted: 0, updated: 0, unchanged: 0 });
  return { ...tally, bytesRead: source.progress.bytes, committed, problems, problemsOmitted };
}

/**
 * Rows per dry-run transaction. PGlite runs each statement on the server's own thread, so a statement blocks
 * every request for as long as it runs: small slices keep each pause short.
 */
const DRY_RUN_SLICE = 200;

/** What writing a batch would do, counted in short transactions that roll back (a dry run writes nothing). */
async function countInRolledBackTransaction(
  deps: AppDeps,
  kind: ImportKind,
  batch: readonly unknown[],
  ctx: UpsertContext<unknown>,
): Promise<UpsertCounts> {
  const total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let at = 0; at < batch.length; at += DRY_RUN_SLICE) {
    try {
      await deps.db.transaction().execute(async (trx) => {
        const counts = await kind.upsert(trx, batch.slice(at, at + DRY_RUN_SLICE), ctx);
        total.inserted += counts.inserted;
        total.updated += counts.updated;
        total.unchanged += counts.unchanged;
        throw new Rollback();
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    await yieldToOthers();
  }
  return total;
}
