import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { AppConfig } from '../config';
import { AppError } from '../shared/app-error';
import { LOCK_FILE, lockDataDir } from './data-dir-lock';
import { openDatabase } from './database';

/**
 * `lianjian db backup` / `restore`. PGlite: the data directory as a gzipped tarball taken through the open
 * database (PGlite's dumpDataDir), under the directory's lock, so never while a server runs on it; restored
 * into an empty directory. PostgreSQL: pg_dump's custom format, restored with pg_restore into an empty
 * database. Both refuse to overwrite data unless forced.
 */
const run = promisify(execFile);

export interface BackupOutcome {
  file: string;
  bytes: number;
}

async function postgresTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new AppError(
        'INTERNAL',
        `未找到 ${tool}：PostgreSQL 的备份与恢复需要与服务器同一大版本的 PostgreSQL 客户端工具（Debian：apt-get install postgresql-client-15）`,
      );
    throw new AppError('INTERNAL', `${tool} 执行失败：${(e.stderr ?? e.message).trim()}`);
  }
}

export async function backupDatabase(database: AppConfig['database'], file: string): Promise<BackupOutcome> {
  const target = resolve(file);
  if (database.kind === 'postgres') {
    await postgresTool('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${target}`,
      database.url,
    ]);
  } else {
    if (database.dataDir === 'memory://') throw new AppError('VALIDATION', '内存数据库（memory://）无法备份');
    if (!existsSync(join(resolve(database.dataDir), 'PG_VERSION')))
      throw new AppError('NOT_FOUND', `数据目录 ${database.dataDir} 中没有数据库，无法备份`);
    const handle = await openDatabase(database);
    try {
      const tarball = await handle.dumpDataDir!();
      writeFileSync(target, Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
    } finally {
      await handle.close();
    }
  }
  return { file: target, bytes: statSync(target).size };
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return Number(rows[0]!.n) === 0;
  } finally {
    await client.end();
  }
}

async function emptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup made by `backupDatabase` on the same kind of database. Refuses a database that has data
 * unless `force` (which first removes everything in it), and on PGlite a directory another process holds.
 */
export async function restoreDatabase(
  database: AppConfig['database'],
  file: string,
  options: { force: boolean },
): Promise<void> {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `备份文件不存在：${file}`);
  const refuse = (where: string) =>
    new AppError('CONFLICT', `${where}中已有数据，恢复会覆盖它：确认要覆盖时请加 --force（会先删除其中全部数据）`);
  if (database.kind === 'postgres') {
    if (!(await postgresIsEmpty(database.url))) {
      if (!options.force) throw refuse('目标数据库');
      await emptyPostgres(database.url);
    }
    await postgresTool('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${database.url}`,
      file,
    ]);
    return;
  }
  if (database.dataDir === 'memory://') throw new AppError('VALIDATION', '内存数据库（memory://）无法恢复');
  const dir = resolve(database.dataDir);
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => name !== LOCK_FILE) : [];
  if (present.length > 0 || existsSync(join(dir, LOCK_FILE))) {
    // Refuses while another process (a running server) holds the directory, forced or not.
    const lock = lockDataDir(dir, database.dataDir);
    try {
      if (present.length > 0) {
        if (!options.force) throw refuse(`数据目录 ${database.dataDir} `);
        for (const name of present) rmSync(join(dir, name), { recursive: true, force: true });
      }
    } finally {
      lock.release();
    }
  }
  const tarball = new Blob([readFileSync(file)]);
  const handle = await openDatabase(database, { loadDataDir: tarball });
  // The tarball carries the lock file of the process that made the backup: the lock is this process's again.
  handle.announce(null);
  await handle.close();
}
