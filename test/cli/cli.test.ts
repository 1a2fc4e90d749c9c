import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCli } from '../support/cli';
import { openDatabase } from '../../src/db/database';

const { run: cli, dir, database } = testCli('lianjian-cli-', 60_000);

beforeAll(async () => {
  const migrated = await cli('db', 'migrate');
  expect(migrated.code, migrated.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lianjian CLI', () => {
  it('uscc check prints valid or the reason per code, and exits non-zero if any is invalid', async () => {
    const ok = await cli('uscc', 'check', '91350100M000100Y43');
    expect(ok).toMatchObject({ code: 0, stdout: '91350100M000100Y43\t有效\n' });
    const mixed = await cli('uscc', 'check', '91350100M000100Y43', '91350100M000100Y44');
    expect(mixed.code).toBe(1);
    expect(mixed.stdout.split('\n')[1]).toBe('91350100M000100Y44\t无效：第 18 位校验码错误（应为 3，实际 4）');
  });

  it('calendar add prints the resulting date', async () => {
    const res = await cli('calendar', 'add', '2026-09-28', '5');
    expect(res).toMatchObject({ code: 0, stdout: '2026-10-10\n' });
  });

  it('calendar add fails with the reason for a year without data, and calendar load fixes it', async () => {
    const missing = await cli('calendar', 'add', '2028-03-01', '1');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('尚未载入 2028 年的节假日安排');
    const file = join(dir, '2028.csv');
    writeFileSync(file, '日期,类型,名称\n2028-01-01,放假,元旦\n2028-03-02,放假,测试假日\n');
    const loaded = await cli('calendar', 'load', file);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('已载入 2028 年节假日安排');
    expect((await cli('calendar', 'add', '2028-03-01', '1')).stdout).toBe('2028-03-03\n');
  });

  it('calendar load lists every bad row and exits non-zero', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, '日期,类型,名称\n2029-13-01,放假,元旦\n2029-01-02,午休,元旦\n');
    const res = await cli('calendar', 'load', file);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('第 2 行 日期');
    expect(res.stderr).toContain('第 3 行 类型');
  });

  it('audit verify exits 0 on an intact chain and non-zero naming the first broken entry after tampering', async () => {
    const seeded = await cli('demo', 'seed', '--subjects', '300');
    expect(seeded.code, seeded.stderr).toBe(0);
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('哈希链完整');

    const handle = await openDatabase(database);
    const { rows } = await sql<{
      seq: number;
      summary: string;
    }>`SELECT seq, summary FROM audit_log ORDER BY seq DESC LIMIT 1`.execute(handle.db);
    const last = rows[0]!;
    const setSummary = async (summary: string) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(handle.db);
      await sql`UPDATE audit_log SET summary = ${summary} WHERE seq = ${last.seq}`.execute(handle.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(handle.db);
    };
    await setSummary('被改动的记录');
    await handle.close();
    try {
      const broken = await cli('audit', 'verify');
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`序号 ${last.seq}`);
    } finally {
      const restore = await openDatabase(database);
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(restore.db);
      await sql`UPDATE audit_log SET summary = ${last.summary} WHERE seq = ${last.seq}`.execute(restore.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(restore.db);
      await restore.close();
    }
  });
});
