/**
 * 领导驾驶舱 on PostgreSQL over the reference city: N subjects (default 1,000,000; industries in four sections, four
 * districts, a quarter with an industry risk level), 0.3 N inspection tasks of 2026 (one in five joint with a second
 * department; done before 20 October), 200,000 complaints, 50,000 warnings, a pushed credit run with a class for every
 * subject, a key target in 200 and results submitted and published for the done tasks. Generated with INSERT … SELECT
 * generate_series in a throwaway database; then the dashboard call (all the figures of one page) over all departments
 * and for one department, cold (first call) and warm (median of five), with the process's peak resident memory.
 * Prints the figures; asserts nothing.
 *   npm run bench:dashboard -- [--subjects 100000] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import { sql } from 'kysely';
import { actorOfUser } from '../src/demo/demo-activity';
import { seedDemo } from '../src/demo/demo-seed';
import { dashboard, dashboardQueries } from '../src/work-portal/dashboard.service';
import { openScratchPlatform } from './bench-scratch';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const subjects = Number(arg('subjects') ?? 1_000_000);
const complaints = Number(arg('complaints') ?? Math.round(subjects / 5));
const warnings = Math.round(complaints / 4);
const tasks = Math.round(subjects * 0.3);
const pgServer = arg('pg') ?? process.env['LIANJIAN_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const now = new Date('2026-11-20T10:00:00+08:00');

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} 秒`;
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
async function timed<T>(label: string, f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await f();
  const ms = performance.now() - t0;
  console.log(`${label}：${seconds(ms)}（进程内存峰值 ${peakMb()} MB）`);
  return [result, ms];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { platform, dbName, drop } = await openScratchPlatform(pgServer, 'dashboard', { now: () => new Date(now) });
try {
  const deps = platform.deps;
  await seedDemo(deps, { subjects: 200 });
  const db = deps.db;
  console.log(
    `PostgreSQL（${dbName}）：${subjects.toLocaleString('en-US')} 户，${tasks.toLocaleString('en-US')} 个检查任务，` +
      `${complaints.toLocaleString('en-US')} 件投诉，${warnings.toLocaleString('en-US')} 条预警`,
  );
  const fixtures = (
    await sql<{ departments: number[]; model: number | null; rule: string }>`
      SELECT (SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM departments WHERE kind = '行业主管' ORDER BY id LIMIT 6) d)
               AS departments,
             (SELECT min(id) FROM credit_models) AS model, (SELECT min(code) FROM warning_rules) AS rule`.execute(db)
  ).rows[0]!;
  const names = (
    await db.selectFrom('departments').select('name').where('id', 'in', fixtures.departments).orderBy('id').execute()
  ).map((d) => d.name);
  const depts = sql`${`{${fixtures.departments.join(',')}}`}::bigint[]`;
  const k = fixtures.departments.length;
  await timed('生成监管对象', () =>
    sql`INSERT INTO subjects (uscc, name, name_bigrams, kind, division_code, industry_codes, industry_scope, status,
                              credit_class, industry_risk, key_target, key_target_reason, created_at, updated_at)
        SELECT 'BENCH' || lpad(i::text, 13, '0'), '基准测试企业' || i, '{}', '企业',
               (ARRAY['371102','371103','371121','371122'])[1 + i % 4],
               ARRAY[(ARRAY['C1311','F5211','H6210','E4710'])[1 + i % 4]],
               ARRAY[(ARRAY['C','F','H','E'])[1 + i % 4], (ARRAY['13','52','62','47'])[1 + i % 4]],
               CASE WHEN i % 50 = 7 THEN '注销' ELSE '存续' END, (ARRAY['A','B','B','C'])[1 + i % 4],
               CASE WHEN i % 4 = 1 THEN jsonb_build_object(${names[0]!}::text, (ARRAY['低','一般','较高','高'])[1 + i % 13 % 4])
                    ELSE '{}'::jsonb END,
               i % 200 = 3, CASE WHEN i % 200 = 3 THEN '基准：重点抽查对象' END, now(), now()
          FROM generate_series(1, ${subjects}) AS i`.execute(db),
  );
  const first = Number(
    (await sql<{ id: number }>`SELECT min(id) AS id FROM subjects WHERE uscc LIKE 'BENCH%'`.execute(db)).rows[0]!.id,
  );
  await timed('生成检查任务与任务部门', async () => {
    await sql`INSERT INTO inspection_tasks (task_no, source, subject_id, uscc, window_from, window_to, status, routine,
                                            created_at, updated_at)
              SELECT 'BT' || i, CASE WHEN i % 5 = 0 THEN '合并' WHEN i % 3 = 0 THEN '登记' ELSE '抽取' END,
                     ${first} + (i::bigint * 7919) % ${subjects}, 'BENCH', d, d + 20,
                     CASE WHEN d < '2026-09-20' THEN '已办结' WHEN d < '2026-10-20' THEN '已检查'
                          WHEN i % 2 = 0 THEN '已排期' ELSE '已发布' END, true, now(), now()
                FROM generate_series(1, ${tasks}) AS i, LATERAL (SELECT '2026-01-02'::date + (i % 330) AS d) x`.execute(
      db,
    );
    await sql`UPDATE inspection_tasks t
                 SET item_codes = '{BENCH-ITEM}', item_department_ids = ARRAY[(${depts})[1 + t.subject_id % ${k}]],
                     item_names = '{基准检查事项}'
               WHERE t.task_no LIKE 'BT%' AND t.source <> '合并'`.execute(db);
    await sql`UPDATE inspection_tasks t
                 SET item_codes = '{BENCH-ITEM,BENCH-ITEM2}',
                     item_department_ids = ARRAY[(${depts})[1 + t.subject_id % ${k}], (${depts})[1 + (t.subject_id + 1) % ${k}]],
                     item_names = '{基准检查事项,基准检查事项}'
               WHERE t.task_no LIKE 'BT%' AND t.source = '合并'`.execute(db);
  });
  await timed('生成结果报送与公示', async () => {
    await sql`INSERT INTO inspection_submissions (task_id, department_id, overall, submitted_by, submitted_at, due_on, late)
              SELECT i.task_id, i.department_id, '符合', (SELECT min(id) FROM inspectors), (t.window_from + 6)::timestamp AT TIME ZONE 'Asia/Shanghai',
                     t.window_from + 9, t.id % 17 = 0
                FROM inspection_task_items i JOIN inspection_tasks t ON t.id = i.task_id
               WHERE t.task_no LIKE 'BT%' AND t.status IN ('已检查', '已办结')`.execute(db);
    await sql`INSERT INTO published_results (task_id, task_no, subject_name, uscc, inspected_on, departments, published_at,
                                             published_on, publish_due_on, late)
              SELECT t.id, t.task_no, '基准测试企业', 'BENCH', t.window_from + 5, '[]',
                     (t.window_from + 20)::timestamp AT TIME ZONE 'Asia/Shanghai', t.window_from + 20, t.window_from + 33,
                     t.id % 23 = 0
                FROM inspection_tasks t WHERE t.task_no LIKE 'BT%' AND t.status = '已办结'`.execute(db);
  });
  await timed('生成投诉', () =>
    sql`INSERT INTO complaints (ticket_no, lookup_code_hash, channel, external_ticket, kind, matter_code, subject_id,
                                subject_name, title, content, department_id, status, received_at, replied_at, reply_due,
                                created_at, updated_at)
        SELECT 'BC' || i, 'x', (ARRAY['门户','12345热线','互联网+监管','窗口录入'])[1 + i % 4], 'BC' || i, '投诉',
               (ARRAY['SPAQ','CPZL','JGSF','XFQY'])[1 + i % 4], ${first} + (i::bigint * 15485863) % ${subjects},
               '基准测试企业', '基准', '基准', (${depts})[1 + i % ${k}],
               CASE WHEN i % 5 = 0 THEN '待受理' WHEN i % 5 = 1 THEN '核查中' ELSE '已办结' END, r,
               CASE WHEN i % 5 > 1 THEN r + interval '10 days' END, (r + interval '15 days')::date, r, r
          FROM generate_series(0, ${complaints} - 1) AS i,
               LATERAL (SELECT '2026-11-20 10:00+08'::timestamptz - ((i % 320) || ' days')::interval AS r) x`.execute(
      db,
    ),
  );
  await timed('生成预警、信用评价与重点对象', async () => {
    const run = await sql<{ id: number }>`
      INSERT INTO warning_runs (rule_code, trigger, params, started_at, finished_at, hits, created)
      VALUES (${fixtures.rule}, '手动', '{}', now(), now(), ${warnings}, ${warnings}) RETURNING id`.execute(db);
    await sql`INSERT INTO warnings (warning_no, rule_code, run_id, level, subject_id, department_id, fact_key, facts, status,
                                    raised_on, due_on, closed_at, closed_late, created_at, updated_at)
              SELECT 'YJB-' || i, ${fixtures.rule}, ${run.rows[0]!.id}, (ARRAY['红','橙','黄','蓝'])[1 + i % 4],
                     ${first} + (i::bigint * 104729) % ${subjects}, (${depts})[1 + i % ${k}], 'bench:' || i, '{}',
                     CASE WHEN i % 3 = 0 THEN '待核查' ELSE '已关闭' END, d, d + 10,
                     CASE WHEN i % 3 <> 0 THEN (d + 8)::timestamp AT TIME ZONE 'Asia/Shanghai' END, i % 11 = 0, now(), now()
                FROM generate_series(1, ${warnings}) AS i, LATERAL (SELECT '2026-01-05'::date + (i % 300) AS d) x`.execute(
      db,
    );
    const model =
      fixtures.model ??
      (
        await sql<{ id: number }>`
          INSERT INTO credit_models (version, name, status, definition, note, created_at, updated_at)
          VALUES (1, '基准模型', '已发布', '{}', '', now(), now()) RETURNING id`.execute(db)
      ).rows[0]!.id;
    const credit = await sql<{ id: number }>`
      INSERT INTO credit_runs (run_no, model_id, period, as_of, trigger, status, subject_count, started_at, finished_at,
                               pushed_at)
      VALUES ('XYB-2026Q3', ${model}, '2026Q3', '2026-09-30', '手动', '已推送', ${subjects}, now(), now(), now())
      RETURNING id`.execute(db);
    await sql`INSERT INTO credit_run_results (run_id, subject_id, score, credit_class, previous_class)
              SELECT ${credit.rows[0]!.id}, s.id, 80, s.credit_class, s.credit_class
                FROM subjects s WHERE s.uscc LIKE 'BENCH%'`.execute(db);
    await sql`INSERT INTO key_targets (subject_id, reason_kind, reason, department_id, listed_on, created_at)
              SELECT s.id, '检查发现违法', '基准', (${depts})[1 + s.id % ${k}], '2026-06-01', now()
                FROM subjects s WHERE s.uscc LIKE 'BENCH%' AND s.key_target`.execute(db);
  });
  await timed('统计信息（VACUUM ANALYZE）', () => sql`VACUUM ANALYZE`.execute(db));

  // Each query of the page alone (all departments, the whole year), to see where the time goes.
  const filter = {
    from: '2026-01-01',
    to: '2026-12-31',
    departmentId: null,
    departmentName: null,
    divisionCode: null,
    today: '2026-11-20',
  };
  for (const [label, run] of Object.entries(dashboardQueries(db, filter))) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    console.log(`  查询 ${label}：热中位数 ${seconds(median(times))}`);
  }

  const actor = await actorOfUser(db, 'lianxi');
  const department = fixtures.departments[0]!;
  for (const [label, query] of [
    ['全部部门、全年', { year: 2026 }],
    ['一个部门、全年', { year: 2026, departmentId: department }],
    ['全部部门、一个区划、第三季度', { year: 2026, divisionCode: '371103', from: '2026-07', to: '2026-09' }],
  ] as const) {
    const [view, cold] = await timed(`驾驶舱（${label}）首次`, () => dashboard(deps, actor, query));
    const warm: number[] = [];
    for (let i = 0; i < 5; i += 1) warm.push((await timed(`  第 ${i + 2} 次`, () => dashboard(deps, actor, query)))[1]);
    console.log(
      `驾驶舱（${label}）：首次 ${seconds(cold)}，热中位数 ${seconds(median(warm))}；` +
        `对象 ${view.summary.subjects.toLocaleString('en-US')}，任务 ${view.summary.tasks.toLocaleString('en-US')}，` +
        `投诉 ${view.summary.complaints.toLocaleString('en-US')}`,
    );
  }
  console.log(`进程内存峰值 ${peakMb()} MB`);
} catch (error) {
  console.error('基准测试失败：', error);
  process.exitCode = 1;
} finally {
  // --keep leaves the database for EXPLAIN (drop it by hand afterwards).
  if (process.argv.includes('--keep')) await platform.close();
  else await drop();
}
