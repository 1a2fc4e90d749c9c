import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config';
import { DEMO_PASSWORD } from '../../src/demo/demo-departments';
import { seedDemo, skipDemoPasswordChange } from '../../src/demo/demo-seed';
import { stagingDir } from '../../src/imports/import-staging';
import { openPlatform } from '../../src/platform';
import { validSubjectCsv } from '../support/import-files';
import { spawnServer } from '../support/server-process';
import { testConfig } from '../support/test-platform';

/**
 * A real import's rows are written in short transactions once the file is read. kill -9 of the server half-way
 * through that write, then restart: the platform finishes the write before it listens, so the import is all
 * there, counted once, audited once, and its staging is gone.
 */
const leg = testConfig().database;
const ROWS = 5000;
const dir = mkdtempSync(join(tmpdir(), 'lianjian-roll-forward-'));
const uploadDir = join(dir, 'uploads');
let pgName: string | null = null;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!pgName || leg.kind !== 'postgres') return;
  const admin = new pg.Client({ connectionString: leg.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  await admin.end();
});

async function freshDatabase(): Promise<{ database: AppConfig['database']; env: Record<string, string> }> {
  if (leg.kind === 'pglite') {
    const dataDir = join(dir, 'data');
    return { database: { kind: 'pglite', dataDir }, env: { LIANJIAN_DATA_DIR: dataDir } };
  }
  pgName = `lianjian_roll_forward_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: leg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgName} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(leg.url);
  url.pathname = `/${pgName}`;
  return { database: { kind: 'postgres', url: url.toString() }, env: { DATABASE_URL: url.toString() } };
}

async function signIn(url: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${url}${path}`, { headers: { cookie } });
    expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
    return (await r.json()) as T;
  };
  return { cookie, get };
}

interface Job {
  status: string;
  committed: boolean;
  writtenRows: number | null;
  inserted: number;
  processedRows: number;
}

describe(`kill -9 while an import's rows are written (${leg.kind})`, () => {
  it('the next start finishes the write: every row once, the job done, one audit entry, no staging left', async () => {
    const { database, env } = await freshDatabase();
    const platform = await openPlatform(testConfig({ database }));
    await seedDemo(platform.deps, { subjects: 20 });
    await skipDemoPasswordChange(platform.deps.db);
    await platform.close();
    const serverEnv = { ...env, LIANJIAN_DEMO_ACTIVITY: 'false', LIANJIAN_UPLOAD_DIR: uploadDir };

    const first = await spawnServer(serverEnv, ['--no-demo']);
    const { cookie, get } = await signIn(first.url);
    const { data, first: firstUscc, last: lastUscc } = validSubjectCsv(ROWS, '续写测试');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), 'roll-forward.csv');
    const upload = await fetch(`${first.url}/api/imports/subjects?mode=all-or-nothing`, {
      method: 'POST',
      headers: { cookie, 'x-lianjian-request': '1' },
      body: form,
    });
    expect(upload.status).toBe(202);
    const { jobId } = (await upload.json()) as { jobId: string };

    // Wait until some slices are written but not all, then kill.
    let job: Job;
    do {
      await new Promise((r) => setTimeout(r, 30));
      job = await get<Job>(`/api/imports/${jobId}`);
    } while (job.status === 'running' && (job.writtenRows ?? 0) < 500);
    expect(job.status, '导入在被杀之前已经写完：加大 ROWS').toBe('running');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(readdirSync(stagingDir(uploadDir)).sort()).toEqual([`${jobId}.plan`, `${jobId}.stage`]);

    const second = await spawnServer(serverEnv, ['--no-demo']);
    try {
      const { get: again } = await signIn(second.url);
      const after = await again<Job>(`/api/imports/${jobId}`);
      expect(after).toMatchObject({ status: 'done', committed: true, inserted: ROWS, processedRows: ROWS });
      for (const uscc of [firstUscc, lastUscc])
        expect((await again<{ total: number }>(`/api/subjects?q=${uscc}`)).total).toBe(1);
      const audit = await again<{ total: number }>(`/api/audit?entityId=${jobId}&pageSize=5`);
      expect(audit.total).toBe(1);
      expect(readdirSync(stagingDir(uploadDir))).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 300_000);
});
