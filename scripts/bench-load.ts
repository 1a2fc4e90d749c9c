/**
 * Throughput under concurrent load, as a citizen and a member of staff meet it: starts the platform as a child
 * process (`lianjian start`, demo city, fresh data) on PGlite and on PostgreSQL, then keeps N connections busy for D
 * seconds on (a) the public 检查码 verification with a valid code and (b) the staff subject list with a session.
 * Prints requests/s, p50, p99 and errors per database and endpoint; asserts nothing (not part of `npm test`).
 *   npm run bench:load -- [--connections 16] [--seconds 10] [--only pglite|postgres]
 * PostgreSQL server: LIANJIAN_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a database is
 * created for the run and dropped after it.
 *
 * The public routes are rate-limited per client address (60 a minute for the verification). Citizens come from many
 * addresses, so the platform runs behind a stand-in proxy (LIANJIAN_TRUST_PROXY=1) and every request carries its own
 * X-Forwarded-For address: the figure is the route's throughput, not the limiter's.
 */
import {
  type BenchPlatform,
  closedLoopLoad,
  type LoadFigures,
  request as sendRequest,
  startBenchPlatform,
} from './bench-http';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/demo-departments';

/** The bench round's local seed (its hash is committed first). */
const LOAD_SEED = 'lianjian-load-test-seed-2026';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const connections = Number(arg('connections') ?? 16);
const seconds = Number(arg('seconds') ?? 10);
const only = arg('only');
const pgServer = process.env.LIANJIAN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `lianjian start` from the sources (tsx), demo city (20,000 subjects, no demo activity: the bench draws its own round), on a free port. */
async function startPlatform(env: Record<string, string>): Promise<BenchPlatform> {
  const platform = await startBenchPlatform(env);
  console.log(`  平台已启动（${platform.started}）`);
  return platform;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

const request = (url: string, options?: Parameters<typeof sendRequest>[2]) => sendRequest(agent, url, options);

/**
 * Signs in as admin, draws a round of the demo city's published sampling items, publishes its tasks and issues a
 * notice on one of them: its 检查码 is the valid code the citizens verify.
 */
async function prepare(base: string): Promise<{ cookie: string; token: string }> {
  const login = await request(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`登录失败：${login.status} ${login.body}`);
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const headers = { cookie, 'content-type': 'application/json', 'x-lianjian-request': '1' };
  const call = async (method: string, path: string, body?: object) => {
    const res = await request(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${method} ${path}：${res.status} ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  const items = (await call('GET', '/api/sampling-items?pageSize=100'))['items'] as { id: number; code: string }[];
  const year = new Date().getFullYear();
  const round = await call('POST', '/api/draws', {
    title: `${year} 年负载测试抽取`,
    year,
    window: { from: `${year}-12-01`, to: `${year}-12-31` },
    samplingItemIds: items.filter((i) => i.code.startsWith('SCJG-CC-')).map((i) => i.id),
    design: 'fixed',
    // A local seed: a lottery's numbers are refused before its declared draw time.
    entropy: { kind: 'local', seedHash: createHash('sha256').update(LOAD_SEED).digest('hex') },
  });
  const record = await call('POST', `/api/draws/${String(round['roundNo'])}/records`, {
    reveal: { kind: 'local', seed: LOAD_SEED },
  });
  const recordNo = String(record['recordNo']);
  await call('POST', `/api/draw-records/${recordNo}/publish`, {});
  const tasks = (await call('GET', `/api/tasks?recordNo=${recordNo}&pageSize=5`))['items'] as { taskNo: string }[];
  const notice = await call('POST', `/api/tasks/${tasks[0]!.taskNo}/notice`, {});
  return { cookie, token: (notice['code'] as { token: string }).token };
}

/** `connections` workers, each sending the next request when the last one is answered, for `seconds`. */
function load(url: string, headersOf: (n: number) => Record<string, string>, duration = seconds): Promise<LoadFigures> {
  return closedLoopLoad(connections, duration, async (n) => {
    const res = await request(url, { headers: headersOf(n) });
    return res.status === 200 ? null : `${res.status} ${res.body.slice(0, 120)}`;
  });
}

/** A loopback address per request, as the stand-in proxy reports the citizen's address. */
const citizen = (n: number) => `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255 || 1}`;

async function benchOne(label: string, env: Record<string, string>): Promise<void> {
  console.log(`\n== ${label} ==`);
  const platform = await startPlatform(env);
  try {
    const { cookie, token } = await prepare(platform.base);
    const endpoints: [string, string, (n: number) => Record<string, string>][] = [
      [
        '检查码核验（公开）',
        `${platform.base}/api/public/inspection-codes/${token}`,
        (n) => ({ 'x-forwarded-for': citizen(n) }),
      ],
      ['监管对象列表（已登录）', `${platform.base}/api/subjects?page=1`, () => ({ cookie })],
    ];
    for (const [name, url, headers] of endpoints) {
      await load(url, headers, 2); // warm-up
      const f = await load(url, headers);
      console.log(
        `  ${name}：${f.perSecond.toFixed(0)} 次/秒，p50 ${f.p50.toFixed(1)} ms，p99 ${f.p99.toFixed(1)} ms，` +
          `${f.requests} 次请求，错误 ${f.errors}${f.firstError ? `（首个：${f.firstError}）` : ''}`,
      );
    }
  } finally {
    await platform.stop();
  }
}

console.log(`负载测试：${connections} 个并发连接，每个接口 ${seconds} 秒（先预热 2 秒）`);
if (only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-bench-load-'));
  try {
    await benchOne('嵌入式 PGlite', { DATABASE_URL: '', LIANJIAN_DATA_DIR: join(dir, 'data') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (only !== 'pglite') {
  const name = `lianjian_bench_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  try {
    const url = new URL(pgServer);
    url.pathname = `/${name}`;
    await benchOne(`PostgreSQL（${url.host}）`, { DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
agent.destroy();
