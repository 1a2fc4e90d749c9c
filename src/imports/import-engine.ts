import type { Actor } from '../auth/actor';
import { type AuditSubject, recordAudit } from '../audit/audit.service';
import { AppError, type FieldProblem } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { cellText } from './cell-parsers';
import { type ImportMode, importModeNames, type RowProblem } from './import-job.table';
import { type ImportColumn, type ImportKind, type ParsedRecord, parserOf } from './import-spec';
import type { SheetRow, TableSource } from './table-source';

/** Rows per INSERT … ON CONFLICT statement. */
export const BATCH_SIZE = 1000;
/** Problems kept for the report; more are counted only. */
export const PROBLEM_CAP = 10_000;
const modeNames = Object.fromEntries(Object.entries(importModeNames).map(([mode, n]) => [mode, n.label])) as Record<
  ImportMode,
  string
>;

export interface ImportProgress {
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  bytesRead: number;
}

export interface ImportOutcome extends ImportProgress {
  /** Rows were written: false for a dry run and for an all-or-nothing file with bad rows. */
  committed: boolean;
  problems: RowProblem[];
  problemsOmitted: number;
}

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

interface MappedColumn {
  index: number;
  column: ImportColumn;
}

/** Maps the header row to the spec's columns; unknown, repeated or missing required headers reject the whole file. */
function mapHeader(kind: ImportKind, header: SheetRow | undefined): MappedColumn[] {
  if (!header || header.row !== 1)
    throw new AppError(
      'BAD_FILE',
      `第 1 行应为表头（列名）${header ? '' : '，文件是空的'}，请使用${kind.title}导入模板`,
    );
  const byHeader = new Map(kind.columns.map((c) => [c.header, c]));
  const mapped: MappedColumn[] = [];
  const problems: FieldProblem[] = [];
  header.cells.forEach((cell, index) => {
    const name = cellText(cell)
      .replace(/^\uFEFF/, '')
      .replace(/\s*[*＊]$/, '');
    if (!name) return;
    const column = byHeader.get(name);
    if (!column) problems.push({ row: 1, field: name, message: `未知的列“${name}”` });
    else if (mapped.some((m) => m.column === column))
      problems.push({ row: 1, field: name, message: `列“${name}”重复` });
    else mapped.push({ index, column });
  });
  const present = new Set(mapped.map((m) => m.column.field));
  for (const column of kind.columns) {
    if (column.required && !present.has(column.field))
      problems.push({ row: 1, field: column.header, message: `缺少必填列“${column.header}”` });
  }
  for (const group of kind.together) {
    if (group.some((f) => present.has(f)) && !group.every((f) => present.has(f))) {
      const headers = group.map((f) => kind.columns.find((c) => c.field === f)!.header);
      problems.push({ row: 1, field: headers.join('、'), message: `列“${headers.join('”“')}”须同时提供` });
    }
  }
  if (problems.length > 0)
    throw new AppError(
      'BAD_FILE',
      `文件表头有误：${problems.map((p) => p.message).join('；')}。请使用${kind.title}导入模板`,
      problems,
    );
  return mapped;
}

/** Parses a row's cells; problems name the Chinese header and keep the cell as read. */
function parseRow(row: SheetRow, columns: readonly MappedColumn[]): { record: ParsedRecord; problems: RowProblem[] } {
  const record: ParsedRecord = {};
  const problems: RowProblem[] = [];
  for (const { index, column } of columns) {
    const cell = row.cells[index] ?? null;
    const text = cellText(cell);
    if (text === '') {
      if (column.required)
        problems.push({ row: row.row, field: column.header, value: '', message: `${column.header}为必填项` });
      continue;
    }
    const parsed = parserOf(column)(cell!);
    if ('problem' in parsed)
      problems.push({ row: row.row, field: column.header, value: text, message: parsed.problem });
    else record[column.field] = parsed.value;
  }
  return { record, problems };
}

/**
 * Imports a table into a register through its spec, streaming: rows are parsed and validated one by
 * one and written in batches of BATCH_SIZE inside one transaction, which commits only in valid-only
 * mode or when an all-or-nothing file had no bad row (a dry run always rolls back, so its counts are
 * exactly what an import would do). One audit entry per committed job.
 */
export async function importTable(
  deps: AppDeps,
  kind: ImportKind,
  source: TableSource,
  run: ImportRun,
): Promise<ImportOutcome> {
  const iterator = source.rows[Symbol.asyncIterator]();
  try {
    return await importRows(deps, kind, source, iterator, run);
  } finally {
    await iterator.return?.();
  }
}

async function importRows(
  deps: AppDeps,
  kind: ImportKind,
  source: TableSource,
  iterator: AsyncIterator<SheetRow>,
  run: ImportRun,
): Promise<ImportOutcome> {
  const first = await iterator.next();
  const columns = mapHeader(kind, first.done ? undefined : first.value);
  const present = new Set(columns.map((c) => c.column.field));
  const keyColumn = kind.columns.find((c) => c.field === kind.keyField)!;
  const context = await kind.prepare(deps.db, run.actor);
  const now = deps.clock.now();
  const tally: ImportProgress = { processedRows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, bytesRead: 0 };
  const problems: RowProblem[] = [];
  let problemsOmitted = 0;
  const firstRowOf = new Map<string, number>();
  let committed = false;
  const report = () => run.onProgress?.({ ...tally, bytesRead: source.progress.bytes });
  const columnOrder = (header: string) => kind.columns.findIndex((c) => c.header === header);

  try {
    await deps.db.transaction().execute(async (trx) => {
      let batch: unknown[] = [];
      let writing = true;
      // One batch is written while the next is parsed: the database works while this process reads.
      let inFlight: Promise<void> | undefined;
      const settle = async () => {
        const pending = inFlight;
        inFlight = undefined;
        await pending;
      };
      const flush = async () => {
        await settle();
        if (writing && batch.length > 0) {
          inFlight = kind.upsert(trx, batch, { context, present, now }).then((counts) => {
            tally.inserted += counts.inserted;
            tally.updated += counts.updated;
            tally.unchanged += counts.unchanged;
          });
          // Awaited at the next flush; until then a failure must not count as unhandled.
          inFlight.catch(() => undefined);
        }
        batch = [];
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
        const validated = await kind.validate(record, context, present, trx);
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
      committed = run.mode === 'valid-only' || (run.mode === 'all-or-nothing' && tally.rejected === 0);
      if (!committed) throw new Rollback();
      await recordAudit(trx, deps.config.auditHash, now, run.auditSubject, {
        action: kind.auditAction,
        entityType: 'import_job',
        entityId: run.jobId,
        summary: `批量导入${kind.title}（${modeNames[run.mode]}）：文件“${run.fileName}”共 ${tally.processedRows} 行，新增 ${tally.inserted}、更新 ${tally.updated}、未变 ${tally.unchanged}、拒绝 ${tally.rejected} 行`,
        after: {
          fileName: run.fileName,
          fileSha256: run.sha256,
          mode: run.mode,
          rows: tally.processedRows,
          inserted: tally.inserted,
          updated: tally.updated,
          unchanged: tally.unchanged,
          rejected: tally.rejected,
        },
      });
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (run.mode === 'all-or-nothing' && !committed) Object.assign(tally, { inserted: 0, updated: 0, unchanged: 0 });
  return { ...tally, bytesRead: source.progress.bytes, committed, problems, problemsOmitted };
}
