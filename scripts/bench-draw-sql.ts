/**
 * `npm run bench:draw-sql` — the draw next to the data, measured (docs/scale.md).
 *
 * A synthetic city (--subjects, default 1,000,000; 40 departments, 300 items, fixed size per item and class) is
 * framed by the engine, then loaded with COPY into a scratch PostgreSQL database (DATABASE_URL or 127.0.0.1:5432)
 * as frame tables partitioned by division (LIST, one partition per division). Timed: the load, the permanent random
 * numbers in SQL (read back, and stored per partition on two connections side by side), the SQL selection for the
 * fixed-size design and for the Poisson design (the same frames), and the engine's numbers and selection on the same
 * frames; each SQL result is compared with the engine's (一致/不一致). Prints abbreviated EXPLAIN (ANALYZE, BUFFERS)
 * plans for the docs (--no-explain skips them; --numbers-only measures u alone, without items). Figures only; nothing is asserted. The scratch database is dropped.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildFrames } from '../src/draw/engine/frame';
import { subjectNumbers } from '../src/draw/engine/subject-numbers';
import { selectMembers } from '../src/draw/engine/selection';
import type { Design, FrameParams, Frames } from '../src/draw/engine/types';
import { createFrameTables, frameTable } from '../src/draw/sql-frame.repository';
import { selectionQuery } from '../src/draw/sql-selection.repository';
import {
  selectInSql,
  storeNumbers,
  subjectNumbersSql,
  type NumberSource,
  type SqlDrawRound,
} from '../src/draw/sql-selection';
import { syntheticCity } from '../src/draw/synthetic-city';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const N = arg('subjects', 1_000_000);
const explain = !process.argv.includes('--no-explain');
const numbersOnly = process.argv.includes('--numbers-only');
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const params: FrameParams = {
  riskMultipliers: { 低: 0.5, 一般: 1, 较高: 1.5, 高: 2 },
  unclassifiedAs: 'B',
  routineVisitCap: 2,
};
const round: SqlDrawRound = {
  hash: 'sha256',
  seed: '5f2c7e0d9b8a61f4c3e2d1b0a99887766554433221100ffeeddccbbaa0123456',
  roundIndex: 2,
  roundsInYear: 2,
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await work();
  console.log(`${label.padEnd(34)} ${s(performance.now() - t0)}`);
  return value;
}

/** Rows as tab-separated text in chunks of about a megabyte, generated while COPY consumes them. */
function* chunks(rows: () => Generator<string>): Generator<string> {
  let buffer = '';
  for (const row of rows()) {
    buffer += row;
    if (buffer.length > 1 << 20) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

async function copyInto(pool: pg.Pool, table: string, columns: string, rows: () => Generator<string>) {
  const client = await pool.connect();
  try {
    await pipeline(Readable.from(chunks(rows)), client.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
  } finally {
    client.release();
  }
}

const same = (a: { code: string; usccs: string[] }[], b: { code: string; usccs: string[] }[]) =>
  a.length === b.length &&
  a.every(
    (x, j) =>
      x.code === b[j]!.code && x.usccs.length === b[j]!.usccs.length && x.usccs.every((u, k) => u === b[j]!.usccs[k]),
  );
const verdict = (ok: boolean) => (ok ? '一致' : '不一致');

async function printPlan(db: Kysely<unknown>, source: NumberSource, design: Design) {
  const label = source === 'stored' ? '已存随机数' : '语句内计算随机数';
  if (!explain) return;
  const compiled = selectionQuery(source).compile(db);
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>({
    ...compiled,
    sql: `explain (analyze, buffers, costs off, timing off) ${compiled.sql}`,
  });
  const lines = rows.map((r) => r['QUERY PLAN']);
  // One line per run of partition scans, e.g. "Parallel Seq Scan on draw_frame_members_*（12 个分区）".
  const kept: string[] = [];
  let run = 0;
  for (const line of lines.filter((l) => /->|Execution Time|Workers Launched|Sort Method/.test(l))) {
    const scan = /^(.*Scan on draw_frame_[a-z]+)_\d+/.exec(line);
    if (scan && kept.at(-1)?.startsWith(scan[1]!)) {
      run += 1;
      kept[kept.length - 1] = `${scan[1]}_*（${run} 个分区）`;
    } else {
      run = 1;
      kept.push(line);
    }
  }
  console.log(
    `\n-- 查询计划（${label}，${design === 'fixed' ? '定额' : '泊松'}，节选 ${kept.length}/${lines.length} 行）--`,
  );
  for (const line of kept) console.log(line);
}

/** The engine's frames of the synthetic city, with each framed subject's division. */
async function framed() {
  const city = await timed('生成城市', () =>
    syntheticCity({ subjects: N, departments: 40, items: 300, inspectors: 10 }),
  );
  const frames: Frames = await timed('对象框架（引擎）', () => buildFrames(city.registers, params));
  const { register } = city.registers;
  const divisions = [...register.divisions].sort();
  // The synthetic city's subject id is its position + 1.
  const divisionIndex = Uint8Array.from(frames.subjectIds, (id) =>
    divisions.indexOf(register.divisions[register.division[id - 1]!]!),
  );
  return { frames, divisions, divisionIndex };
}

/** --numbers-only: the synthetic city's credit codes in 12 divisions and no items, for u alone at large sizes. */
function subjectsOnly() {
  const divisions = Array.from({ length: 12 }, (_, k) => `3711${String(k + 1).padStart(2, '0')}`);
  const usccs = Array.from({ length: N }, (_, i) => `9137${String(i).padStart(13, '0')}X`);
  const frames: Frames = { usccs, subjectIds: [], items: [], excluded: [] };
  return { frames, divisions, divisionIndex: Uint8Array.from(usccs, (_, i) => i % 12) };
}

async function main() {
  const what = numbersOnly ? '只算随机数' : '40 个部门，300 个抽查事项';
  console.log(`== 数据库内抽取：${N.toLocaleString()} 户，${what}，按行政区划分区 ==`);
  const { frames, divisions, divisionIndex } = numbersOnly ? subjectsOnly() : await framed();
  const rows = frames.items.reduce((a, i) => a + i.members.length, 0);
  console.log(
    `框架：${frames.usccs.length.toLocaleString()} 户，${rows.toLocaleString()} 个（事项, 主体）成员，${divisions.length} 个分区`,
  );

  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const dbName = `lianjian_bench_drawsql_${process.pid}_${Date.now()}`;
  await admin.query(`create database ${dbName} template template0 encoding 'UTF8'`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const options =
    '-c work_mem=1GB -c max_parallel_workers_per_gather=2 -c enable_partitionwise_join=on -c enable_partitionwise_aggregate=on';
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2, options });
  // Dropping the scratch database WITH (FORCE) ends any connection still open; that is expected, not an error.
  pool.on('error', () => undefined);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await createFrameTables(db, { kind: 'partitioned', divisions });
    await timed('载入（COPY 事项、主体、成员）', async () => {
      const design = frames.items.map((i) => `${i.code}\t${i.design}\n`);
      await copyInto(pool, frameTable.items, 'item_code, design', function* () {
        yield* design;
      });
      await Promise.all([
        copyInto(pool, frameTable.subjects, 'uscc, division_code', function* () {
          for (let p = 0; p < frames.usccs.length; p += 1)
            yield `${frames.usccs[p]}\t${divisions[divisionIndex[p]!]}\n`;
        }),
        copyInto(pool, frameTable.members, 'item_code, uscc, division_code, pi_ppm, stratum', function* () {
          for (const item of frames.items)
            for (let k = 0; k < item.members.length; k += 1) {
              const m = item.members[k]!;
              yield `${item.code}\t${frames.usccs[m]}\t${divisions[divisionIndex[m]!]}\t${item.piPpm[k]}\t${item.stratum[k]}\n`;
            }
        }),
      ]);
      await sql`analyze`.execute(db);
    });

    const u = await timed('引擎：随机数', () =>
      subjectNumbers('sha256', round.seed, frames.usccs, round.roundIndex, round.roundsInYear),
    );
    const engineSelection = (design: Design) =>
      frames.items.map((item) => ({
        code: item.code,
        usccs: selectMembers({ ...item, design }, u).map((m) => frames.usccs[m]!),
      }));
    const fixed = await timed('引擎：抽取（定额）', () => engineSelection('fixed'));
    const poisson = await timed('引擎：抽取（泊松）', () => engineSelection('poisson'));

    const numbers = await timed('SQL：随机数（读回客户端）', () => subjectNumbersSql(db, round));
    const bitsOf = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
    const numbersOk =
      numbers.usccs.length === frames.usccs.length &&
      numbers.usccs.every((x, p) => x === frames.usccs[p]) &&
      bitsOf(numbers.numbers).equals(bitsOf(u));
    console.log(`  随机数与引擎逐位比较：${verdict(numbersOk)}`);
    await timed('SQL：随机数存表（整表一条语句）', () => storeNumbers(db, round));
    await sql`truncate ${sql.table(frameTable.numbers)}`.execute(db);
    await timed(`SQL：随机数存表（${divisions.length} 个分区，2 个连接并行）`, async () => {
      let next = 0;
      const worker = async () => {
        while (next < divisions.length) await storeNumbers(db, round, next++);
      };
      await Promise.all([worker(), worker()]);
    });
    await sql`analyze ${sql.table(frameTable.numbers)}`.execute(db);
    if (numbersOnly) return;

    const fixedSql = await timed('SQL：抽取（定额，语句内计算随机数）', () => selectInSql(db, round));
    console.log(
      `  与引擎逐项逐户比较：${verdict(same(fixedSql, fixed))}（${fixedSql.reduce((a, x) => a + x.usccs.length, 0).toLocaleString()} 个抽中）`,
    );
    const fixedStored = await timed('SQL：抽取（定额，已存随机数）', () => selectInSql(db, 'stored'));
    console.log(`  与引擎逐项逐户比较：${verdict(same(fixedStored, fixed))}`);
    await printPlan(db, round, 'fixed');
    await printPlan(db, 'stored', 'fixed');

    await sql`update ${sql.table(frameTable.items)} set design = 'poisson'`.execute(db);
    const poissonSql = await timed('SQL：抽取（泊松，语句内计算随机数）', () => selectInSql(db, round));
    console.log(
      `  与引擎逐项逐户比较：${verdict(same(poissonSql, poisson))}（${poissonSql.reduce((a, x) => a + x.usccs.length, 0).toLocaleString()} 个抽中）`,
    );
    const poissonStored = await timed('SQL：抽取（泊松，已存随机数）', () => selectInSql(db, 'stored'));
    console.log(`  与引擎逐项逐户比较：${verdict(same(poissonStored, poisson))}`);
    await printPlan(db, 'stored', 'poisson');
    const { rows: size } = await sql<{ size: string }>`select pg_size_pretty(sum(pg_total_relation_size(c.oid))) as size
        from pg_class c where c.relname like 'draw_frame_%' and c.relkind = 'r'`.execute(db);
    console.log(
      `\n框架表占用 ${size[0]!.size}；本进程峰值内存 ${Math.round(peak / 1e6)} MB（机器 2 核，与其他任务共用，计时有波动）`,
    );
  } finally {
    await db.destroy();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    clearInterval(sampler);
  }
}

await main();
