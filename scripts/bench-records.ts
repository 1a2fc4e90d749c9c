/**
 * Throughput of the records intake on PostgreSQL: N registration events and N penalty decisions (default 100,000
 * each) received through the batch path (the import engine with a generated CSV, as a department user imports it)
 * and through the API (HTTP to an in-process server, batches of 1,000, a bearer token). Every record goes through
 * the receiving service: validation, digest, version, audit entry, hooks, and for registrations the subject register.
 * Creates and drops its own database. Prints rows per second and the process's peak resident memory; asserts nothing.
 *   npm run bench:records -- [--rows 10000] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { actorOfUser } from '../src/demo/demo-activity';
import { demoIdCard, seedDemo } from '../src/demo/demo-seed';
import { buildApp } from '../src/http/app';
import { describeFile } from '../src/imports/import-file';
import { importKindOf } from '../src/imports/import-kinds';
import { createJob, executeJob } from '../src/imports/import.service';
import { csvLine } from '../src/imports/table-writer';
import { auditSubjectOf } from '../src/audit/audit.service';
import { issueToken } from '../src/auth/token.service';
import { openPlatform } from '../src/platform';
import { enterpriseUscc, organUscc } from '../src/shared/uscc';
import type { Actor } from '../src/auth/actor';
import type { AppDeps } from '../src/shared/context';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('rows') ?? 100_000);
const pgServer = arg('pg') ?? process.env['LIANJIAN_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dir = mkdtempSync(join(tmpdir(), 'lianjian-bench-records-'));
const BATCH = 1000;
const SCJG = { name: '日照市市场监督管理局', uscc: organUscc('371100', 700_002) };

const registration = (prefix: string, n: number) => ({
  senderRecordId: `${prefix}-DJ-${n}`,
  event: '设立',
  uscc: enterpriseUscc('371102', (prefix === 'API' ? 50_000_000 : 10_000_000) + n),
  name: `日照基准测试${prefix}${n}餐饮管理有限公司`,
  subjectKind: '企业',
  legalRepresentative: '王测试',
  businessScope: '餐饮服务；食品销售；技术服务',
  industryCodes: ['6210'],
  divisionCode: '371102',
  address: `日照市东港区测试路 ${n} 号`,
  registeredOn: '2026-11-02',
  registrationAuthority: '日照市行政审批服务局',
  priorApproval: false,
});
const penalty = (prefix: string, n: number) => {
  const natural = n % 10 === 0;
  return {
    senderRecordId: `${prefix}-CF-${n}`,
    counterpartCategory: natural ? '自然人' : '法人及非法人组织',
    counterpartName: natural ? '张某某' : `日照基准测试${prefix}${n}商贸有限公司`,
    uscc: natural ? null : enterpriseUscc('371103', (prefix === 'API' ? 60_000_000 : 20_000_000) + n),
    legalRepresentative: natural ? '' : '赵测试',
    idNumber: natural ? demoIdCard('371102', n) : null,
    decisionDocNo: `日市监罚〔2026〕${prefix}${n}号`,
    violationType: '经营超过保质期的食品',
    violationFacts: '当事人经营超过保质期的预包装食品 9 件',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    categories: ['警告', '罚款'],
    content: '警告，罚款 0.5 万元',
    fineAmount: '0.5',
    decidedOn: '2026-11-10',
    publicityUntil: '2027-11-09',
    authorityName: SCJG.name,
    authorityUscc: SCJG.uscc,
    sourceUnitName: SCJG.name,
    sourceUnitUscc: SCJG.uscc,
    status: '有效',
  };
};

/** The record as a CSV row under the import kind's Chinese headers. */
async function writeCsv(kindName: string, make: (n: number) => Record<string, unknown>): Promise<string> {
  const kind = importKindOf(kindName)!;
  const path = join(dir, `${kindName}.csv`);
  const out = createWriteStream(path);
  out.write(`\uFEFF${csvLine(kind.columns.map((c) => c.header))}`);
  let chunk = '';
  for (let n = 1; n <= rows; n += 1) {
    const r = make(n);
    chunk += csvLine(
      kind.columns.map((c) => {
        const v = r[c.field];
        return v === null || v === undefined
          ? null
          : Array.isArray(v)
            ? v.join(',')
            : typeof v === 'boolean'
              ? v
                ? '是'
                : '否'
              : String(v);
      }),
    );
    if (n % 5000 === 0) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return path;
}

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, peakMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');

async function viaImport(deps: AppDeps, actor: Actor, kindName: string, path: string) {
  const kind = importKindOf(kindName)!;
  const file = await describeFile(path);
  const jobId = await createJob(deps, kind, file, 'valid-only', actor.userId);
  await executeJob(deps, kind, jobId, file, 'valid-only', actor, auditSubjectOf(actor));
  const job = await deps.db
    .selectFrom('import_jobs')
    .select(['status', 'inserted', 'updated', 'unchanged', 'rejected', 'error'])
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
  if (job.status !== 'done') throw new Error(`导入失败：${job.error}`);
  return job;
}

async function viaApi(url: string, token: string, path: string, make: (n: number) => Record<string, unknown>) {
  const totals = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (let from = 1; from <= rows; from += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, rows - from + 1) }, (_, i) => make(from + i));
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    const body = (await res.json()) as typeof totals;
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += body[k];
  }
  return totals;
}

const admin = new pg.Client({ connectionString: pgServer });
await admin.connect();
const dbName = `lianjian_bench_records_${Date.now()}`;
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
const platform = await openPlatform(config);
try {
  const deps = platform.deps;
  await seedDemo(deps, { subjects: 200 });
  const licensing = await actorOfUser(deps.db, 'spj_xk');
  const staff = await actorOfUser(deps.db, 'scjg_admin');
  const platformAdmin = await actorOfUser(deps.db, 'admin');
  console.log(`PostgreSQL（${dbName}），每种 ${rows.toLocaleString('en-US')} 条`);
  const regCsv = await writeCsv('business-registrations', (n) => registration('CSV', n));
  const penCsv = await writeCsv('penalty-records', (n) => penalty('CSV', n));

  const report = (label: string, m: { seconds: number; peakMb: number }, detail: string) =>
    console.log(
      `${label}：${m.seconds.toFixed(1)} 秒，每秒 ${rate(rows, m.seconds)} 条，进程内存峰值 ${m.peakMb} MB（${detail}）`,
    );
  const reg = await measured(() => viaImport(deps, licensing, 'business-registrations', regCsv));
  report('批量导入 登记注册信息', reg, `新增 ${reg.result.inserted}，拒绝 ${reg.result.rejected}`);
  const regAgain = await measured(() => viaImport(deps, licensing, 'business-registrations', regCsv));
  report('重复导入 登记注册信息', regAgain, `未变 ${regAgain.result.unchanged}`);
  const pen = await measured(() => viaImport(deps, staff, 'penalty-records', penCsv));
  report('批量导入 行政处罚信息', pen, `新增 ${pen.result.inserted}，拒绝 ${pen.result.rejected}`);

  const app = await buildApp(deps, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const regToken = (
      await issueToken(deps, platformAdmin, { userId: licensing.userId, name: '基准测试：登记系统', expiresAt: null })
    ).token;
    const penToken = (
      await issueToken(deps, platformAdmin, { userId: staff.userId, name: '基准测试：执法系统', expiresAt: null })
    ).token;
    const apiReg = await measured(() =>
      viaApi(address, regToken, '/api/records/registrations', (n) => registration('API', n)),
    );
    report('接口报送 登记注册信息', apiReg, `新增 ${apiReg.result.created}，拒收 ${apiReg.result.refused}`);
    const apiRegAgain = await measured(() =>
      viaApi(address, regToken, '/api/records/registrations', (n) => registration('API', n)),
    );
    report('接口重复报送 登记注册信息', apiRegAgain, `未变 ${apiRegAgain.result.unchanged}`);
    const apiPen = await measured(() => viaApi(address, penToken, '/api/records/penalties', (n) => penalty('API', n)));
    report('接口报送 行政处罚信息', apiPen, `新增 ${apiPen.result.created}，拒收 ${apiPen.result.refused}`);
  } finally {
    await app.close();
  }
} finally {
  await platform.close();
  const c = new pg.Client({ connectionString: pgServer });
  await c.connect();
  await c.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await c.end();
  rmSync(dir, { recursive: true, force: true });
}
