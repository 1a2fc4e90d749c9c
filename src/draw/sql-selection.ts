import type { Kysely } from 'kysely';
import { AppError } from '../shared/app-error';
import {
  insertNumbers,
  readItemCodes,
  readSelection,
  readSubjectNumbers,
  type NumberSource,
  type SqlDrawRound,
} from './sql-selection.repository';

/**
 * The draw's permanent random numbers and per-item selection in SQL, over the frame tables of
 * src/draw/sql-frame.repository.ts: the same definitions as the engine (docs/draw.md, 确切定义), computed where the
 * data lives (docs/scale.md). The statements (src/draw/sql-selection.repository.ts) repeat the engine's float8
 * operations in the engine's order, so the numbers are bit-identical and the selections member for member identical
 * (test/draw/sql-selection.test.ts).
 */
export type { NumberSource, SqlDrawRound } from './sql-selection.repository';

/** PostgreSQL has sha256() built in and no SM3: an SM3 round is recomputed by the engine, never by another hash. */
function refuseOtherHashes(source: NumberSource): void {
  if (source !== 'stored' && source.hash !== 'sha256')
    throw new AppError('VALIDATION', '数据库内抽取只支持 SHA-256：PostgreSQL 没有内置 SM3，SM3 轮次请用抽取引擎重算');
}

/** u per subject of the frame, ascending by credit code in byte order (the engine's order of usccs). */
export async function subjectNumbersSql<D>(
  db: Kysely<D>,
  round: SqlDrawRound,
): Promise<{ usccs: string[]; numbers: Float64Array }> {
  refuseOtherHashes(round);
  const rows = await readSubjectNumbers(db, round);
  return { usccs: rows.map((r) => r.uscc), numbers: Float64Array.from(rows, (r) => r.u) };
}

/**
 * Computes u once into the numbers table, for several selections or for a selection that should not hash inside its
 * own plan. With `partition` (partitioned layout), only that division's subjects: one statement per partition, which
 * separate connections run side by side (an INSERT … SELECT gets no parallel workers in PostgreSQL 15).
 */
export async function storeNumbers<D>(db: Kysely<D>, round: SqlDrawRound, partition?: number): Promise<void> {
  refuseOtherHashes(round);
  await insertNumbers(db, round, partition);
}

/** The selected credit codes per item (every item of the frame, none left out), items by code, members by credit code. */
export async function selectInSql<D>(
  db: Kysely<D>,
  source: NumberSource,
): Promise<{ code: string; usccs: string[] }[]> {
  refuseOtherHashes(source);
  const byCode = new Map((await readItemCodes(db)).map((code) => [code, [] as string[]]));
  for (const row of await readSelection(db, source)) byCode.get(row.item_code)!.push(row.uscc);
  return [...byCode].map(([code, usccs]) => ({ code, usccs }));
}
