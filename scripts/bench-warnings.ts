/**
 * All warning rules (风险预警) on PostgreSQL over the reference city: N subjects (default 1,000,000; 1 in 50 of
 * credit class D, 1 in 200 key targets), a year of inspections (0.3 N tasks with their departments, check-ins and two
 * results each, 1 in 20 with 不符合 and half of those transferred to a case), N/10 licences (about half past their end
 * date) and 200,000 complaints over the year. Generated with INSERT … SELECT generate_series in a throwaway database;
 * then each rule's query alone, and each rule's whole run (query, dedupe, numbering, insert, notifications, audit),
 * as the 立即运行 button does. Prints each time and the process's peak resident memory; asserts nothing.
 *   npm run bench:warnings -- [--subjects 100000] [--complaints 200000] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import { sql } from 'kysely';
import { actorOfUser } from '../src/demo/demo-activity';
import { seedDemo } from '../src/demo/demo-seed';
import { openScratchPlatform } from './bench-scratch';
import { findHits, runRuleNow } from '../src/warnings/warning-run.service';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const subjects = Number(arg('subjects') ?? 1_000_000);
const complaints = Number(arg('complaints') ?? 200_000);
const tasks = Math.round(subjects * 0.3);
const licences = Math.round(subjects / 10);
const pgServer = arg('pg') ?? process.env['LIANJIAN_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const now = new Date('2026-11-20T10:00:00+08:00');

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} 秒`;
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
async function timed<T>(label: string, f: () => Promise<T>): Promise<[T, number]> {
  const t0 = Date.now();
  const result = await f();
  const ms = Date.now() - t0;
  console.log(`${label}：${seconds(ms)}（进程内存峰值 ${peakMb()} MB）`);
  return [result, ms];
}

const { platform, dbName, drop } = await openScratchPlatform(pgServer, 'warnings', { now: () => new Date(now) });
try {
  const deps = platform.deps;
  await seedDemo(deps, { subjects: 200 });
  const db = deps.db;
  console.log(
    `PostgreSQL（${dbName}）：${subjects.toLocaleString('en-US')} 户，${tasks.toLocaleString('en-US')} 个检查任务，` +
      `${licences.toLocaleString('en-US')} 条许可，${complaints.toLocaleString('en-US')} 件投诉`,
  );
  await timed('生成监管对象', () =>
    sql`INSERT INTO subjects (uscc, name, name_bigrams, kind, division_code, industry_codes, industry_scope, status,
                              credit_class, key_target, key_target_reason, created_at, updated_at)
        SELECT 'BENCH' || lpad(i::text, 13, '0'), '基准测试企业' || i, '{}', '企业',
               (ARRAY['371102','371103','371121','371122'])[1 + i % 4],
               ARRAY[(ARRAY['C1311','F5211','H6210','E4710'])[1 + i % 4]],
               ARRAY[(ARRAY['C','F','H','E'])[1 + i % 4]],
               CASE WHEN i % 50 = 7 THEN '注销' ELSE '存续' END,
               CASE WHEN i % 50 = 0 THEN 'D' ELSE (ARRAY['A','B','B','C'])[1 + i % 4] END,
               i % 200 = 3, CASE WHEN i % 200 = 3 THEN '基准：重点抽查对象' END, now(), now()
          FROM generate_series(1, ${subjects}) AS i`.execute(db),
  );
  const first = Number(
    (await sql<{ id: number }>`SELECT min(id) AS id FROM subjects WHERE uscc LIKE 'BENCH%'`.execute(db)).rows[0]!.id,
  );
  const fixtures = (
    await sql<{ departments: number[]; checks: number[]; inspector: number }>`
      SELECT (SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM departments WHERE kind = '行业主管' ORDER BY id LIMIT 6) d)
               AS departments,
             (SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM check_items ORDER BY id LIMIT 2) c) AS checks,
             (SELECT min(id) FROM inspectors) AS inspector`.execute(db)
  ).rows[0]!;
  const depts = sql`${`{${fixtures.departments.join(',')}}`}::bigint[]`;
  const k = fixtures.departments.length;
  // Task i: a subject spread over the register (one task in a hundred on a small group, three each: above the cap,
  // and often by one department), a window somewhere in 2026 (done before 20 October, else published), routine two
  // times in three. A subject's tasks are all of one department.
  await timed('生成检查任务', () =>
    sql`INSERT INTO inspection_tasks (task_no, source, subject_id, uscc, window_from, window_to, status, routine,
                                      created_at, updated_at)
        SELECT 'BT' || i, CASE WHEN i % 3 = 0 AND i % 100 <> 0 THEN '登记' ELSE '抽取' END,
               ${first} + CASE WHEN i % 100 = 0 THEN (i / 100) % (${subjects} / 1000) ELSE (i::bigint * 7919) % ${subjects} END,
               'BENCH', d, d + 20, CASE WHEN d < '2026-10-20' THEN '已办结' ELSE '已发布' END, i % 3 <> 0 OR i % 100 = 0,
               now(), now()
          FROM generate_series(1, ${tasks}) AS i, LATERAL (SELECT '2026-01-02'::date + (i % 330) AS d) x`.execute(db),
  );
  await timed('生成任务部门、签到与检查结果', async () => {
    await sql`UPDATE inspection_tasks t
                 SET item_codes = '{BENCH-ITEM}', item_department_ids = ARRAY[(${depts})[1 + t.subject_id % ${k}]],
                     item_names = '{基准检查事项}'
               WHERE t.task_no LIKE 'BT%'`.execute(db);
    await sql`INSERT INTO inspection_visits (task_id, visit_on, checked_in_at, checked_in_on, updated_at)
              SELECT t.id, t.window_from + 5, now(), t.window_from + 5, now()
                FROM inspection_tasks t WHERE t.task_no LIKE 'BT%' AND t.status = '已办结'`.execute(db);
    await sql`INSERT INTO inspection_results (task_id, check_item_id, department_id, item_code, result, notes,
                                              recorded_by, recorded_at, late)
              SELECT t.id, c.check_id, (${depts})[1 + t.subject_id % ${k}], 'BENCH-ITEM',
                     CASE WHEN t.id % 20 = 0 AND c.n = 1 THEN '不符合' ELSE '符合' END, '', ${fixtures.inspector}, now(), false
                FROM inspection_tasks t
                CROSS JOIN LATERAL unnest(${`{${fixtures.checks.join(',')}}`}::bigint[]) WITH ORDINALITY AS c (check_id, n)
               WHERE t.task_no LIKE 'BT%' AND t.status = '已办结'`.execute(db);
    await sql`INSERT INTO case_transfers (transfer_no, task_id, department_id, check_item_id, target_unit, external_kind,
                                          reason, result, result_notes, photo_ids, status, transferred_by,
                                          transferred_by_name, transferred_at)
              SELECT 'YSBT-' || t.id, t.id, (${depts})[1 + t.subject_id % ${k}], ${fixtures.checks[0]!}, '执法支队', '其他',
                     '基准', '不符合', '', '{}', '待受理', 1, '基准', now()
                FROM inspection_tasks t WHERE t.task_no LIKE 'BT%' AND t.status = '已办结' AND t.id % 40 = 0`.execute(
      db,
    );
  });
  await timed('生成许可', () =>
    sql`INSERT INTO licence_records (sender_department_id, sender_record_id, channel, payload_digest, received_at,
                                     updated_at, counterpart_category, counterpart_name, uscc, decided_on, authority_name,
                                     authority_uscc, source_unit_name, source_unit_uscc, status, department_id,
                                     decision_doc_name, decision_doc_no, category, certificate_name, content, valid_from,
                                     valid_to)
        SELECT (${depts})[1 + i % ${k}], 'BL' || i, '接口', 'x', now(), now(), '法人及非法人组织', '基准测试企业',
               'BENCH' || lpad((1 + (i::bigint * 104729) % ${subjects})::text, 13, '0'), v - 1825, '基准', 'X', '基准', 'X',
               '有效', (${depts})[1 + i % ${k}], '许可决定书', 'BL' || i, '普通', '经营许可证', '基准', v - 1825, v
          FROM generate_series(1, ${licences}) AS i, LATERAL (SELECT '2026-11-20'::date + (i % 800 - 400) AS v) x`.execute(
      db,
    ),
  );
  await timed('生成投诉', () =>
    sql`INSERT INTO complaints (ticket_no, lookup_code_hash, channel, external_ticket, kind, matter_code, subject_id,
                                subject_name, title, content, department_id, status, received_at, created_at, updated_at)
        SELECT 'BC' || i, 'x', '12345热线', 'BC' || i, '投诉',
               CASE WHEN s % 10 = 0 THEN 'SPAQ' ELSE (ARRAY['SPAQ','CPZL','JGSF','XFQY'])[1 + i % 4] END,
               ${first} + s, '基准测试企业', '基准', '基准', (${depts})[1 + s % ${k}], '待受理', r, r, r
          FROM generate_series(0, ${complaints} - 1) AS i,
               LATERAL (SELECT (i::bigint * 15485863) % (${subjects} / 20) AS s) y,
               LATERAL (SELECT '2026-11-20 10:00+08'::timestamptz
                                 - (((s * 7) % 300 + (i / (${subjects} / 20)) * 3) || ' days')::interval AS r) x`.execute(
      db,
    ),
  );
  await timed('统计信息（ANALYZE）', () => sql`ANALYZE`.execute(db));

  const lianxi = await actorOfUser(db, 'lianxi');
  const rules = await db.selectFrom('warning_rules').selectAll().orderBy('sort').execute();
  let queryTotal = 0;
  let runTotal = 0;
  for (const rule of rules) {
    const [hits, q] = await timed(`规则“${rule.name}”查询`, () => findHits(db, rule, '2026-11-20'));
    const [out, r] = await timed(`规则“${rule.name}”运行（查询、去重、编号、写入、通知、审计）`, () =>
      runRuleNow(deps, lianxi, rule.code),
    );
    console.log(`  命中 ${hits.length.toLocaleString('en-US')} 个，新增预警 ${out.created.toLocaleString('en-US')} 条`);
    queryTotal += q;
    runTotal += r;
  }
  console.log(`合计：查询 ${seconds(queryTotal)}，运行 ${seconds(runTotal)}；进程内存峰值 ${peakMb()} MB`);
} catch (error) {
  console.error('基准测试失败：', error);
  process.exitCode = 1;
} finally {
  await drop();
}
