/**
 * `npm run bench:draw` — the draw engine on a reference city, measured.
 *
 * 1. Engine on a synthetic city (default 1,000,000 subjects, 40 departments, 300 sampling items,
 *    5,000 inspectors, fixed size per item and class): phases frames → commitment → numbers →
 *    selection → merge → assignment → snapshot and record as stored (draw-snapshot.ts), peak
 *    memory, distinct visits against Σ max π and against independent per-item draws.
 * 2. On PostgreSQL (127.0.0.1:5432 or DATABASE_URL): the subjects in a scratch database, the frame
 *    columns loaded back with SELECT, and the usual approach — every item and class drawn with
 *    ORDER BY random() LIMIT n, merged afterwards — timed with and without an (industry, class) index.
 * 3. The full round through the platform's services on PostgreSQL (bench-draw-service.ts):
 *    commit and draw with persisted tasks, as the joint-meeting office runs them (--skip-service).
 *    --keep-round-db keeps the loaded city as the database lianjian_bench_city and writes the round's settings to
 *    bench-draw-round.json, for working on the round: `createdb -T lianjian_bench_city x` and run bench-draw-round.ts.
 * 4. The engine alone on --big subjects (default 10,000,000; 0 skips): frames, numbers and selection, in a process
 *    of its own.
 * 5. Each figure against its goal (issue 19; docs/scale.md). Figures only; nothing here is asserted.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { packRecord, packSnapshot } from '../src/draw/draw-snapshot';
import { sealDraw } from '../src/draw/engine/bundle';
import { buildCommitment } from '../src/draw/engine/commitment';
import { buildFrames } from '../src/draw/engine/frame';
import { PPM } from '../src/draw/engine/inclusion';
import { hexDigest } from '../src/draw/engine/prn';
import { subjectNumbers } from '../src/draw/engine/subject-numbers';
import { selectMembers } from '../src/draw/engine/selection';
import type { FrameParams, RoundParams } from '../src/draw/engine/types';
import { syntheticCity } from '../src/draw/synthetic-city';
import { subjectAt } from '../src/draw/engine/register-columns';
import { serviceRound } from './bench-draw-service';
import { frameRootInThreads } from '../src/draw/engine/merkle-threads';
import { CURRENT_TREE_ARITY } from '../src/draw/engine/algorithm';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const N = arg('subjects', 1_000_000);
const BIG = arg('big', 10_000_000);
const params: FrameParams = {
  riskMultipliers: { 低: 0.5, 一般: 1, 较高: 1.5, 高: 2 },
  unclassifiedAs: 'B',
  routineVisitCap: 2,
};
const round: RoundParams = {
  year: 2026,
  roundIndex: 1,
  roundsInYear: 1,
  window: { from: '2026-04-01', to: '2026-06-30' },
  hash: 'sha256',
};
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const sampler = setInterval(sample, 20);
const mb = (b: number) => `${Math.round(b / 1e6)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(label: string, work: () => T | Promise<T>, out: Record<string, number>): Promise<T> {
  const t0 = performance.now();
  const value = await work();
  out[label] = performance.now() - t0;
  return value;
}

async function engine() {
  console.log(
    `\n== 引擎：${N.toLocaleString()} 户，40 个部门，300 个抽查事项，5,000 名执法人员（按事项×信用分类定额）==`,
  );
  const t: Record<string, number> = {};
  const city = await timed(
    '生成城市',
    () => syntheticCity({ subjects: N, departments: 40, items: 300, inspectors: 5000 }),
    t,
  );
  const before = process.memoryUsage().rss;
  const frames = await timed('对象框架', () => buildFrames(city.registers, params), t);
  const leaves = frames.items.reduce((a, i) => a + i.members.length, 0);
  // As the platform commits: the Merkle root in worker threads (src/draw/engine/merkle-threads.ts).
  const commitment = await timed(
    '承诺（默克尔根）',
    async () =>
      buildCommitment(
        round,
        frames,
        city.inspectors,
        { kind: 'lottery', description: '基准测试', sources: 3 },
        '2026-03-20T00:00:00.000Z',
        undefined,
        await frameRootInThreads(round.hash, frames, CURRENT_TREE_ARITY),
      ),
    t,
  );
  const sealed = await timed(
    '抽取（含人员分配）',
    () =>
      sealDraw(
        {
          recordNo: 'BENCH',
          redraw: null,
          commitment,
          reveal: { kind: 'lottery', keyString: '9319./2.5.8.10.12./9.18.26.34.41.45./' },
          frames,
          inspectors: city.inspectors,
          departmentNames: city.departmentNames,
        },
        null,
      ),
    t,
  );
  if ('problem' in sealed) throw new Error(sealed.problem);
  const snapshot = await timed(
    '冻结快照（二进制+gzip）',
    async () =>
      await packSnapshot({ frames, inspectors: city.inspectors, departmentNames: city.departmentNames, itemNames: {} }),
    t,
  );
  const stored = await timed('封存记录（gzip）', async () => await packRecord(sealed, {}), t);
  sample();
  const m = sealed.result.measures;
  // Independent draws: each item with its own numbers, counted in the same run.
  const independent = await timed(
    '独立抽取对照',
    () => {
      const visited = new Uint8Array(frames.usccs.length);
      const u = new Float64Array(frames.usccs.length);
      frames.items.forEach((item) => {
        // Numbers of its own for each item, computed for its members only.
        const own = subjectNumbers(
          'sha256',
          hexDigest('sha256', `independent-${item.code}`),
          Array.from(item.members, (m) => frames.usccs[m]!),
          1,
          1,
        );
        item.members.forEach((m, k) => (u[m] = own[k]!));
        for (const mIdx of selectMembers(item, u)) visited[mIdx] = 1;
      });
      return visited.reduce((a, v) => a + v, 0);
    },
    t,
  );
  console.log(`框架：${frames.usccs.length.toLocaleString()} 户，${leaves.toLocaleString()} 个（主体,事项）叶子`);
  console.log('阶段耗时：');
  for (const [k, v] of Object.entries(t)) console.log(`  ${k.padEnd(14, '　')} ${s(v)}`);
  console.log(
    '  其中抽取各阶段：' +
      Object.entries(m.timingsMs)
        .map(([k, v]) => `${k} ${s(v)}`)
        .join('，'),
  );
  const selection = (m.timingsMs['numbers'] ?? 0) + (m.timingsMs['selection'] ?? 0);
  console.log(
    `选择（随机数+抽取）${s(selection)}；引擎一轮（框架+承诺+快照+抽取+封存）${s(t['对象框架']! + t['承诺（默克尔根）']! + t['冻结快照（二进制+gzip）']! + t['抽取（含人员分配）']! + t['封存记录（gzip）']!)}`,
  );
  console.log(
    `内存：生成城市后 ${mb(before)}，峰值 RSS ${mb(peak)}；快照 ${mb(snapshot.length)}，记录 ${mb(stored.length)}`,
  );
  console.log(
    `入户：协同 ${m.distinctVisits.toLocaleString()} 户；下界 Σmaxπ ${Math.round(m.lowerBound).toLocaleString()}（比值 ${(m.distinctVisits / m.lowerBound).toFixed(3)}）；独立抽取期望 ${Math.round(m.independentExpected).toLocaleString()}，本次独立抽取实测 ${independent.toLocaleString()}（${(independent / m.distinctVisits).toFixed(2)} 倍）`,
  );
  console.log(
    `任务 ${m.tasks.toLocaleString()} 个，未配齐人员 ${m.unstaffed}；人员负荷 最少 ${m.inspectorLoad.min} / 中位 ${m.inspectorLoad.median} / 最多 ${m.inspectorLoad.max}`,
  );
  return { city, frames, selectionMs: selection };
}

async function usual(
  city: Awaited<ReturnType<typeof engine>>['city'],
  frames: Awaited<ReturnType<typeof engine>>['frames'],
) {
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    console.log('\n（PostgreSQL 不可达，跳过数据库对照）');
    return;
  }
  const name = `lianjian_bench_draw_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: target.toString(), max: 1 });
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
  try {
    console.log(`\n== PostgreSQL：同一城市，常规做法（每个事项×信用分类 ORDER BY random() LIMIT n，事后合并）==`);
    await sql`CREATE UNLOGGED TABLE bench_subjects (id bigint, uscc text, industry text, credit_class text)`.execute(
      db,
    );
    const client = await pool.connect();
    const { register } = city.registers;
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < register.count; i += 1) {
            const r = subjectAt(register, i);
            for (const code of r.industryCodes) yield `${r.id}\t${r.uscc}\t${code}\t${r.creditClass}\n`;
          }
        })(),
      ),
      client.query(copyFrom('COPY bench_subjects FROM STDIN')),
    );
    client.release();
    await sql`ANALYZE bench_subjects`.execute(db);
    let t0 = performance.now();
    const loaded = await sql<{ id: string }>`SELECT id, uscc, industry, credit_class FROM bench_subjects`.execute(db);
    console.log(`载入框架列（SELECT ${loaded.rows.length.toLocaleString()} 行）${s(performance.now() - t0)}`);
    const runUsual = async (label: string) => {
      const visited = new Set<string>();
      const start = performance.now();
      for (const item of frames.items) {
        const codes = city.registers.items.find((i) => i.code === item.code)!.scope.industries;
        for (const [h, cls] of ['A', 'B', 'C', 'D'].entries()) {
          let size = 0;
          let piSum = 0;
          item.stratum.forEach((st, k) => {
            if (st === h) {
              size += 1;
              piSum += item.piPpm[k]!;
            }
          });
          const n = Math.min(size, Math.round(piSum / PPM));
          if (n === 0) continue;
          const picked = await sql<{
            id: string;
          }>`SELECT DISTINCT ON (id) id FROM (SELECT id FROM bench_subjects WHERE industry = ANY(${codes}) AND credit_class = ${cls} ORDER BY random() LIMIT ${n}) x`.execute(
            db,
          );
          for (const r of picked.rows) visited.add(String(r.id));
        }
      }
      console.log(`常规做法（${label}）：${s(performance.now() - start)}，入户 ${visited.size.toLocaleString()} 户`);
      return performance.now() - start;
    };
    await sql`CREATE INDEX bench_subjects_industry_class ON bench_subjects (industry, credit_class)`.execute(db);
    await sql`ANALYZE bench_subjects`.execute(db);
    const indexed = await runUsual('有 (行业, 分类) 索引');
    if (!process.argv.includes('--skip-unindexed')) {
      await sql`DROP INDEX bench_subjects_industry_class`.execute(db);
      t0 = performance.now();
      await runUsual('无索引');
    }
    return indexed;
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

interface BigFigures {
  subjects: number;
  picked: number;
  phases: Record<string, number>;
  peakRss: number;
  /** RSS once the synthetic city (the engine's input, as objects) was generated. */
  cityRss: number;
}

/** The engine alone on BIG subjects, in a process of its own (`--only-big`): its peak memory is its own. */
async function big(): Promise<BigFigures> {
  peak = 0;
  const city = syntheticCity({ subjects: BIG, departments: 40, items: 300, inspectors: 0 });
  const afterCity = process.memoryUsage().rss;
  const t: Record<string, number> = {};
  const frames = await timed('对象框架', () => buildFrames(city.registers, params), t);
  const u = await timed('随机数', () => subjectNumbers('sha256', 'ab'.repeat(32), frames.usccs, 1, 1), t);
  const picked = await timed('抽取', () => frames.items.reduce((a, item) => a + selectMembers(item, u).length, 0), t);
  sample();
  console.error(`（合成城市占用 ${mb(afterCity)}）`);
  // The kernel's high-water mark for this process (a timer cannot sample during synchronous work).
  return {
    subjects: BIG,
    picked,
    phases: t,
    peakRss: Math.max(peak, process.resourceUsage().maxRSS * 1024),
    cityRss: afterCity,
  };
}

function bigInChild(): BigFigures | null {
  if (BIG <= 0) return null;
  console.log(`\n== 引擎单独：${BIG.toLocaleString()} 户（对象框架、随机数与抽取，300 个事项；独立进程）==`);
  const child = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=16384',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--only-big',
      '--big',
      String(BIG),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) {
    console.log(`（${BIG.toLocaleString()} 户引擎测量失败，退出码 ${child.status}）`);
    return null;
  }
  const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as BigFigures;
  console.log(
    `抽中 ${figures.picked.toLocaleString()} 项次；` +
      Object.entries(figures.phases)
        .map(([k, v]) => `${k} ${s(v)}`)
        .join('，') +
      `；峰值 RSS ${mb(figures.peakRss)}（含合成城市）`,
  );
  return figures;
}

const reference = (what: string) => (what.includes('引擎') ? BIG === 10_000_000 : N === 1_000_000);

/** Each figure against the goal of issue 19 (docs/scale.md). */
function summary(rows: [string, string, string, boolean | null][]) {
  console.log('\n== 对照目标 ==');
  if (N !== 1_000_000 || BIG !== 10_000_000)
    console.log('（目标针对参考城市 1,000,000 户与 10,000,000 户；其他规模只列出数字，不作判断）');
  for (const [what, measured, goal, met] of rows)
    console.log(
      `${met === null || !reference(what) ? '－　' : met ? '达到' : '未达'}　${what}：${measured}（目标 ${goal}）`,
    );
}

if (process.argv.includes('--only-big')) {
  const figures = await big();
  clearInterval(sampler);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

const { city, frames, selectionMs } = await engine();
const usualMs = await usual(city, frames);
if (usualMs)
  console.log(
    `\n选择阶段对比：协同引擎 ${s(selectionMs)}，常规做法（有索引）${s(usualMs)}，快 ${(usualMs / selectionMs).toFixed(1)} 倍`,
  );
const roundFigures = process.argv.includes('--skip-service')
  ? null
  : await serviceRound(
      city,
      process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      process.argv.includes('--keep-round-db') ? 'bench-draw-round.json' : undefined,
    );
const bigFigures = bigInChild();
clearInterval(sampler);
const roundMs = roundFigures ? roundFigures.commitMs + roundFigures.drawMs : null;
const bigMs = bigFigures ? Object.values(bigFigures.phases).reduce((a, v) => a + v, 0) : null;
summary([
  [`选择（${N.toLocaleString()} 户，随机数+抽取）`, s(selectionMs), '≤ 0.70 s', selectionMs <= 700],
  [
    '选择比常规做法快',
    usualMs ? `${(usualMs / selectionMs).toFixed(1)} 倍` : '未测',
    '≥ 12 倍',
    usualMs ? usualMs / selectionMs >= 12 : null,
  ],
  [
    '完整一轮（承诺+抽取+写入任务，PostgreSQL）',
    roundMs === null ? '未测' : s(roundMs),
    '≤ 5 s',
    roundMs === null ? null : roundMs <= 5000,
  ],
  [
    '完整一轮峰值内存（独立进程）',
    roundFigures ? mb(roundFigures.peakRss) : '未测',
    '≤ 1 GB',
    roundFigures ? roundFigures.peakRss <= 1e9 : null,
  ],
  [
    `引擎 ${BIG.toLocaleString()} 户（框架+随机数+抽取）`,
    bigMs === null ? '未测' : s(bigMs),
    '≤ 60 s',
    bigMs === null ? null : bigMs <= 60_000,
  ],
  [
    `引擎 ${BIG.toLocaleString()} 户峰值内存（含作为输入的合成城市 ${bigFigures ? mb(bigFigures.cityRss) : '－'}）`,
    bigFigures ? mb(bigFigures.peakRss) : '未测',
    '≤ 4 GB',
    bigFigures ? bigFigures.peakRss <= 4e9 : null,
  ],
]);
