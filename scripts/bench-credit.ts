/**
 * One credit evaluation run (公共信用综合评价) on PostgreSQL over a synthetic register: N subjects (default 1,000,000)
 * and 3 N credit records of every kind and severity, dated over the last four years, spread unevenly over the
 * subjects (many have none). Generated with INSERT … SELECT generate_series in a throwaway database, then the real
 * service: fix the inputs, score batch by batch, base results set-based, digests and movements; then 复核 (verifyRun)
 * and 推送 (classes to the register). Prints each phase's time and the process's peak resident memory; asserts nothing.
 *   npm run bench:credit -- [--subjects 100000] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import { sql } from 'kysely';
import { actorOfUser } from '../src/demo/demo-activity';
import { seedDemo } from '../src/demo/demo-seed';
import { openScratchPlatform } from './bench-scratch';
import { auditSubjectOf } from '../src/audit/audit.service';
import { pushCreditRun } from '../src/credit-evaluation/credit-push.service';
import { type RunTimings, runEvaluation } from '../src/credit-evaluation/credit-run.service';
import { verifyRun } from '../src/credit-evaluation/credit-verify.service';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const subjects = Number(arg('subjects') ?? 1_000_000);
const records = Number(arg('records') ?? subjects * 3);
const pgServer = arg('pg') ?? process.env['LIANJIAN_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const asOf = '2026-09-30';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await f();
  console.log(`${label}：${seconds(Date.now() - t0)}（进程内存峰值 ${peakMb()} MB）`);
  return result;
}

const { platform, dbName, drop } = await openScratchPlatform(pgServer, 'credit');
try {
  const deps = platform.deps;
  await seedDemo(deps, { subjects: 200 });
  const db = deps.db;
  console.log(
    `PostgreSQL（${dbName}）：${subjects.toLocaleString('en-US')} 户监管对象，${records.toLocaleString('en-US')} 条信用记录`,
  );
  await timed('生成监管对象', () =>
    sql`INSERT INTO subjects (uscc, name, name_bigrams, kind, division_code, industry_codes, industry_scope, status,
                              credit_class, created_at, updated_at)
        SELECT 'BENCH' || lpad(i::text, 13, '0'), '基准测试企业' || i, '{}', '企业',
               (ARRAY['371102','371103','371121','371122'])[1 + i % 4],
               ARRAY[(ARRAY['C1311','F5211','H6210','E4710'])[1 + i % 4]],
               ARRAY[(ARRAY['C','F','H','E'])[1 + i % 4]],
               CASE WHEN i % 50 = 0 THEN '注销' ELSE '存续' END,
               (ARRAY['A','B','B','B','C','D'])[1 + i % 6], now(), now()
          FROM generate_series(1, ${subjects}) AS i`.execute(db),
  );
  const first = Number(
    (await sql<{ id: number }>`SELECT min(id) AS id FROM subjects WHERE uscc LIKE 'BENCH%'`.execute(db)).rows[0]!.id,
  );
  await timed('生成信用记录', () =>
    sql`INSERT INTO credit_records (record_no, uscc, subject_id, subject_name, kind, severity, source, source_ref, channel,
                                    department_name, title, occurred_on, counts_from, counts_until, status,
                                    payload_digest, created_at, updated_at)
        SELECT 'B' || i, s.uscc, s.id, s.name,
               (ARRAY['行政处罚','许可撤销吊销','检查发现问题','违反告知承诺','经营异常名录','严重违法失信名单','年报未报',
                      '投诉举报属实','表彰奖励','检查发现问题','行政处罚','投诉举报属实'])[1 + (i % 12) + CASE WHEN i % 12 = 5 AND i % 13 <> 0 THEN 1 ELSE 0 END],
               (ARRAY['轻微','一般','较重','严重'])[1 + i % 4], '外部报送', 'bench:' || i, '批量',
               '市市场监督管理局', '基准测试信用记录' || i,
               ${asOf}::date - ((i::bigint * 7919) % 1460)::int, ${asOf}::date - ((i::bigint * 7919) % 1460)::int,
               CASE WHEN i % 17 = 0 THEN ${asOf}::date - 1 ELSE NULL END,
               CASE WHEN i % 23 = 0 THEN '已修复' ELSE '有效' END, 'x', now(), now()
          FROM generate_series(1, ${records}) AS i
          JOIN subjects s ON s.id = ${first} + ((i::bigint * 48271 + (i::bigint * i) % 7) % ${subjects})`.execute(db),
  );
  await timed('ANALYZE', () => sql`ANALYZE`.execute(db));

  const credit = await actorOfUser(db, 'fgw_xy');
  const timings: RunTimings = { snapshotMs: 0, scoringMs: 0, baseMs: 0, finishMs: 0 };
  const t0 = Date.now();
  const run = await runEvaluation(deps, auditSubjectOf(credit), { period: '2026Q3', asOf, trigger: '手动' }, timings);
  console.log(
    `信用评价运行 ${run.run_no}：共 ${seconds(Date.now() - t0)}；${run.subject_count} 户，计入信用记录 ${run.record_count} 条，上升 ${run.upgraded}，下降 ${run.downgraded}`,
  );
  console.log(`  固定输入（计入的信用记录快照与版本）：${seconds(timings.snapshotMs)}`);
  console.log(`  逐批评分并写入结果：${seconds(timings.scoringMs)}`);
  console.log(`  无记录对象基础分（INSERT … SELECT）：${seconds(timings.baseMs)}`);
  console.log(`  摘要与变动统计：${seconds(timings.finishMs)}`);
  console.log(`  进程内存峰值：${peakMb()} MB`);
  const check = await timed('复核（按保存的输入重新计算）', () => verifyRun(deps, run.id));
  console.log(
    `  复核结果：${check.identical ? '一致' : '不一致'}，核对 ${check.subjectsChecked} 户，差异 ${check.mismatches}`,
  );
  await timed('推送（分类写入名录库）', () => pushCreditRun(deps, credit, run.id));
  const classes = await sql<{ credit_class: string; n: number }>`
    SELECT credit_class, count(*)::int AS n FROM credit_run_results WHERE run_id = ${run.id} GROUP BY 1 ORDER BY 1`.execute(
    db,
  );
  console.log(`分类分布：${classes.rows.map((r) => `${r.credit_class} ${r.n}`).join('，')}`);
  console.log(`进程内存峰值（全程）：${peakMb()} MB`);
} catch (error) {
  console.error('基准测试失败：', error);
  process.exitCode = 1;
} finally {
  await drop();
}
