import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config';
import { LOCK_FILE } from '../../src/db/data-dir-lock';
import { DEMO_PASSWORD } from '../../src/demo/demo-departments';
import { seedDemo, skipDemoPasswordChange } from '../../src/demo/demo-seed';
import { openPlatform } from '../../src/platform';
import { validSubjectCsv } from '../support/import-files';
import { spawnServer } from '../support/server-process';
import { testConfig } from '../support/test-platform';

/**
 * kill -9 of the real server at random moments of imports and draws, then reopen: the database opens, an
 * all-or-nothing import is all there or not at all, a draw record has all its tasks or does not exist, no
 * import job stays 运行中, and (PGlite) the dead server's lock is taken over. LIANJIAN_CRASH_KILLS overrides
 * the number of kills (25 on PGlite; 5 on PostgreSQL, where no directory is reopened). Each kill costs a server start
 * (~8 s on 2 cores), so the everyday run keeps 25; run `LIANJIAN_CRASH_KILLS=200 npx vitest run test/db/crash.test.ts`
 * after a change to the import write, the draw's transaction or the data-directory lock.
 */
const leg = testConfig().database;
const kills = Number(process.env.LIANJIAN_CRASH_KILLS ?? (leg.kind === 'pglite' ? 25 : 5));
const ROWS = 1500;
const dir = mkdtempSync(join(tmpdir(), 'lianjian-crash-'));
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
  pgName = `lianjian_crash_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: leg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgName} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(leg.url);
  url.pathname = `/${pgName}`;
  return { database: { kind: 'postgres', url: url.toString() }, env: { DATABASE_URL: url.toString() } };
}

interface Client {
  get<T>(path: string): Promise<T>;
  post(path: string, body: object): Promise<Response>;
  upload(path: string, fileName: string, data: Buffer): Promise<Response>;
}

async function client(url: string): Promise<Client> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return {
    async get<T>(path: string) {
      const r = await fetch(`${url}${path}`, { headers: { cookie } });
      expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
      return (await r.json()) as T;
    },
    post: (path, body) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-lianjian-request': '1' },
        body: JSON.stringify(body),
      }),
    upload(path, fileName, data) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), fileName);
      return fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'x-lianjian-request': '1' }, body: form });
    },
  };
}

interface ImportFile {
  name: string;
  first: string;
  last: string;
}

function importFile(cycle: number): { file: ImportFile; data: Buffer } {
  const { data, first, last } = validSubjectCsv(ROWS, `崩溃测试第${cycle}批`);
  return { file: { name: `crash-${cycle}.csv`, first, last }, data };
}

interface Job {
  fileName: string;
  status: string;
  committed: boolean;
}

const roundTitle = (cycle: number) => `崩溃测试第 ${cycle} 轮抽取`;

/**
 * What is wrong after a restart: partial imports, half-written draws (every round, or only those titled in `rounds`),
 * jobs left running.
 */
async function problemsAfterRestart(
  c: Client,
  files: readonly ImportFile[],
  rounds?: readonly string[],
): Promise<string[]> {
  const problems: string[] = [];
  const jobs = await c.get<Job[]>('/api/imports');
  for (const j of jobs) if (j.status === 'running') problems.push(`导入任务 ${j.fileName} 重启后仍为运行中`);
  for (const f of files) {
    const count = async (uscc: string) => (await c.get<{ total: number }>(`/api/subjects?q=${uscc}`)).total;
    const [first, last] = [await count(f.first), await count(f.last)];
    const job = jobs.find((j) => j.fileName === f.name);
    const committed = job?.status === 'done' && job.committed;
    if (first !== last) problems.push(`${f.name} 只写入了一部分（首行 ${first}，末行 ${last}）`);
    else if (job && first !== (committed ? 1 : 0))
      problems.push(`${f.name} 的任务${committed ? '已提交' : '未提交'}，而数据${first ? '已写入' : '未写入'}`);
  }
  for (const r of await c.get<{ roundNo: string; title: string }[]>('/api/draws')) {
    if (rounds && !rounds.includes(r.title)) continue;
    const round = await c.get<{ records: { recordNo: string; summary: { tasks: number } }[] }>(
      `/api/draws/${r.roundNo}`,
    );
    for (const rec of round.records) {
      const { total } = await c.get<{ total: number }>(`/api/tasks?recordNo=${rec.recordNo}&pageSize=1`);
      if (total !== rec.summary.tasks)
        problems.push(`抽取记录 ${rec.recordNo} 应有 ${rec.summary.tasks} 个任务，实有 ${total} 个`);
    }
  }
  return problems;
}

describe(`kill -9 during imports and draws (${leg.kind})`, () => {
  it(`the database reopens after every kill, with no partial import, no half-written draw and no job left running`, async () => {
    const { database, env } = await freshDatabase();
    const platform = await openPlatform(testConfig({ database }));
    await seedDemo(platform.deps, { subjects: 300 });
    await skipDemoPasswordChange(platform.deps.db);
    const items = await platform.deps.db
      .selectFrom('sampling_items')
      .select(['id', 'department_id'])
      .where('published', '=', true)
      .where('status', '=', '有效')
      .orderBy('id')
      .execute();
    await platform.close();
    const byDept = new Map<number, number>();
    for (const r of items) if (!byDept.has(r.department_id)) byDept.set(r.department_id, r.id);
    const samplingItemIds = [...byDept.values()].slice(0, 3);
    const drawYear = new Date().getFullYear() + 1;

    const files: ImportFile[] = [];
    const failures: string[] = [];
    let killed = 0;
    let committedImports = 0;
    const started = performance.now();
    for (let cycle = 0; cycle <= kills; cycle += 1) {
      let server;
      try {
        server = await spawnServer({ ...env, LIANJIAN_DEMO_ACTIVITY: 'false' }, ['--no-demo']);
      } catch (error) {
        failures.push(`第 ${cycle} 次重启打不开数据库：${String(error).slice(0, 500)}`);
        break;
      }
      if (leg.kind === 'pglite') {
        const holder = JSON.parse(readFileSync(join(env.LIANJIAN_DATA_DIR!, LOCK_FILE), 'utf8')) as { pid: number };
        if (holder.pid !== server.child.pid) failures.push(`第 ${cycle} 次重启后锁文件不属于新进程`);
      }
      const c = await client(server.url);
      // The newest file and draw each time: the kill that ended the cycle before can only have cut those short, as
      // later cycles write only their own file and round. Every file and every draw once more at the end (checking
      // every draw after every restart made the checks grow with the square of the kills).
      failures.push(
        ...(cycle === kills
          ? await problemsAfterRestart(c, files)
          : await problemsAfterRestart(c, files.slice(-1), [roundTitle(cycle - 1)])),
      );
      if (cycle === kills) {
        // The checks can see an import that was not interrupted: it is all there.
        const { file, data } = importFile(cycle);
        const { jobId } = (await (
          await c.upload('/api/imports/subjects?mode=all-or-nothing', file.name, data)
        ).json()) as {
          jobId: string;
        };
        let job: Job;
        do {
          await new Promise((r) => setTimeout(r, 200));
          job = await c.get<Job>(`/api/imports/${jobId}`);
        } while (job.status === 'running');
        expect(job).toMatchObject({ status: 'done', committed: true });
        expect(await problemsAfterRestart(c, [file])).toEqual([]);
        expect((await c.get<{ total: number }>(`/api/subjects?q=${file.last}`)).total).toBe(1);
        const jobs = await c.get<Job[]>('/api/imports');
        committedImports = jobs.filter((j) => j.committed).length - 1;
        server.child.kill('SIGTERM');
        await server.exited;
        break;
      }
      const { file, data } = importFile(cycle);
      const seed = `crash-test-seed-${cycle}-${Math.random().toString(16).slice(2)}`;
      // A window ahead of today; at most 12 rounds of the same items a year.
      const year = drawYear + Math.floor(cycle / 12);
      files.push(file);
      const work = [
        c.upload('/api/imports/subjects?mode=all-or-nothing', file.name, data),
        c
          .post('/api/draws', {
            title: roundTitle(cycle),
            year,
            window: { from: `${year}-04-01`, to: `${year}-06-30` },
            samplingItemIds,
            design: 'fixed',
            entropy: { kind: 'local', seedHash: createHash('sha256').update(seed).digest('hex') },
          })
          .then(async (res) => {
            const round = (await res.json()) as { roundNo?: string };
            if (round.roundNo)
              await c.post(`/api/draws/${round.roundNo}/records`, {
                reveal: { kind: 'local', seed },
              });
          }),
      ].map((p) => p.catch(() => undefined));
      // A random moment: while the upload arrives, while the file is read, while rows are written, while the draw runs.
      await new Promise((r) => setTimeout(r, Math.random() * 1500));
      server.child.kill('SIGKILL');
      await server.exited;
      await Promise.all(work);
      killed += 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(
      `崩溃测试（${leg.kind}）：kill -9 ${killed} 次，导入 ${files.length} 个文件（每个 ${ROWS} 行，全部正确才导入）（${committedImports} 个在被杀前完成并提交），用时 ${seconds} 秒；问题 ${failures.length} 处${failures.length ? `：${failures.join('；')}` : ''}`,
    );
    expect(failures).toEqual([]);
    expect(killed).toBe(kills);
    if (leg.kind === 'pglite') expect(existsSync(join(env.LIANJIAN_DATA_DIR!, LOCK_FILE))).toBe(false);
  }, 1_800_000);
});
