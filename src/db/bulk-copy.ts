import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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
export type CopyRows = (table: string, columns: readonly string[], rows: CopyInput) => Promise<void>;

/**
 * What COPY reads: lines (gathered into chunks here), or a stream of text already in chunks of whole lines that a
 * writer fills while it works (src/tasks/task-persist.repository.ts, drawTaskWriter).
 */
export type CopyInput = Iterable<string> | AsyncIterable<string | Buffer>;

const isLines = (rows: CopyInput): rows is Iterable<string> => Symbol.iterator in rows;

type BulkRunner = <T>(work: (trx: Db, copy: CopyRows) => Promise<T>) => Promise<T>;

const runners = new WeakMap<Db, BulkRunner>();

/** A row of COPY text format as its fields: NULL as null, escapes undone (copyOutRows reuses the array for each row). */
export type CopyOutRow = (string | null)[];
type BulkReader = (query: string, onRow: (row: CopyOutRow) => void) => Promise<number>;
const readers = new WeakMap<Db, BulkReader>();

/** One field of a COPY text line: NULL as \N; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

/**
 * COPY text written as UTF-8 bytes, for rows made of a few fixed pieces (encoded once) and numbers: a draw's 88,000
 * task rows built as strings allocated half a gigabyte (row text, the arrays' joins, then its UTF-8 copy) and kept the
 * garbage collector busy while the draw ran. `take` hands over what was written and starts a new buffer.
 */
export class CopyLines {
  private buffer: Buffer;
  private at = 0;

  constructor(private readonly size = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  get length(): number {
    return this.at;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  /** Bytes already in COPY form (a field or a piece encoded once). */
  bytes(piece: Uint8Array): this {
    this.room(piece.length);
    this.buffer.set(piece, this.at);
    this.at += piece.length;
    return this;
  }

  /** Text already in COPY form (copyField), as UTF-8. */
  text(piece: string): this {
    this.room(piece.length * 3);
    this.at += this.buffer.write(piece, this.at, 'utf8');
    return this;
  }

  /** One ASCII character: a separator, a brace. */
  char(code: number): this {
    this.room(1);
    this.buffer[this.at++] = code;
    return this;
  }

  /** A non-negative integer in decimal, at least `width` digits (zeros in front). */
  int(value: number, width = 1): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`COPY: not a non-negative integer: ${value}`);
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    const length = Math.max(width, digits);
    this.room(length);
    let rest = value;
    for (let k = this.at + length - 1; k >= this.at; k -= 1) {
      const digit = rest % 10;
      this.buffer[k] = 48 + digit;
      rest = (rest - digit) / 10;
    }
    this.at += length;
    return this;
  }

  /** What was written since the last take, as its own buffer. */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.at = 0;
    return written;
  }
}

const unescapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One field of a COPY text line back to its value (the inverse of copyField, with COPY's other escapes). */
export function uncopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(
    /\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g,
    (_, octal?: string, hex?: string, other?: string) =>
      octal !== undefined
        ? String.fromCharCode(parseInt(octal, 8))
        : hex !== undefined
          ? String.fromCharCode(parseInt(hex, 16))
          : (unescapes[other!] ?? other!),
  );
}

/**
 * COPY text in pieces (as a stream delivers it) to rows: each finished line goes to `onRow` with its fields; an
 * unfinished one waits for the next piece. `end` takes a last line without its newline and returns how many rows.
 * The fields go in one array reused for every row (a million rows made two million short-lived arrays); `onRow`
 * copies what it keeps.
 */
function copyTextRows(onRow: (row: CopyOutRow) => void) {
  let rest = '';
  let rows = 0;
  const fields: CopyOutRow = [];
  const lines = (text: string) => {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      rows += 1;
      fields.length = 0;
      let from = start;
      for (let tab = text.indexOf('\t', from); tab >= 0 && tab < end; tab = text.indexOf('\t', from)) {
        fields.push(uncopyField(text.slice(from, tab)));
        from = tab + 1;
      }
      fields.push(uncopyField(text.slice(from, end)));
      onRow(fields);
      start = end + 1;
    }
    rest = text.slice(start);
  };
  return {
    push: (piece: string) => lines(rest + piece),
    end: (): number => {
      if (rest) lines(`${rest}\n`);
      return rows;
    },
  };
}

/** Whether copyOutRows can read on this handle: the database handle itself, not a transaction. */
export const canCopyOut = (db: Db): boolean => readers.has(db);

/**
 * Reads a query's rows with COPY … TO, calling `onRow` with each row's fields as text (or null), and returns how many
 * there were. For a million register rows this is about twice as fast as a SELECT: no row objects, no per-column type
 * parsing, and on PostgreSQL the rows are parsed while the server still sends. The query is inlined into COPY, which
 * takes no parameters: it must be built from constants and validated numbers only.
 */
export function copyOutRows(db: Db, query: string, onRow: (row: CopyOutRow) => void): Promise<number> {
  const reader = readers.get(db);
  if (!reader) throw new Error('copyOutRows: this database handle was not opened by openDatabase');
  return reader(query, onRow);
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
  readers.set(db, async (query, onRow) => {
    const { to: copyTo } = await import('pg-copy-streams');
    const client = await pool.connect();
    try {
      const decoder = new StringDecoder('utf8');
      const text = copyTextRows(onRow);
      for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT`)))
        text.push(decoder.write(chunk as Buffer));
      text.push(decoder.end());
      client.release();
      return text.end();
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  });
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
            pipeline(
              isLines(rows) ? Readable.from(chunked(rows)) : rows,
              client.query(copyFrom(statement(table, columns, 'STDIN'))),
            ),
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
  pglite: { query: (sql: string, params?: unknown[], options?: { blob: Blob }) => Promise<{ blob?: Blob }> },
): void {
  // Through the pool's only connection, so no other request's transaction is open meanwhile.
  readers.set(db, (query, onRow) =>
    db.connection().execute(async () => {
      const { blob } = await pglite.query(`COPY (${query}) TO '/dev/blob'`);
      const text = copyTextRows(onRow);
      text.push(blob ? await blob.text() : '');
      return text.end();
    }),
  );
  runners.set(db, (work) =>
    db.transaction().execute((trx) =>
      work(trx, async (table, columns, rows) => {
        // PGlite reads the whole blob at once: a stream is gathered first.
        const parts: (string | Uint8Array<ArrayBuffer>)[] = [];
        if (isLines(rows)) parts.push(...chunked(rows));
        else for await (const part of rows) parts.push(typeof part === 'string' ? part : new Uint8Array(part));
        await pglite.query(statement(table, columns, "'/dev/blob'"), [], { blob: new Blob(parts) });
      }),
    ),
  );
}
