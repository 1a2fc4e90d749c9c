/**
 * Import throughput of the subject register: writes N demo subjects (default 100,000) to a CSV with
 * the import template's headers, imports it through the same service as the API and the CLI
 * (valid-only, then again to time an idempotent re-import), and times a raw COPY of the same rows
 * into a copy of the table with the same indexes. On PGlite (temp directory) and on PostgreSQL
 * (a fresh database on --pg, default 127.0.0.1:5432, skipped when unreachable). Prints figures; asserts nothing.
 *   npx tsx scripts/bench-import.ts [--rows 1000000] [--pg postgres://postgres@127.0.0.1:5432/postgres] [--only pglite|postgres]
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../src/config';
import { type Db, openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { Database } from '../src/db/schema';
import { demoSubjects } from '../src/demo/demo-subjects';
import { ensureIndustries } from '../src/industries/industry-catalog';
import { pairsText } from '../src/imports/cell-parsers';
import { describeFile } from '../src/imports/import-file';
import { subjectImport } from '../src/imports/specs/subject.import';
import { importFileNow } from '../src/imports/import.service';
import { csvLine } from '../src/imports/table-writer';
import { systemClock } from '../src/shared/context';
import { subjectValues, validateSubject } from '../src/subjects/subject.service';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('rows') ?? 100_000);
const pgServer = arg('pg') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const only = arg('only');
const dir = mkdtempSync(join(tmpdir(), 'lianjian-bench-import-'));
const csvPath = join(dir, 'subjects.csv');
const copyPath = join(dir, 'subjects.copy.csv');
const yesNo = (b: boolean) => (b ? '是' : '否');

const copyColumns = [
  'uscc',
  'uscc_problem',
  'uscc_kept',
  'legacy_reg_no',
  'name',
  'name_bigrams',
  'kind',
  'legal_representative',
  'division_code',
  'registered_address',
  'business_address',
  'business_scope',
  'industry_codes',
  'industry_scope',
  'registration_date',
  'status',
  'credit_class',
  'industry_risk',
  'whitelisted',
  'key_target',
  'key_target_reason',
  'created_at',
  'updated_at',
] as const;
const copyCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = Array.isArray(v)
    ? `{${v.map((x) => `"${String(x).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'boolean'
        ? v
          ? 't'
          : 'f'
        : String(v);
  return `"${text.replaceAll('"', '""')}"`;
};

/** The import file (template headers) and the same rows as stored, in COPY's CSV format. */
async function writeFiles(): Promise<void> {
  const csv = createWriteStream(csvPath);
  const copy = createWriteStream(copyPath);
  const now = new Date();
  csv.write(`\uFEFF${csvLine(subjectImport.columns.map((c) => c.header))}`);
  let csvChunk = '';
  let copyChunk = '';
  let n = 0;
  for (const s of demoSubjects(rows)) {
    csvChunk += csvLine([
      s.uscc,
      s.name,
      s.kind,
      s.divisionCode,
      s.legalRepresentative,
      s.registeredAddress,
      s.businessAddress,
      s.businessScope,
      s.industryCodes.join(','),
      s.registrationDate,
      s.status,
      s.creditClass,
      pairsText(s.industryRisk),
      yesNo(s.whitelisted),
      yesNo(s.keyTarget),
      s.keyTargetReason,
      s.legacyRegNo,
      yesNo(s.keepFlaggedUscc),
    ]);
    const v: Record<string, unknown> = { ...subjectValues(s, validateSubject(s), now), created_at: now };
    copyChunk += `${copyColumns.map((c) => copyCell(v[c])).join(',')}\n`;
    if (++n % 5000 === 0) {
      if (!csv.write(csvChunk)) await once(csv, 'drain');
      if (!copy.write(copyChunk)) await once(copy, 'drain');
      csvChunk = copyChunk = '';
    }
  }
  csv.end(csvChunk);
  copy.end(copyChunk);
  await Promise.all([once(csv, 'finish'), once(copy, 'finish')]);
}

interface Engine {
  name: string;
  db: Db;
  config: ReturnType<typeof loadConfig>;
  copy(): Promise<void>;
  close(): Promise<void>;
}

async function pgliteEngine(): Promise<Engine> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const dataDir = join(dir, 'pglite');
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ ...createPgConfig(pglite), max: 1 }) }),
  });
  return {
    name: 'PGlite',
    db,
    config: { ...loadConfig({}), database: { kind: 'pglite', dataDir } },
    copy: async () => {
      await pglite.query(`COPY subjects_copy (${copyColumns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([readFileSync(copyPath)]),
      });
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function postgresEngine(): Promise<Engine | null> {
  const admin = new pg.Client({ connectionString: pgServer });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL 不可用（${pgServer}），跳过`);
    return null;
  }
  const name = `lianjian_bench_import_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(pgServer);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    name: 'PostgreSQL',
    db: handle.db,
    config: loadConfig({ DATABASE_URL: url.toString() }),
    copy: async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await pipeline(
        createReadStream(copyPath),
        client.query(copyFrom(`COPY subjects_copy (${copyColumns.join(',')}) FROM STDIN WITH (FORMAT csv)`)),
      );
      await client.end();
    },
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: pgServer });
      await c.connect();
      await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Runs `work`, sampling this process's resident memory every 50 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const result = await work();
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}

const who = { userId: null, name: '导入基准测试', departmentId: null, ip: null };
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');

async function bench(engine: Engine): Promise<void> {
  await migrateToLatest(engine.db);
  await ensureIndustries(engine.db);
  await sql`CREATE TABLE subjects_copy (LIKE subjects INCLUDING ALL)`.execute(engine.db);
  const deps = { db: engine.db, config: engine.config, clock: systemClock };
  const file = await describeFile(csvPath);
  let lastLine = 0;
  const progress = (p: { processedRows: number }) => {
    if (Date.now() - lastLine > 5000) {
      lastLine = Date.now();
      process.stderr.write(`  ${engine.name}：已处理 ${p.processedRows} 行\n`);
    }
  };
  const first = await measured(() => importFileNow(deps, who, 'subjects', file, 'valid-only', progress));
  const again = await measured(() => importFileNow(deps, who, 'subjects', file, 'valid-only', progress));
  const copy = await measured(() => engine.copy());
  const copied = Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM subjects_copy`.execute(engine.db)).rows[0]!.n,
  );
  const j1 = first.result;
  const j2 = again.result;
  console.log(`\n== ${engine.name}，${rows.toLocaleString('en-US')} 行 ==`);
  console.log(
    `导入（新增 ${j1.inserted}，拒绝 ${j1.rejected}）：${first.seconds.toFixed(1)} 秒，每秒 ${rate(j1.processedRows, first.seconds)} 行，进程内存峰值 ${first.peakMb} MB`,
  );
  console.log(
    `重复导入（未变 ${j2.unchanged}，更新 ${j2.updated}）：${again.seconds.toFixed(1)} 秒，每秒 ${rate(j2.processedRows, again.seconds)} 行，进程内存峰值 ${again.peakMb} MB`,
  );
  console.log(
    `原始 COPY（${copied} 行，同样的索引）：${copy.seconds.toFixed(1)} 秒，每秒 ${rate(copied, copy.seconds)} 行，进程内存峰值 ${copy.peakMb} MB`,
  );
  console.log(`导入耗时 / COPY 耗时 = ${(first.seconds / copy.seconds).toFixed(1)} 倍`);
}

const generated = await measured(writeFiles);
console.log(`生成 ${rows.toLocaleString('en-US')} 行 CSV：${generated.seconds.toFixed(1)} 秒（${csvPath}）`);
try {
  for (const make of [only === 'postgres' ? null : pgliteEngine, only === 'pglite' ? null : postgresEngine]) {
    if (!make) continue;
    const engine = await make();
    if (!engine) continue;
    try {
      await bench(engine);
    } finally {
      await engine.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
