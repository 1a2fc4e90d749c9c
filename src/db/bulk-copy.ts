import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema';

/** The handle type (as database.ts's Db, which imports this file). */
type Db = Kysely<Database>;

/**
 * Rows written with COPY inside a transaction: the fastest way into PostgreSQL for a round's hundreds of thousands of
 * task rows (a sealed draw's tasks, items and inspectors). Each row is one line of COPY text format; build its fields
 * with `copyField`. Runs in the transaction it was handed with, so a failure rolls the rows back with everything else.
 */
export type CopyRows = (table: string, columns: readonly string[], rows: Iterable<string>) => Promise<void>;

type BulkRunner = <T>(work: (trx: Db, copy: CopyRows) => Promise<T>) => Promise<T>;

const runners = new WeakMap<Db, BulkRunner>();

/** One field of a COPY text line: NULL as \N; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

const statement = (table: string, columns: readonly string[], source: string) => {
  if (![table, ...columns].every((name) => /^[a-z_][a-z0-9_]*$/.test(name)))
    throw new Error(`COPY: not a plain identifier in ${table} (${columns.join(', ')})`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
};

/** Lines gathered into chunks of about 1 MB, so neither driver receives one string per row. */
function* chunked(rows: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * A transaction that may COPY (src/tasks/task-persist.repository.ts). The database handle registers how (openDatabase):
 * PostgreSQL streams through the transaction's own connection (pg-copy-streams); PGlite has one session, and its
 * `COPY … FROM '/dev/blob'` runs inside the transaction the pool's only connection has open.
 */
export function bulkTransaction<T>(db: Db, work: (trx: Db, copy: CopyRows) => Promise<T>): Promise<T> {
  const runner = runners.get(db);
  if (!runner) throw new Error('bulkTransaction: this database handle was not opened by openDatabase');
  return runner(work);
}

export function registerPostgresBulk(db: Db, pool: pg.Pool): void {
  runners.set(db, async (work) => {
    const { from: copyFrom } = await import('pg-copy-streams');
    const client = await pool.connect();
    // A Kysely bound to this one connection, so the COPY streams and the statements share the transaction.
    const single = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: {
          connect: async () => ({ query: client.query.bind(client), release: () => undefined }),
          end: async () => undefined,
        } as unknown as pg.Pool,
      }),
    });
    try {
      const result = await single
        .transaction()
        .execute((trx) =>
          work(trx, (table, columns, rows) =>
            pipeline(Readable.from(chunked(rows)), client.query(copyFrom(statement(table, columns, 'STDIN')))),
          ),
        );
      client.release();
      return result;
    } catch (error) {
      // The connection may still be inside the failed transaction (its ROLLBACK failed too): destroyed, not pooled.
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  });
}

export function registerPgliteBulk(
  db: Db,
  pglite: { query: (sql: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> },
): void {
  runners.set(db, (work) =>
    db.transaction().execute((trx) =>
      work(trx, async (table, columns, rows) => {
        await pglite.query(statement(table, columns, "'/dev/blob'"), [], { blob: new Blob([...chunked(rows)]) });
      }),
    ),
  );
}
