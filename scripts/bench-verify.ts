/**
 * 检查码核验 under load, on PostgreSQL, with the rate limit configured as in production (`npm run bench:verify`).
 *
 * A scratch database is created on the PostgreSQL server (LIANJIAN_BENCH_PG_URL, else DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards. The platform runs as its own process
 * (`lianjian start` from the sources: demo city of 20,000 subjects, no demo activity), so the load generator here does
 * not share its event loop. Through the platform's own API the bench draws a round of the demo city's market
 * inspection items, publishes it and issues a notice (with its 检查码) on `--notices` of its tasks.
 *
 * Part 1, throughput: `--connections` keep-alive connections hit valid 检查码 (a random one of the issued codes each
 * time) for `--seconds`, and the bench prints requests/s, p50/p95/p99 and errors against the goal (≥ 3,000 per second,
 * p99 ≤ 50 ms). The platform runs as deployed behind Nginx (docs/deploy.md: LIANJIAN_TRUST_PROXY=1): the rate limit
 * is the production one (60 verifications a minute per visitor address), and the bench plays Nginx, giving each
 * request the X-Forwarded-For of the citizen who sent it. Citizens are distinct: each visitor address opens a code
 * three times (the page, a reload, a second look), far under the limit. No bypass is configured.
 *
 * Part 2, protection: while citizens keep verifying, one guessing client (a single address) sends random 检查码 and,
 * to the enterprise lookup, random 查询码, in bursts separated by pauses (so that thousands of citizens pass between
 * its bursts). The bench prints how many guesses got an answer per minute, what the refused ones received (429 and
 * its Chinese message), and whether any citizen was refused.
 *
 *   npm run bench:verify -- [--connections 32] [--seconds 15] [--notices 400] [--plan]
 */
import {
  type Answer,
  type BenchPlatform,
  closedLoopLoad,
  type LoadFigures,
  request as sendRequest,
  startBenchPlatform,
} from './bench-http';
import { randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema';
import { findVerificationSnapshot } from '../src/notices/verification.repository';
import { DEMO_PASSWORD } from '../src/demo/demo-departments';

const GOAL_PER_SECOND = 3000;
const GOAL_P99_MS = 50;
/** The enterprise lookup's alphabet (src/notices/inspection-code-rules.ts). */
const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const connections = Number(arg('connections') ?? 32);
const seconds = Number(arg('seconds') ?? 15);
const noticeCount = Number(arg('notices') ?? 400);
const pgServer =
  process.env.LIANJIAN_BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `lianjian start` from the sources on the scratch database, behind a stand-in Nginx (one trusted proxy hop). */
async function startPlatform(databaseUrl: string): Promise<BenchPlatform> {
  // LIANJIAN_BENCH_CPU_PROF=<dir>: the platform writes a V8 CPU profile there when it stops.
  const profile = process.env.LIANJIAN_BENCH_CPU_PROF;
  const platform = await startBenchPlatform(
    { DATABASE_URL: databaseUrl },
    profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [],
  );
  console.log(`平台已启动（进程 ${platform.pid}，${platform.started}）`);
  return platform;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections + 4 });

const request = (url: string, options?: Parameters<typeof sendRequest>[2]) => sendRequest(agent, url, options);

/** Admin signs in, draws and publishes a round of the market inspection items, and issues notices on its tasks. */
async function prepare(base: string): Promise<string[]> {
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
  const seed = `lianjian-verify-bench-${process.pid}`;
  const { createHash } = await import('node:crypto');
  const round = await call('POST', '/api/draws', {
    title: `${year} 年检查码核验压力测试抽取`,
    year,
    window: { from: `${year}-12-01`, to: `${year}-12-31` },
    samplingItemIds: items.filter((i) => i.code.startsWith('SCJG-CC-')).map((i) => i.id),
    design: 'fixed',
    entropy: { kind: 'local', seedHash: createHash('sha256').update(seed).digest('hex') },
  });
  const record = await call('POST', `/api/draws/${String(round['roundNo'])}/records`, {
    reveal: { kind: 'local', seed },
  });
  const recordNo = String(record['recordNo']);
  await call('POST', `/api/draw-records/${recordNo}/publish`, {});
  const taskNos: string[] = [];
  for (let page = 1; taskNos.length < noticeCount; page += 1) {
    const found = (await call('GET', `/api/tasks?recordNo=${recordNo}&pageSize=100&page=${page}`))['items'] as {
      taskNo: string;
    }[];
    if (found.length === 0) break;
    taskNos.push(...found.map((t) => t.taskNo));
  }
  const tokens: string[] = [];
  const queue = taskNos.slice(0, noticeCount);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let taskNo = queue.shift(); taskNo; taskNo = queue.shift()) {
        const notice = await call('POST', `/api/tasks/${taskNo}/notice`, {});
        tokens.push((notice['code'] as { token: string }).token);
      }
    }),
  );
  return tokens;
}

/** The address the stand-in Nginx reports for the n-th citizen (documentation and private ranges, never the guesser's). */
const citizenAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
const GUESSER = '198.51.100.66';

interface Figures extends LoadFigures {
  byStatus: Map<number, number>;
  /** Size of a valid verification's answer. */
  bytes: number;
}

/** `connections` citizens' connections, each sending its next request as soon as the last one is answered. */
async function citizensLoad(base: string, tokens: readonly string[], duration: number, first = 0): Promise<Figures> {
  const byStatus = new Map<number, number>();
  let bytes = 0;
  const figures = await closedLoopLoad(connections, duration, async (k) => {
    const n = first + k;
    // Each visitor opens its code three times.
    const visitor = Math.floor(n / 3);
    const token = tokens[visitor % tokens.length]!;
    const res = await request(`${base}/api/public/inspection-codes/${token}`, {
      headers: { 'x-forwarded-for': citizenAddress(visitor) },
    });
    byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
    bytes ||= Buffer.byteLength(res.body);
    return res.status !== 200 || !res.body.includes('"status":"真实有效"')
      ? `${res.status} ${res.body.slice(0, 160)}`
      : null;
  });
  return { ...figures, byStatus, bytes };
}

/** A token of a 检查码's shape (header.payload.signature, base64url) that the platform never signed. */
const randomToken = () =>
  [randomBytes(48), randomBytes(150), randomBytes(64)].map((b) => b.toString('base64url')).join('.');
const randomQueryCode = () => Array.from({ length: 10 }, () => QUERY_ALPHABET[randomInt(31)]).join('');

interface Guesses {
  sent: number;
  answered: number;
  refused: number;
  other: Map<number, number>;
  refusal: string;
  perBurst: number[];
}

/** One address guessing: `bursts` bursts of `burst` requests, `pause` seconds apart. */
async function guess(
  send: () => Promise<Answer>,
  bursts: number,
  burst: number,
  pauseSeconds: number,
): Promise<Guesses> {
  const g: Guesses = { sent: 0, answered: 0, refused: 0, other: new Map(), refusal: '', perBurst: [] };
  for (let b = 0; b < bursts; b += 1) {
    if (b > 0) await new Promise((r) => setTimeout(r, pauseSeconds * 1000));
    let answered = 0;
    for (let i = 0; i < burst; i += 1) {
      const res = await send();
      g.sent += 1;
      if (res.status === 429) {
        g.refused += 1;
        g.refusal ||= `${res.status} ${JSON.parse(res.body).error?.message ?? res.body}`;
      } else {
        answered += 1;
        g.other.set(res.status, (g.other.get(res.status) ?? 0) + 1);
      }
    }
    g.answered += answered;
    g.perBurst.push(answered);
  }
  return g;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? '达标' : '未达标');
const statuses = (m: Map<number, number>) =>
  [...m.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, c]) => `${s}×${c}`)
    .join('，');

function printFigures(label: string, f: Figures): void {
  console.log(
    `${label}：${f.perSecond.toFixed(0)} 次/秒（目标 ≥ ${GOAL_PER_SECOND}，${verdict(f.perSecond >= GOAL_PER_SECOND)}），` +
      `p50 ${ms(f.p50)}，p95 ${ms(f.p95)}，p99 ${ms(f.p99)}（目标 ≤ ${GOAL_P99_MS} ms，${verdict(f.p99 <= GOAL_P99_MS)}），` +
      `${f.requests} 次请求（${statuses(f.byStatus)}），错误 ${f.errors}${f.firstError ? `（首个：${f.firstError}）` : ''}`,
  );
}

/** CPU seconds a process has used (Linux /proc), to show where the two cores went. */
async function cpuSeconds(pid: number): Promise<number> {
  const { readFileSync } = await import('node:fs');
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The plan and timing of the verification's one statement (src/notices/verification.repository.ts) for one code. */
async function explainSnapshot(databaseUrl: string, token: string): Promise<void> {
  const tokenId = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string }).jti;
  let compiled: { sql: string; parameters: readonly unknown[] } | undefined;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      compiled ??= event.query;
    },
  });
  try {
    await findVerificationSnapshot(db, tokenId);
    // The platform runs it as a prepared statement, which PostgreSQL plans once for any code (a generic plan) after
    // its first executions: that plan is the one shown and timed, after one execution that warms the caches.
    const client = await pool.connect();
    try {
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query({ name: 'snapshot', text: compiled!.sql, values: [...compiled!.parameters] });
      const literals = compiled!.parameters.map((v) => client.escapeLiteral(String(v))).join(', ');
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE snapshot(${literals})`);
      const lines = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
      const timing = lines.filter((l) => /^(Planning|Execution) Time/.test(l)).join('，');
      console.log(
        `核验语句（预编译的通用计划）：${timing}${process.argv.includes('--plan') ? `\n${lines.join('\n')}` : ''}`,
      );
    } finally {
      client.release();
    }
  } finally {
    await db.destroy();
  }
}

const name = `lianjian_bench_verify_${process.pid}`;
const admin = new pg.Client({ connectionString: pgServer });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
const url = new URL(pgServer);
url.pathname = `/${name}`;
let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
try {
  console.log(
    `检查码核验压力测试：PostgreSQL ${url.host}，${cpus().length} 核，开始前负载 ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
  platform = await startPlatform(url.toString());
  const base = platform.base;
  const preparing = performance.now();
  const tokens = await prepare(base);
  console.log(
    `已抽取并签发 ${tokens.length} 份检查告知书（${((performance.now() - preparing) / 1000).toFixed(1)} 秒）`,
  );

  // As autovacuum would have done on a database in service: the planner's statistics of the tables just filled.
  const scratch = new pg.Client({ connectionString: url.toString() });
  await scratch.connect();
  await scratch.query('ANALYZE');
  await scratch.end();
  await explainSnapshot(url.toString(), tokens[0]!);
  console.log(
    `\n一、吞吐：${connections} 个长连接，${seconds} 秒（先预热 3 秒）；频率限制按生产配置（每个访问者地址每分钟 60 次），` +
      '每个访问者地址（X-Forwarded-For，经一层受信代理）打开 3 次',
  );
  await citizensLoad(base, tokens, 3, 50_000_000);
  const backends = (
    await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])
  ).rows.map((r) => r.pid);
  const backendCpu = async () => (await Promise.all(backends.map(cpuSeconds))).reduce((a, b) => a + b, 0);
  const pgBefore = await backendCpu();
  const cpuBefore = await cpuSeconds(platform.pid);
  const self0 = process.cpuUsage();
  const f = await citizensLoad(base, tokens, seconds);
  const serverCpu = (await cpuSeconds(platform.pid)) - cpuBefore;
  const pgCpu = (await backendCpu()) - pgBefore;
  const selfCpu = (process.cpuUsage(self0).user + process.cpuUsage(self0).system) / 1e6;
  printFigures('有效检查码核验', f);
  console.log(
    `  CPU：平台进程 ${(serverCpu / seconds).toFixed(2)} 核，PostgreSQL（平台的 ${backends.length} 个连接）` +
      `${(pgCpu / seconds).toFixed(2)} 核，压测进程 ${(selfCpu / seconds).toFixed(2)} 核；` +
      `每次核验平台 ${((serverCpu / f.requests) * 1e6).toFixed(0)} µs、PostgreSQL ${((pgCpu / f.requests) * 1e6).toFixed(0)} µs；` +
      `应答 ${f.bytes} 字节；结束时负载 ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}`,
  );

  console.log(
    '\n二、防猜测：同一地址的猜测者分 3 轮各发 150 次，每轮间隔 8 秒（其间访问者照常核验，数千个新地址经过）',
  );
  const guessSeconds = 30;
  const [citizens, codeGuesses, queryGuesses] = await Promise.all([
    citizensLoad(base, tokens, guessSeconds, 100_000_000),
    guess(
      () =>
        request(`${base}/api/public/inspection-codes/${randomToken()}`, { headers: { 'x-forwarded-for': GUESSER } }),
      3,
      150,
      8,
    ),
    guess(
      () =>
        request(`${base}/api/public/enterprise/notices`, {
          method: 'POST',
          headers: { 'x-forwarded-for': GUESSER, 'content-type': 'application/json' },
          body: JSON.stringify({ uscc: '91371100MA3C000000', queryCode: randomQueryCode() }),
        }),
      3,
      150,
      8,
    ),
  ]);
  for (const [label, g, limit] of [
    ['猜测检查码（核验接口，每分钟 60 次）', codeGuesses, 60],
    ['猜测查询码（企业查询，每分钟 10 次）', queryGuesses, 10],
  ] as const) {
    console.log(
      `${label}：发出 ${g.sent} 次，得到答复 ${g.answered} 次（各轮 ${g.perBurst.join(' / ')}；${statuses(g.other)}），` +
        `被拒 ${g.refused} 次，收到“${g.refusal}”；一分钟内至多 ${limit} 次 → ${verdict(g.answered <= limit)}`,
    );
  }
  printFigures('同时进行的有效核验', citizens);
  console.log(`  访问者被拒（429）：${citizens.byStatus.get(429) ?? 0} 次`);
} finally {
  agent.destroy();
  await platform?.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
