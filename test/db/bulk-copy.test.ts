import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkTransaction,
  CopyLines,
  canCopyOut,
  copyField,
  type CopyOutRow,
  copyOutRows,
  uncopyField,
} from '../../src/db/bulk-copy';
import { loadRegister, loadRegisterSubjects } from '../../src/draw/draw-inputs.repository';
import { subjectAt } from '../../src/draw/engine/register-columns';
import type { Platform } from '../../src/platform';
import { testPlatform } from '../support/test-platform';

let platform: Platform;
const table = `bulk_copy_probe_${process.pid}`;

beforeAll(async () => {
  platform = await testPlatform();
  await sql`CREATE TABLE ${sql.table(table)} (n int NOT NULL, label text)`.execute(platform.deps.db);
});
afterAll(async () => {
  await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(platform.deps.db);
});

const rowsOf = async () =>
  (
    await sql<{ n: number; label: string | null }>`SELECT n, label FROM ${sql.table(table)} ORDER BY n`.execute(
      platform.deps.db,
    )
  ).rows;

describe('COPY inside a transaction (src/db/bulk-copy.ts)', () => {
  it('writes every row, with tabs, newlines, backslashes and NULL intact, alongside the statements of the transaction', async () => {
    const labels = ['普通', 'a\tb', '第一行\n第二行', 'C:\\路径\\文件', '回车\r结尾', null];
    const count = await bulkTransaction(platform.deps.db, async (trx, copy) => {
      await sql`INSERT INTO ${sql.table(table)} (n, label) VALUES (0, 'statement')`.execute(trx);
      await copy(
        table,
        ['n', 'label'],
        labels.map((label, k) => `${k + 1}\t${copyField(label)}\n`),
      );
      // Many rows, more than one chunk of text.
      await copy(
        table,
        ['n', 'label'],
        (function* () {
          for (let k = 0; k < 60_000; k += 1) yield `${1000 + k}\t${copyField(`第 ${k} 行：${'x'.repeat(20)}`)}\n`;
        })(),
      );
      // The copied rows are visible to the transaction's own statements.
      return (await sql<{ c: string }>`SELECT count(*) AS c FROM ${sql.table(table)}`.execute(trx)).rows[0]!.c;
    });
    expect(Number(count)).toBe(1 + labels.length + 60_000);
    const rows = await rowsOf();
    expect(rows.slice(0, 7).map((r) => r.label)).toEqual(['statement', ...labels]);
    expect(rows.at(-1)).toEqual({ n: 1000 + 59_999, label: `第 59999 行：${'x'.repeat(20)}` });
  });

  it('rolls the copied rows back with the transaction when the work fails', async () => {
    const before = (await rowsOf()).length;
    await expect(
      bulkTransaction(platform.deps.db, async (trx, copy) => {
        await copy(table, ['n', 'label'], ['999999\t回滚\n']);
        await sql`INSERT INTO ${sql.table(table)} (n, label) VALUES (999998, 'x')`.execute(trx);
        throw new Error('写入任务时出错');
      }),
    ).rejects.toThrow('写入任务时出错');
    expect((await rowsOf()).length).toBe(before);
  });

  it('refuses a bad row as a whole: nothing of the copy stays', async () => {
    const before = (await rowsOf()).length;
    await expect(
      bulkTransaction(platform.deps.db, (_trx, copy) =>
        copy(table, ['n', 'label'], ['5\tgood\n', 'not-a-number\tbad\n']),
      ),
    ).rejects.toThrow();
    expect((await rowsOf()).length).toBe(before);
  });

  it('only copies into plain identifiers', async () => {
    await expect(
      bulkTransaction(platform.deps.db, (_trx, copy) => copy(`${table}; DROP TABLE x`, ['n'], ['1\n'])),
    ).rejects.toThrow(/identifier/);
  });
});

describe('COPY … TO, reading rows (src/db/bulk-copy.ts)', () => {
  it('reads back every row with tabs, newlines, backslashes, carriage returns and NULL intact, in the query’s order', async () => {
    const labels = ['普通', 'a\tb', '第一行\n第二行', 'C:\\路径\\文件', '回车\r结尾', null, '\\N', ''];
    await bulkTransaction(platform.deps.db, (_trx, copy) =>
      copy(
        table,
        ['n', 'label'],
        labels.map((label, k) => `${-100 + k}\t${copyField(label)}\n`),
      ),
    );
    const read: CopyOutRow[] = [];
    const count = await copyOutRows(platform.deps.db, `SELECT n, label FROM ${table} WHERE n < 0 ORDER BY n`, (row) =>
      read.push([...row]),
    );
    expect(count).toBe(labels.length);
    expect(read).toEqual(labels.map((label, k) => [String(-100 + k), label]));
    expect(read.map((r) => uncopyField(copyField(r[1] ?? '')))).toEqual(labels.map((l) => l ?? ''));
  });

  it('reads many rows (more than one piece of the stream), and none from an empty result', async () => {
    let sum = 0;
    const count = await copyOutRows(platform.deps.db, `SELECT n FROM ${table} WHERE n >= 1000`, (row) => {
      sum += Number(row[0]);
    });
    expect(count).toBe(60_000);
    expect(sum).toBe(60_000 * 1000 + (59_999 * 60_000) / 2);
    expect(await copyOutRows(platform.deps.db, `SELECT n FROM ${table} WHERE n = -1`, () => undefined)).toBe(0);
  });

  it('fails with the query, and leaves the database usable', async () => {
    await expect(
      copyOutRows(platform.deps.db, `SELECT no_such_column FROM ${table}`, () => undefined),
    ).rejects.toThrow();
    expect((await rowsOf()).length).toBeGreaterThan(0);
  });

  it('is offered on the database handle, not inside a transaction', async () => {
    expect(canCopyOut(platform.deps.db)).toBe(true);
    await platform.deps.db.transaction().execute(async (trx) => expect(canCopyOut(trx)).toBe(false));
  });

  it('the register read with COPY is the register read with SELECT', async () => {
    const register = await loadRegister(platform.deps.db);
    const all = Array.from({ length: register.count }, (_, i) => subjectAt(register, i));
    expect(all.length).toBeGreaterThan(100);
    const selected = await loadRegisterSubjects(
      platform.deps.db,
      all.map((s) => s.id),
    );
    expect(selected).toEqual(all);
    expect(all.some((s) => s.keyTarget)).toBe(true);
    expect(all.some((s) => s.tags.length > 0)).toBe(true);
    expect(all.some((s) => s.riskLevel !== null)).toBe(true);
    expect(new Set(all.map((s) => s.creditClass)).size).toBeGreaterThan(1);
  });
});

describe('COPY lines written as bytes (CopyLines)', () => {
  it('writes pieces, text and zero-padded numbers as UTF-8, growing past its first size, and starts over after take', () => {
    const line = new CopyLines(4);
    line.bytes(Buffer.from('CQ-', 'utf8')).int(7, 5).char(0x09).int(0).char(0x09).int(9_007_199_254_740_991);
    line.char(0x09).text('抽取\\t').char(0x0a);
    expect(line.take().toString('utf8')).toBe('CQ-00007\t0\t9007199254740991\t抽取\\t\n');
    expect(line.length).toBe(0);
    line.int(123_456, 3);
    expect(line.take().toString('utf8')).toBe('123456');
    expect(() => line.int(-1)).toThrow('non-negative');
    expect(() => line.int(1.5)).toThrow('non-negative');
  });
});
