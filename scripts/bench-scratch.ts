// A scratch PostgreSQL database for a benchmark: created from template0, migrated, with audit keys and uploads in a
// temporary directory; drop() closes the platform, drops the database and removes the directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { openPlatform, type Platform } from '../src/platform';
import type { Clock } from '../src/shared/context';

export async function openScratchPlatform(
  pgServer: string,
  name: string,
  clock?: Clock,
): Promise<{ platform: Platform; dbName: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `lianjian-bench-${name}-`));
  const dbName = `lianjian_bench_${name}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(pgServer);
  url.pathname = `/${dbName}`;
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    LIANJIAN_NOTIFY_INTERVAL_SECONDS: '0',
    LIANJIAN_AUDIT_CHECKPOINT_DIR: join(dir, 'audit-checkpoints'),
    LIANJIAN_AUDIT_KEY_FILE: join(dir, 'keys', 'audit.key'),
    LIANJIAN_RECORD_KEY_FILE: join(dir, 'keys', 'record-id.key'),
    LIANJIAN_UPLOAD_DIR: join(dir, 'uploads'),
    LIANJIAN_LOG_LEVEL: 'silent',
  });
  const platform = clock ? await openPlatform(config, clock) : await openPlatform(config);
  const drop = async () => {
    await platform.close();
    const c = new pg.Client({ connectionString: pgServer });
    await c.connect();
    await c.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  };
  return { platform, dbName, drop };
}
