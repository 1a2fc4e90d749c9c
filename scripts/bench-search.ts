/**
 * Search latency of the subject register at scale: loads N demo subjects (default 1,000,000) into a
 * fresh database (PostgreSQL from --pg URL, else PGlite in a temp dir) and times the list queries a
 * user runs, through the same repository code as the API. Prints figures; asserts nothing.
 *   npx tsx scripts/bench-search.ts [--rows 1000000] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { demoSubjects } from '../src/demo/demo-subjects';
import { ensureIndustries } from '../src/industries/industry-catalog';
import { searchSubjects } from '../src/subjects/subject.repository';
import { subjectListQuery } from '../src/subjects/subject.schemas';
import { subjectValues, validateSubject } from '../src/subjects/subject.service';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('rows') ?? 1_000_000);
const pgServer = arg('pg');

async function freshDatabase() {
  if (pgServer) {
    const name = `lianjian_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgServer });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    const url = new URL(pgServer);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
    return {
      handle,
      drop: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: pgServer });
        await c.connect();
        await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-bench-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
  return {
    handle,
    drop: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const { handle, drop } = await freshDatabase();
const db = handle.db;
await migrateToLatest(db);
await ensureIndustries(db);
const now = new Date();
let started = performance.now();
let batch: Parameters<typeof subjectValues>[] = [];
let loaded = 0;
for (const input of demoSubjects(rows)) {
  batch.push([input, validateSubject(input), now]);
  if (batch.length === 2000 || loaded + batch.length === rows) {
    await db
      .insertInto('subjects')
      .values(batch.map((b) => ({ ...subjectValues(...b), key_target: false, created_at: now })))
      .execute();
    loaded += batch.length;
    batch = [];
    if (loaded % 100_000 === 0) process.stderr.write(`已载入 ${loaded} 行\n`);
  }
}
const loadSeconds = (performance.now() - started) / 1000;
await sql`ANALYZE subjects`.execute(db);

const sample = await db
  .selectFrom('subjects')
  .select(['uscc', 'name'])
  .where('id', '=', Math.floor(rows / 2))
  .executeTakeFirstOrThrow();
const queries: [string, Record<string, string>][] = [
  ['精确代码', { q: sample.uscc }],
  ['名称 2 字', { q: '恒信' }],
  ['名称 3 字', { q: '恒信鑫' }],
  ['名称 6 字', { q: sample.name.slice(2, 8) }],
  ['行业大类 62', { industry: '62' }],
  ['门类 C + 信用 D', { industry: 'C', creditClass: 'D' }],
  ['区县 + 类型', { division: '371121', kind: '企业' }],
  ['无条件第 1 页', {}],
  ['无条件第 500 页', { page: '500' }],
  ['代码有疑问', { flagged: 'true' }],
];
console.log(`\n监管对象名录库检索基准：${rows} 行，${handle.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`);
console.log(
  `载入（批量 INSERT，2000 行一批，含校验）：${loadSeconds.toFixed(1)} 秒，${Math.round(rows / loadSeconds)} 行/秒`,
);
console.log('查询\t中位数 ms\tp95 ms\t结果总数');
for (const [label, params] of queries) {
  const query = subjectListQuery.parse({ pageSize: '20', ...params });
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 15; i += 1) {
    started = performance.now();
    const page = await searchSubjects(db, query);
    times.push(performance.now() - started);
    total = page.total;
  }
  times.sort((a, b) => a - b);
  console.log(`${label}\t${times[7]!.toFixed(1)}\t${times[13]!.toFixed(1)}\t${total === 10_000 ? '10000+' : total}`);
}
console.log(`峰值常驻内存（本进程）：${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
await drop();
