import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config';
import { lockDataDir } from '../../src/db/data-dir-lock';
import { seedDemo } from '../../src/demo/demo-seed';
import { openPlatform } from '../../src/platform';
import { runCli } from '../support/server-process';
import { testConfig } from '../support/test-platform';

const dir = mkdtempSync(join(tmpdir(), 'lianjian-backup-'));
const leg = testConfig().database;
const created: string[] = [];

/** A database of this test's own, on the leg's engine: a fresh directory, or a fresh PostgreSQL database. */
async function freshDatabase(name: string): Promise<{ database: AppConfig['database']; env: Record<string, string> }> {
  if (leg.kind === 'pglite') {
    const dataDir = join(dir, name);
    return { database: { kind: 'pglite', dataDir }, env: { LIANJIAN_DATA_DIR: dataDir } };
  }
  const dbName = `lianjian_backup_${name}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: leg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  created.push(dbName);
  const url = new URL(leg.url);
  url.pathname = `/${dbName}`;
  return { database: { kind: 'postgres', url: url.toString() }, env: { DATABASE_URL: url.toString() } };
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (leg.kind !== 'postgres') return;
  const admin = new pg.Client({ connectionString: leg.url });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

const subjectNames = async (database: AppConfig['database']) => {
  const platform = await openPlatform(testConfig({ database }));
  try {
    return await platform.deps.db.selectFrom('subjects').select(['uscc', 'name']).orderBy('uscc').execute();
  } finally {
    await platform.close();
  }
};

describe(`lianjian db backup / restore (${leg.kind})`, () => {
  it('restores the state of the backup over later changes, with an intact audit chain, and refuses to overwrite data without --force', async () => {
    const { database, env } = await freshDatabase('source');
    const platform = await openPlatform(testConfig({ database }));
    await seedDemo(platform.deps, { subjects: 30 });
    await platform.close();
    const before = await subjectNames(database);
    expect(before.length).toBeGreaterThanOrEqual(30);

    const file = join(dir, `backup-${leg.kind}`);
    const backup = await runCli(env, 'db', 'backup', file);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toContain('已备份到');

    const changed = await openPlatform(testConfig({ database }));
    await changed.deps.db.updateTable('subjects').set({ name: '备份之后改的名称' }).execute();
    await changed.deps.db.deleteFrom('subjects').where('uscc', '=', before[0]!.uscc).execute();
    await changed.close();
    expect((await subjectNames(database)).every((s) => s.name === '备份之后改的名称')).toBe(true);

    const refused = await runCli(env, 'db', 'restore', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('已有数据，恢复会覆盖它：确认要覆盖时请加 --force');

    const restored = await runCli(env, 'db', 'restore', '--force', file);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('审计日志哈希链完整');
    expect(await subjectNames(database)).toEqual(before);
    const verified = await runCli(env, 'audit', 'verify');
    expect(verified.code).toBe(0);

    // Into a new, empty database: no --force needed.
    const target = await freshDatabase('target');
    const intoEmpty = await runCli(target.env, 'db', 'restore', file);
    expect(intoEmpty.stderr).toBe('');
    expect(await subjectNames(target.database)).toEqual(before);
  }, 300_000);

  it('on the embedded database, refuses to back up or restore while another process holds the directory', async () => {
    const dataDir = join(dir, 'held');
    const platform = await openPlatform(testConfig({ database: { kind: 'pglite', dataDir } }));
    await platform.close();
    const file = join(dir, 'held-backup');
    const env = { LIANJIAN_DATA_DIR: dataDir };
    expect((await runCli(env, 'db', 'backup', file)).code).toBe(0);
    const lock = lockDataDir(dataDir);
    try {
      lock.announce('http://127.0.0.1:3000/');
      for (const args of [
        ['backup', file],
        ['restore', '--force', file],
      ]) {
        const refused = await runCli(env, 'db', ...args);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(`正由另一个联检进程使用（进程号 ${process.pid}`);
      }
    } finally {
      lock.release();
    }
    expect((await runCli(env, 'db', 'restore', '--force', file)).code).toBe(0);
  }, 300_000);
});
