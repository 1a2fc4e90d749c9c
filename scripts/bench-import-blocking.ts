/**
 * Does a long import stop the platform? On PGlite (one connection) a 200,000-row subject file (default) is
 * imported as a dry run and then for real (全部正确才导入), through the same service as the API, while
 * GET /api/health (one database round trip) is fired every 100 ms on the same process. Prints, per run, how
 * long the import took and the worst and p99 wait of those requests, counted from when each was due. Asserts nothing.
 *   npx tsx scripts/bench-import-blocking.ts [--rows 200000]
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { demoSubjects } from '../src/demo/demo-subjects';
import { buildApp } from '../src/http/app';
import { pairsText } from '../src/imports/cell-parsers';
import { describeFile } from '../src/imports/import-file';
import type { ImportMode } from '../src/imports/import-job.table';
import { importFileNow } from '../src/imports/import.service';
import { subjectImport } from '../src/imports/specs/subject.import';
import { csvLine } from '../src/imports/table-writer';
import { openPlatform } from '../src/platform';

const i = process.argv.indexOf('--rows');
const rows = i > 0 ? Number(process.argv[i + 1]) : 200_000;
const dir = mkdtempSync(join(tmpdir(), 'lianjian-bench-blocking-'));
const csvPath = join(dir, 'subjects.csv');
const yesNo = (b: boolean) => (b ? '是' : '否');

async function writeCsv(): Promise<void> {
  const out = createWriteStream(csvPath);
  out.write(`\uFEFF${csvLine(subjectImport.columns.map((c) => c.header))}`);
  let chunk = '';
  let n = 0;
  for (const s of demoSubjects(rows)) {
    chunk += csvLine([
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
    if (++n % 5000 === 0) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

await writeCsv();
const platform = await openPlatform(
  loadConfig({
    LIANJIAN_DATA_DIR: join(dir, 'data'),
    LIANJIAN_NOTIFY_INTERVAL_SECONDS: '0',
    LIANJIAN_LOG_LEVEL: 'silent',
  }),
);
const app = await buildApp(platform.deps, { logger: false, serveWeb: false });
await app.ready();
const file = await describeFile(csvPath);
console.log(
  `PGlite，${rows.toLocaleString('en')} 行监管对象（${(file.size / 1e6).toFixed(1)} MB CSV），导入期间每 100 ms 一次 GET /api/health`,
);

async function probeDuring(mode: ImportMode): Promise<void> {
  const waits: number[] = [];
  const probes: Promise<void>[] = [];
  // A request is due every 100 ms from the start; its wait counts from when it was due, so time the
  // process could not even send it (PGlite runs its queries on this thread) is counted too.
  const began = performance.now();
  let due = began;
  const fire = () => {
    for (; due <= performance.now(); due += 100) {
      const dueAt = due;
      probes.push(
        app.inject({ method: 'GET', url: '/api/health' }).then((res) => {
          if (res.statusCode !== 200) throw new Error(`健康检查返回 ${res.statusCode}`);
          waits.push(performance.now() - dueAt);
        }),
      );
    }
  };
  const timer = setInterval(fire, 20);
  const started = performance.now();
  const job = await importFileNow(
    platform.deps,
    { userId: null, name: '基准测试', departmentId: null, ip: null },
    'subjects',
    file,
    mode,
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  await Promise.all(probes);
  const sorted = waits.sort((a, b) => a - b);
  console.log(
    `${mode.padEnd(14)} 用时 ${seconds.toFixed(1)} s（${job.status}，新增 ${job.inserted}）  请求 ${sorted.length} 次：` +
      `最长等待 ${sorted.at(-1)!.toFixed(0)} ms，p99 ${percentile(sorted, 0.99).toFixed(0)} ms，p50 ${percentile(sorted, 0.5).toFixed(0)} ms，` +
      `超过 1 s 的 ${sorted.filter((w) => w > 1000).length} 次`,
  );
}

try {
  await probeDuring('dry-run');
  await probeDuring('all-or-nothing');
} finally {
  await app.close();
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
}
