import { discardPlatformKey } from '../platform-keys/platform-key.service';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type AppConfig, loadConfig } from '../config';
import { LOCK_FILE } from '../db/data-dir-lock';
import { type Db, openDatabase } from '../db/database';
import { migrationNames } from '../db/migrate';
import { openPlatform, type Platform } from '../platform';
import { chinaDate } from '../shared/china-date';
import type { Clock } from '../shared/context';
import { seedDemoActivity } from './demo-activity';
import { DEFAULT_DEMO_SUBJECTS, seedDemo } from './demo-seed';

/**
 * The prebuilt demo city: the build seeds the demo city and its activity once, through the real services (the same
 * seedDemo and seedDemoActivity a start runs), on a scratch embedded database, and keeps the database as a gzipped
 * data directory tarball (PGlite's dumpDataDir) with a manifest. A first start on an empty embedded data directory
 * loads that tarball instead of seeding row by row, when it is exactly what seeding would give today:
 *
 * - the same China date: the demo's activity is laid out around "today" (the round's dates, past visits, visits
 *   due, overdue deadlines, the inspectors' week), so a tarball built on another day is not today's demo;
 * - the same migrations, in name and number: a tarball of another schema is never loaded (no half-migrated demo);
 * - the same seeding: default subjects count, with activity, the same audit hash algorithm;
 * - no key files of the installation's own yet (the demo's encrypted fields need the demo's keys, below).
 *
 * Anything else, or a tarball that fails to load, falls back to seeding as before. The tarball is written under
 * dist/demo by `npm run build` (and by scripts/ensure-build.mjs when the server was rebuilt); the release leaves it
 * out (it is of one day and carries the demo's keys).
 *
 * Keys. The demo's 检查码 and draw records are signed, and some received records and complaints are encrypted,
 * while it is seeded: the signing keys (platform_keys) and the two field-encryption key files
 * (LIANJIAN_RECORD_KEY_FILE, LIANJIAN_COMPLAINANT_KEY_FILE) the demo data depends on come with the tarball and are
 * the same in every installation loaded from one build. Every other secret is the installation's own: the audit
 * checkpoint signing key and checkpoints (outside the database, created on first use), the 信用修复 查询码 key
 * (derived codes, none stored: dropped at load and created on first use), sessions and system tokens (the demo has
 * none). A deployment for real use starts with `--no-demo` (or on PostgreSQL, which always seeds) and has its own keys.
 */
const SNAPSHOT_DIR = fileURLToPath(new URL('../../dist/demo', import.meta.url));
const FORMAT = 1;
const ARCHIVE = 'demo-city.tar.gz';
const MANIFEST = 'demo-city.json';
const RECORD_KEY = 'record-id.key';
const COMPLAINANT_KEY = 'complainant.key';

export interface DemoSnapshotManifest {
  format: number;
  /** China date whose "today" the demo's activity was laid out around. */
  builtOn: string;
  builtAt: string;
  migrations: string[];
  subjects: number;
  auditHash: AppConfig['auditHash'];
  /** The key files the demo's encrypted fields were made with (copied beside the tarball), when any was made. */
  keyFiles: { record: boolean; complainant: boolean };
  /** What the seeding produced, for the log and the tests. */
  summary: { tasks: number; seconds: number };
  /** Rows of every table of the seeded database, as it was dumped (the tests compare a loaded copy with it). */
  rows: Record<string, number>;
}

/** Rows of every table of the database (the catalogue lists them; Kysely's typed builder names tables statically). */
export async function tableRowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows)
    counts[name] = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db)).rows[0]!.n,
    );
  return counts;
}

/** Where the build writes the prebuilt demo city and a start looks for it: dist/demo beside the server bundle. */
export const demoSnapshotDir = (): string => SNAPSHOT_DIR;

function readManifest(dir: string): DemoSnapshotManifest | null {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as DemoSnapshotManifest;
  } catch {
    return null;
  }
}

/**
 * Seeds the demo city with its activity into a scratch embedded database and writes the tarball, the manifest and
 * the demo's key files into `outDir` (replacing what was there). Returns the manifest.
 */
export async function buildDemoSnapshot(
  outDir: string,
  options: { clock?: Clock; subjects?: number } = {},
): Promise<DemoSnapshotManifest> {
  const subjects = options.subjects ?? DEFAULT_DEMO_SUBJECTS;
  const began = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), 'lianjian-demo-snapshot-'));
  try {
    const keys = join(scratch, 'keys');
    // Only the database in the data directory: keys and checkpoints outside it, nothing sent anywhere.
    const config = loadConfig({
      LIANJIAN_DATA_DIR: join(scratch, 'data'),
      LIANJIAN_AUDIT_CHECKPOINT_DIR: join(scratch, 'audit-checkpoints'),
      LIANJIAN_AUDIT_KEY_FILE: join(keys, 'audit-checkpoint.key'),
      LIANJIAN_RECORD_KEY_FILE: join(keys, RECORD_KEY),
      LIANJIAN_COMPLAINANT_KEY_FILE: join(keys, COMPLAINANT_KEY),
      LIANJIAN_UPLOAD_DIR: join(scratch, 'uploads'),
      LIANJIAN_NOTIFY_INTERVAL_SECONDS: '0',
      LIANJIAN_LOG_LEVEL: 'silent',
    });
    const platform = await openPlatform(config, options.clock);
    let builtOn: string;
    let tasks: number;
    let walInUse: string[];
    let rows: Record<string, number>;
    try {
      builtOn = chinaDate(platform.deps.clock.now());
      await seedDemo(platform.deps, { subjects });
      tasks = (await seedDemoActivity(platform.deps)).tasks;
      rows = await tableRowCounts(platform.deps.db);
      walInUse = await settle(platform.deps.db);
    } finally {
      await platform.close();
    }
    const archive = await dumpWithoutSpareWal(config, walInUse);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const keyFiles = {
      record: existsSync(config.recordKeyFile),
      complainant: existsSync(config.complainantKeyFile),
    };
    if (keyFiles.record) copyFileSync(config.recordKeyFile, join(outDir, RECORD_KEY));
    if (keyFiles.complainant) copyFileSync(config.complainantKeyFile, join(outDir, COMPLAINANT_KEY));
    writeFileSync(join(outDir, ARCHIVE), archive);
    const manifest: DemoSnapshotManifest = {
      format: FORMAT,
      builtOn,
      builtAt: new Date().toISOString(),
      migrations: migrationNames(),
      subjects,
      auditHash: config.auditHash,
      keyFiles,
      summary: { tasks, seconds: Math.round((performance.now() - began) / 100) / 10 },
      rows,
    };
    // The manifest last: a build interrupted before it leaves no usable snapshot.
    writeFileSync(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Statistics for the planner, and a checkpoint so a loaded copy has nothing to replay. Returns the write-ahead log
 * segments the clean shutdown that follows still needs (the current one and, should its checkpoint record cross
 * into it, the next).
 */
async function settle(db: Db): Promise<string[]> {
  await sql`ANALYZE`.execute(db);
  await sql`CHECKPOINT`.execute(db);
  const { rows } = await sql<{ now: string; next: string }>`
    SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS now,
           pg_walfile_name(pg_current_wal_insert_lsn() + 16 * 1024 * 1024) AS next`.execute(db);
  return [rows[0]!.now, rows[0]!.next];
}

/**
 * The database's tarball (PGlite's dumpDataDir), without the write-ahead log segments it no longer needs: after the
 * clean shutdown the old segments kept for recycling (about 100 MB of the demo's 190) are dropped, then the directory
 * is opened again, checkpointed and dumped.
 */
async function dumpWithoutSpareWal(config: AppConfig, walInUse: string[]): Promise<Buffer> {
  const dataDir = resolve((config.database as { dataDir: string }).dataDir);
  const walDir = join(dataDir, 'pg_wal');
  for (const name of readdirSync(walDir))
    if (/^[0-9A-F]{24}$/.test(name) && !walInUse.includes(name)) rmSync(join(walDir, name));
  const database = await openDatabase(config.database);
  try {
    await sql`CHECKPOINT`.execute(database.db);
    return Buffer.from(await (await database.dumpDataDir!()).arrayBuffer());
  } finally {
    await database.close();
  }
}

/** Why the prebuilt demo city cannot be loaded here today (null: it can). */
export function demoSnapshotRefusal(
  config: AppConfig,
  now: Date,
  dir = demoSnapshotDir(),
  subjects = DEFAULT_DEMO_SUBJECTS,
): string | null {
  if (config.database.kind !== 'pglite' || config.database.dataDir === 'memory://') return '不是嵌入式数据库目录';
  if (existsSync(join(resolve(config.database.dataDir), 'PG_VERSION'))) return '数据目录中已有数据库';
  const manifest = readManifest(dir);
  if (!manifest || !existsSync(join(dir, ARCHIVE))) return '没有预构建的演示库（npm run build 生成）';
  if (manifest.format !== FORMAT) return '预构建演示库的格式与本版本不符';
  const today = chinaDate(now);
  if (manifest.builtOn !== today) return `预构建演示库构建于 ${manifest.builtOn}，演示业务按“今天”（${today}）排布`;
  if (manifest.migrations.join('\n') !== migrationNames().join('\n')) return '预构建演示库的数据库迁移与本版本不符';
  if (manifest.subjects !== subjects || manifest.auditHash !== config.auditHash)
    return '预构建演示库的生成参数与本次启动不符';
  const own = [config.recordKeyFile, config.complainantKeyFile].filter((file) => existsSync(file));
  if (own.length > 0) return `已有本机的加密密钥文件（${own.join('、')}）`;
  return null;
}

/**
 * Opens the platform on the prebuilt demo city (the caller checked demoSnapshotRefusal): the demo's key files are
 * copied to the configured key paths, the tarball is loaded into the empty data directory, and the secrets the demo
 * data does not depend on are dropped so the installation makes its own. A failure leaves the directory and the key
 * files as they were (empty), for seeding.
 */
export async function openOnDemoSnapshot(config: AppConfig, clock?: Clock, dir = demoSnapshotDir()): Promise<Platform> {
  const manifest = readManifest(dir)!;
  const dataDir = resolve((config.database as { dataDir: string }).dataDir);
  const copied: string[] = [];
  const before = new Set(existsSync(dataDir) ? readdirSync(dataDir) : []);
  const copyKey = (has: boolean, name: string, target: string) => {
    if (!has) return;
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    copyFileSync(join(dir, name), target);
    copied.push(target);
  };
  try {
    copyKey(manifest.keyFiles.record, RECORD_KEY, config.recordKeyFile);
    copyKey(manifest.keyFiles.complainant, COMPLAINANT_KEY, config.complainantKeyFile);
    const tarball = new Blob([readFileSync(join(dir, ARCHIVE))]);
    const platform = await openPlatform(config, clock, { loadDataDir: tarball });
    try {
      await discardPlatformKey(platform.deps.db, 'credit-repair-query-code');
      await platform.deps.db.deleteFrom('sessions').execute();
    } catch (error) {
      await platform.close();
      throw error;
    }
    return platform;
  } catch (error) {
    for (const file of copied) rmSync(file, { force: true });
    // What the tarball put there (the database's files); the lock is released by the failed open.
    for (const name of existsSync(dataDir) ? readdirSync(dataDir) : [])
      if (!before.has(name) && name !== LOCK_FILE) rmSync(join(dataDir, name), { recursive: true, force: true });
    throw error;
  }
}
