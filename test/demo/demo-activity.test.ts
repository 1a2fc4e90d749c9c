import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit-verify.service';
import { loadConfig } from '../../src/config';
import { actorOfUser, type DemoActivitySummary, seedDemoActivity } from '../../src/demo/demo-activity';
import { seedDemo } from '../../src/demo/demo-seed';
import { evaluationSummary } from '../../src/evaluations/evaluation.service';
import { openPlatform, type Platform } from '../../src/platform';
import { deadlineOverview, listPublicResults } from '../../src/results/result.service';
import { listAnnouncements } from '../../src/draw/task-announcement.service';
import { chinaDate } from '../../src/shared/china-date';
import { dashboard } from '../../src/work-portal/dashboard.service';
import { myTodos } from '../../src/work-portal/todos.service';

// Its own embedded database (never the run's shared test database): the demo activity fills a whole city.
// The clock stands in May, so the round's window (Jan 10 – a month after today) still has future dates.
const clock = { now: () => new Date('2026-05-20T10:00:00+08:00') };
let platform: Platform;
let summary: DemoActivitySummary;

beforeAll(async () => {
  platform = await openPlatform(
    loadConfig({ LIANJIAN_DATA_DIR: 'memory://', LIANJIAN_NOTIFY_INTERVAL_SECONDS: '0' }),
    clock,
  );
  expect(await seedDemo(platform.deps, { subjects: 2000 })).toBe(true);
  summary = await seedDemoActivity(platform.deps);
}, 300_000);

afterAll(async () => {
  await platform?.close();
});

describe('demo activity after a fresh demo seed', () => {
  it('receives the demo registrations, licences and penalties through the receiving service', async () => {
    const db = platform.deps.db;
    const count = async (table: 'business_registrations' | 'licence_records' | 'penalty_records') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('business_registrations')).toBeGreaterThan(40);
    expect(await count('licence_records')).toBeGreaterThan(15);
    expect(await count('penalty_records')).toBeGreaterThan(15);
    const channels = await db.selectFrom('business_registrations').select('channel').distinct().execute();
    expect(channels.map((c) => c.channel).sort()).toEqual(['在线', '批量', '接口'].sort());
    const revoked = await db
      .selectFrom('licence_records')
      .select(['status', 'version'])
      .where('status', '=', '已撤销')
      .execute();
    expect(revoked).toEqual([{ status: '已撤销', version: 2 }]);
    const natural = await db
      .selectFrom('penalty_records')
      .select(['id_number_masked', 'id_number_cipher'])
      .where('counterpart_category', '=', '自然人')
      .execute();
    expect(natural.length).toBeGreaterThan(2);
    expect(natural.every((p) => /^\d{6}\*{8}\d{3}[\dX]$/.test(p.id_number_masked ?? ''))).toBe(true);
    const linked = await db.selectFrom('penalty_records').select('task_id').where('task_id', 'is not', null).execute();
    expect(linked).toHaveLength(1);
    // 设立 put the new businesses in the register.
    const registered = await db
      .selectFrom('business_registrations as r')
      .innerJoin('subjects as s', 's.id', 'r.subject_id')
      .select('s.uscc')
      .where('r.event', '=', '设立')
      .execute();
    expect(registered.length).toBeGreaterThan(40);
  });

  it('carries tasks of one announced round through every stage', async () => {
    expect(summary.tasks).toBeGreaterThan(10);
    const statuses = await platform.deps.db
      .selectFrom('inspection_tasks')
      .select('status')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', '抽取')
      .groupBy('status')
      .execute();
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    for (const s of ['已发布', '已排期', '已办结'])
      expect(byStatus[s] ?? 0, `${s}：${JSON.stringify(byStatus)}`).toBeGreaterThan(0);
    expect((byStatus['已检查'] ?? 0) + (byStatus['检查中'] ?? 0)).toBeGreaterThan(0);
    expect(summary.inspected).toBeGreaterThanOrEqual(summary.published);
    expect(summary.published).toBe(byStatus['已办结']);
    const announcements = await listAnnouncements(platform.deps, { page: 1, pageSize: 20 });
    expect(announcements.items.map((a) => a.title).join()).toContain('2026 年第一批跨部门联合抽查');
  });

  it('dates stay in the past and inside the window; some results found problems; some visits are off-site', async () => {
    const visits = await platform.deps.db
      .selectFrom('inspection_visits')
      .select(['visit_on', 'checked_in_on'])
      .execute();
    const checked = visits.filter((v) => v.checked_in_on);
    expect(checked.length).toBeGreaterThan(0);
    for (const v of checked) expect(v.checked_in_on! >= '2026-01-10' && v.checked_in_on! < '2026-05-20').toBe(true);
    // Scheduled-only tasks have visits still to come.
    expect(visits.some((v) => !v.checked_in_on && v.visit_on > '2026-05-20')).toBe(true);
    const problems = await platform.deps.db
      .selectFrom('inspection_results')
      .select('notes')
      .where('result', '=', '不符合')
      .execute();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.notes.length > 0)).toBe(true);
    expect(
      (await platform.deps.db.selectFrom('offsite_inspections').select('task_id').execute()).length,
    ).toBeGreaterThan(0);
  });

  it('results are published, evaluated, and the deadline and evaluation overviews have data', async () => {
    const results = await listPublicResults(platform.deps, { page: 1, pageSize: 20 });
    expect(results.total).toBeGreaterThan(0);
    expect(summary.evaluations).toBeGreaterThan(0);
    const lianxi = await actorOfUser(platform.deps.db, 'lianxi');
    const overview = await deadlineOverview(platform.deps, lianxi);
    expect(
      overview.departments.reduce((s, d) => s + d.counts.awaitingApproval + d.publishedLate.length, 0),
    ).toBeGreaterThan(0);
    expect(overview.departments.some((d) => d.publishedLate.length > 0)).toBe(true);
    const evaluations = await evaluationSummary(platform.deps, lianxi, { from: '2026-01-01', to: '2026-05-20' });
    expect(evaluations.totals.count).toBe(summary.evaluations);
    expect(evaluations.totals.averageSatisfaction!).toBeGreaterThan(3.5);
    // The demo's low ratings come with a complaint: the summary counts exactly the stored ones, and there are some.
    const complaints = await platform.deps.db
      .selectFrom('inspection_evaluations')
      .select('id')
      .where('complaint', '=', true)
      .execute();
    expect(complaints.length).toBeGreaterThan(0);
    expect(evaluations.totals.complaints).toBe(complaints.length);
  });

  it('a registration overlapping a round task became a joint task (合并) carried to a published result; the draw task is merged into it', async () => {
    const db = platform.deps.db;
    const { mergedTaskNo, absorbedTaskNo } = summary.lifecycle;
    expect(mergedTaskNo).toMatch(/^HB2026-\d{5}$/);
    const joint = await db
      .selectFrom('inspection_tasks')
      .select(['id', 'source', 'status'])
      .where('task_no', '=', mergedTaskNo!)
      .executeTakeFirstOrThrow();
    expect(joint).toMatchObject({ source: '合并', status: '已办结' });
    const absorbed = await db
      .selectFrom('inspection_tasks')
      .select(['source', 'status', 'merged_into_task_id'])
      .where('task_no', '=', absorbedTaskNo!)
      .executeTakeFirstOrThrow();
    expect(absorbed).toEqual({ source: '抽取', status: '已合并', merged_into_task_id: joint.id });
    // Both departments inspected it: the one that drew the subject and the one that registered.
    const departments = await db
      .selectFrom('inspection_submissions as s')
      .innerJoin('departments as d', 'd.id', 's.department_id')
      .select('d.name')
      .where('s.task_id', '=', joint.id)
      .execute();
    expect(departments.map((d) => d.name).sort()).toEqual(['市市场监督管理局', '市应急管理局']);
    const registration = await db
      .selectFrom('inspection_registrations')
      .select(['status', 'merged_task_id'])
      .where('merged_task_id', '=', joint.id)
      .executeTakeFirstOrThrow();
    expect(registration.status).toBe('已合并');
    const proposal = await db
      .selectFrom('merge_proposals')
      .select(['status', 'kind'])
      .where('merged_task_id', '=', joint.id)
      .executeTakeFirstOrThrow();
    expect(proposal).toEqual({ status: '已合并', kind: '重叠' });
  });

  it('a special plan went from draft to 已公布 and became tasks (专项), one with a published result, the others under way', async () => {
    const db = platform.deps.db;
    const plan = await db
      .selectFrom('special_plans')
      .select(['id', 'status', 'public', 'kind'])
      .where('id', '=', summary.lifecycle.specialPlanId!)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ status: '已公布', public: true, kind: '专项检查' });
    const answers = await db
      .selectFrom('special_plan_consultations as c')
      .innerJoin('departments as d', 'd.id', 'c.department_id')
      .select(['d.name', 'c.answer', 'c.late'])
      .where('c.plan_id', '=', plan.id)
      .execute();
    expect(answers).toEqual([{ name: '市市场监督管理局', answer: '参加', late: false }]);
    const tasks = await db
      .selectFrom('inspection_tasks')
      .select(['id', 'task_no', 'source', 'status'])
      .where('special_plan_id', '=', plan.id)
      .orderBy('id')
      .execute();
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    expect(tasks.map((t) => t.task_no)).toEqual(summary.lifecycle.specialTaskNos);
    expect(tasks.every((t) => t.source === '专项' && /^ZX2026-\d{5}$/.test(t.task_no))).toBe(true);
    expect(tasks.map((t) => t.status)).toEqual(expect.arrayContaining(['已办结', '已检查', '已排期', '已发布']));
    // One joint visit per subject: both the initiating department's item and the joining department's.
    const items = await db
      .selectFrom('inspection_task_items')
      .select(['task_id', 'item_code'])
      .where(
        'task_id',
        'in',
        tasks.map((t) => t.id),
      )
      .execute();
    for (const t of tasks)
      expect(
        items
          .filter((i) => i.task_id === t.id)
          .map((i) => i.item_code)
          .sort(),
      ).toEqual(['SCJG-CC-03', 'YJGL-CC-02']);
  });

  it('published results include a joint (合并) and a special (专项) task', async () => {
    const rows = await platform.deps.db
      .selectFrom('published_results as p')
      .innerJoin('inspection_tasks as t', 't.id', 'p.task_id')
      .select(['t.source', 'p.task_no'])
      .where('t.source', 'in', ['合并', '专项'])
      .execute();
    expect(rows.filter((r) => r.source === '合并').map((r) => r.task_no)).toEqual([summary.lifecycle.mergedTaskNo]);
    expect(rows.filter((r) => r.source === '专项').length).toBe(1);
    // The public list shows them with both departments.
    const visible = await listPublicResults(platform.deps, { page: 1, pageSize: 200 });
    for (const r of rows) {
      const shown = visible.items.find((i) => i.taskNo === r.task_no);
      expect(shown?.departments.map((d) => d.name).sort(), r.task_no).toEqual(['市市场监督管理局', '市应急管理局']);
    }
    // A special task's result names the special plan it carries out; the merged one the draw it absorbed.
    const special = visible.items.find((i) => i.taskNo === rows.find((r) => r.source === '专项')!.task_no)!;
    const plan = await platform.deps.db
      .selectFrom('special_plans')
      .select('title')
      .where('id', '=', summary.lifecycle.specialPlanId!)
      .executeTakeFirstOrThrow();
    expect(special.planTitle).toBe(plan.title);
    expect(visible.items.find((i) => i.taskNo === summary.lifecycle.mergedTaskNo)!.planTitle).not.toBeNull();
  });

  it('a registration confirmed by its department became a published task (登记)', async () => {
    const db = platform.deps.db;
    const registration = await db
      .selectFrom('inspection_registrations as r')
      .innerJoin('inspection_tasks as t', 't.id', 'r.task_id')
      .select([
        'r.registration_no',
        'r.status',
        't.task_no',
        't.source',
        't.status as task_status',
        't.registration_id',
        'r.id',
      ])
      .where('r.status', '=', '已转任务')
      .execute();
    expect(registration).toHaveLength(1);
    expect(registration[0]).toMatchObject({
      registration_no: summary.lifecycle.registrationNo,
      task_no: summary.lifecycle.registrationTaskNo,
      source: '登记',
      task_status: '已发布',
    });
    expect(registration[0]!.registration_id).toBe(registration[0]!.id);
    expect(summary.lifecycle.registrationTaskNo).toMatch(/^DJRW2026-\d{5}$/);
  });

  it('notices reached the subjects: a 查询码 given again by SMS, and a joint visit half inspected with its submitted part evaluated', async () => {
    const db = platform.deps.db;
    const { reissuedTaskNo, partialTaskNo } = summary.notices;
    expect(reissuedTaskNo).not.toBeNull();
    expect(partialTaskNo).not.toBeNull();
    const issues = await db
      .selectFrom('inspection_query_codes as q')
      .innerJoin('inspection_codes as c', 'c.id', 'q.code_id')
      .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
      .innerJoin('outbound_messages as m', 'm.id', 'q.outbound_message_id')
      .select(['q.reissue', 'q.channel', 'q.superseded_at', 'm.status'])
      .where('t.task_no', '=', reissuedTaskNo!)
      .orderBy('q.id')
      .execute();
    expect(issues.map((i) => [i.reissue, i.channel, i.superseded_at !== null, i.status])).toEqual([
      [false, '短信', true, '已发送'],
      [true, '短信', false, '已发送'],
    ]);
    // Sent messages keep no 查询码.
    const kept = await db
      .selectFrom('outbound_contact_messages')
      .select('message_id')
      .where('secret', 'is not', null)
      .execute();
    expect(kept).toEqual([]);
    const task = await db
      .selectFrom('inspection_tasks')
      .select(['id', 'status'])
      .where('task_no', '=', partialTaskNo!)
      .executeTakeFirstOrThrow();
    expect(task.status).toBe('检查中');
    const [departments, submitted, evaluated] = await Promise.all([
      db
        .selectFrom('inspection_task_items')
        .select('department_id')
        .distinct()
        .where('task_id', '=', task.id)
        .execute(),
      db.selectFrom('inspection_submissions').select('department_id').where('task_id', '=', task.id).execute(),
      db.selectFrom('inspection_evaluations').select('department_id').where('task_id', '=', task.id).execute(),
    ]);
    expect(departments.length).toBeGreaterThanOrEqual(2);
    expect(submitted).toHaveLength(1);
    expect(evaluated.map((e) => e.department_id)).toEqual(submitted.map((x) => x.department_id));
  });

  it('every step went through the audited services: the hash chain is intact', async () => {
    const report = await verifyAuditChain(platform.deps.db);
    expect(report.ok, JSON.stringify(report.firstBroken)).toBe(true);
    const actions = (await platform.deps.db.selectFrom('audit_log').select('action').distinct().execute()).map(
      (a) => a.action,
    );
    // What the dispatcher would have pushed during those months is not sent again at start-up.
    expect(
      await platform.deps.db.selectFrom('outbound_messages').select('id').where('status', '=', '待发送').execute(),
    ).toEqual([]);
    for (const a of [
      'draw.commit',
      'draw.run',
      'inspection.schedule',
      'inspection.check_in',
      'inspection.submit',
      'result.approve',
      'inspection_evaluation.submit',
      'inspection_code.reissue_query_code',
      'inspection.offsite',
    ])
      expect(actions).toContain(a);
    for (const a of [
      'registration.create',
      'merge.propose',
      'merge.accept',
      'merge.complete',
      'task.create',
      'task.staff',
      'special_plan.submit',
      'special_plan.consult',
      'special_plan.answer',
      'special_plan.publish',
      'special_plan.tasks',
      'registration.confirm',
    ])
      expect(actions).toContain(a);
  });
});

describe('双跟踪 in the demo city', () => {
  it('has follow-ups done, due, overdue, closed by a licence and one transferred; applications past their promised limit', async () => {
    const lianxi = await actorOfUser(platform.deps.db, 'lianxi');
    const { listFollowUps } = await import('../../src/follow-ups/follow-up-list.service');
    const { listApplications } = await import('../../src/follow-ups/licence-application.service');
    const list = await listFollowUps(platform.deps, lianxi, {});
    expect(list.counts.已跟踪).toBeGreaterThanOrEqual(2);
    expect(list.counts.逾期).toBeGreaterThanOrEqual(1);
    expect(list.counts.待跟踪).toBeGreaterThanOrEqual(2);
    expect(list.counts.免于跟踪).toBeGreaterThanOrEqual(1);
    expect(list.rows.filter((r) => r.transferred)).toHaveLength(1);
    const apps = await listApplications(platform.deps, lianxi, {});
    expect(apps.rows.filter((a) => a.status === '办理中' && a.state !== '正常').length).toBeGreaterThanOrEqual(1);
    expect(apps.rows.some((a) => a.status === '已办结')).toBe(true);
  });
  it('serves the 五书同达 of most penalties; one repair approved (no longer public), one awaiting acceptance', async () => {
    const db = platform.deps.db;
    const sets = await db.selectFrom('penalty_document_sets').select(['served_method']).execute();
    const penalties = await db.selectFrom('penalty_records').select('id').execute();
    expect(sets.length).toBe(penalties.length);
    expect(sets.filter((s) => s.served_method !== null).length).toBeGreaterThan(sets.length / 2);
    const apps = await db
      .selectFrom('credit_repair_applications as a')
      .innerJoin('publications as p', (j) => j.onRef('p.record_id', '=', 'a.penalty_id').on('p.kind', '=', '行政处罚'))
      .select(['a.status', 'p.status as publication'])
      .orderBy('a.id')
      .execute();
    expect(apps).toEqual([
      { status: '已修复', publication: '已撤下' },
      { status: '待受理', publication: '已公示' },
    ]);
  });

  it('has credit records sent by departments (one removed, one corrected) and derived from penalties', async () => {
    const rows = await platform.deps.db
      .selectFrom('credit_records')
      .select(['kind', 'source', 'channel', 'status', 'version'])
      .execute();
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    expect(count((r) => r.kind === '经营异常名录' && r.channel === '接口')).toBe(4);
    expect(count((r) => r.kind === '经营异常名录' && r.status === '已移出')).toBe(1);
    expect(count((r) => r.kind === '严重违法失信名单')).toBe(1);
    expect(count((r) => r.kind === '表彰奖励' && r.channel === '在线')).toBe(2);
    expect(count((r) => r.source === '外部报送' && r.version === 2 && r.status === '有效')).toBe(1);
    expect(count((r) => r.source === '行政处罚')).toBeGreaterThan(5);
  });

  it('has two issued risk assessments (rule-based, third-party import) whose levels are in the register', async () => {
    const db = platform.deps.db;
    const issued = await db
      .selectFrom('risk_assessments as a')
      .innerJoin('departments as d', 'd.id', 'a.department_id')
      .select(['a.id', 'a.method', 'a.subject_count', 'd.name'])
      .where('a.status', '=', '已发布')
      .orderBy('a.id')
      .execute();
    expect(issued.map((a) => [a.name, a.method])).toEqual([
      ['市应急管理局', '规则计算'],
      ['市市场监督管理局', '第三方结果导入'],
    ]);
    for (const a of issued) {
      const results = await db
        .selectFrom('risk_assessment_results as r')
        .innerJoin('subjects as s', 's.id', 'r.subject_id')
        .select(['r.level', 's.industry_risk'])
        .where('r.assessment_id', '=', a.id)
        .execute();
      expect(results.length).toBe(a.subject_count);
      // At least three of the four levels occur, and each result is the department's level in the register.
      expect(new Set(results.map((r) => r.level)).size).toBeGreaterThanOrEqual(3);
      expect(results.every((r) => r.industry_risk[a.name] === r.level)).toBe(true);
    }
  });

  it('has warnings raised by running the rules: from most rules, in every state, exactly one false positive', async () => {
    const rows = await platform.deps.db.selectFrom('warnings').select(['rule_code', 'status', 'due_on']).execute();
    // 重点对象未检查 waits for its date (30 September); the demo clock stands in May.
    expect(new Set(rows.map((r) => r.rule_code))).toEqual(
      new Set(['repeat_complaints', 'unfollowed_finding', 'licence_lapsed', 'visits_above_cap', 'frequent_visits']),
    );
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['待核查', '已核查', '处置中', '已关闭', '误报']));
    expect(rows.filter((r) => r.status === '误报')).toHaveLength(1);
    // Some open ones are past their due date.
    expect(rows.some((r) => r.status === '待核查' && r.due_on! < '2026-05-20')).toBe(true);
    const runs = await platform.deps.db.selectFrom('warning_runs').select('rule_code').execute();
    expect(runs).toHaveLength(6);
  });

  it('has aggregated data: two departments’ systems, anomalies fixed, overdue and open, an online entry, 未报送, an export', async () => {
    const db = platform.deps.db;
    const batches = await db
      .selectFrom('aggregation_batches as b')
      .innerJoin('departments as d', 'd.id', 'b.department_id')
      .select(['d.name', 'b.channel', 'b.status'])
      .execute();
    const viaApi = new Set(batches.filter((b) => b.channel === '接口').map((b) => b.name));
    expect(viaApi).toEqual(new Set(['市市场监督管理局', '市应急管理局']));
    expect(batches.some((b) => b.channel === '接口' && b.status === '已接收')).toBe(true);
    expect(batches.filter((b) => b.channel === '在线填报')).toHaveLength(1);
    const anomalies = await db.selectFrom('data_anomalies').select(['status', 'problem', 'due_on']).execute();
    expect(anomalies.some((a) => a.status === '已整改')).toBe(true);
    expect(anomalies.some((a) => a.status === '待整改' && a.problem === '报送错误' && a.due_on! < '2026-05-20')).toBe(
      true,
    );
    expect(
      anomalies.some((a) => a.status === '待整改' && a.problem === '报送不一致' && a.due_on! >= '2026-05-20'),
    ).toBe(true);
    expect(anomalies.some((a) => a.problem === '未报送')).toBe(true);
    const exports = await db.selectFrom('exchange_exports').select(['record_kind', 'batch_no']).execute();
    expect(exports).toHaveLength(1);
    expect(exports[0]!.batch_no).toMatch(/^20260519\d{5}$/);
  });

  it('has transfers in every state, a penalty linked, one to 公安机关, assistance answered and pending, a 抄告 read by some', async () => {
    const rows = await platform.deps.db
      .selectFrom('case_transfers')
      .select(['status', 'external_kind', 'penalty_record_id', 'transferred_by_name'])
      .where('transferred_by_name', 'in', ['张晓梅', '陈红'])
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['待受理', '已受理', '已退回', '已立案', '已办结']));
    expect(rows.some((r) => r.penalty_record_id !== null)).toBe(true);
    expect(rows.some((r) => r.external_kind === '公安机关')).toBe(true);
    const requests = await platform.deps.db
      .selectFrom('assistance_requests')
      .select('status')
      .where('help', 'like', '%双随机抽查比对%')
      .execute();
    expect(requests.map((r) => r.status)).toContain('已答复');
    const pending = await platform.deps.db
      .selectFrom('assistance_requests')
      .select('status')
      .where('help', 'like', '%危险化学品经营%')
      .execute();
    expect(pending.map((r) => r.status)).toContain('待受理');
    const copy = await platform.deps.db
      .selectFrom('copy_recipients as r')
      .innerJoin('copy_notices as c', 'c.id', 'r.copy_id')
      .select('r.read_at')
      .where('c.title', 'like', '%液化气钢瓶被处罚%')
      .execute();
    expect(copy.map((r) => r.read_at !== null).sort()).toEqual([false, true]);
  });

  it('has complaints in every state of handling: queue, overdue under 督办 and 挂牌督办, merged verification, repeats', async () => {
    const db = platform.deps.db;
    const rows = await db
      .selectFrom('complaints')
      .select(['ticket_no', 'status', 'supervision_level', 'group_id', 'task_id', 'verification_result', 'reply'])
      .orderBy('id')
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['待分派', '待受理', '核查中', '待答复', '已办结', '不予受理']),
    );
    expect(rows.filter((r) => r.supervision_level > 0).length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.supervision_level === 2)).toBe(true);
    expect(rows.filter((r) => r.group_id !== null).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.status === '已办结').every((r) => r.reply !== '')).toBe(true);
    const task = await db
      .selectFrom('complaints as c')
      .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
      .select(['t.source', 't.task_no'])
      .execute();
    expect(task.length).toBe(1);
    expect(['投诉核查', '合并']).toContain(task[0]!.source);
    console.log(`演示投诉举报：${rows.length} 件，核查任务 ${task[0]!.task_no}`);
  });
  it('has a published indicator system, last year finished with its report, daily snapshots, a notice answered and one open', async () => {
    const db = platform.deps.db;
    const versions = await db.selectFrom('performance_indicator_versions').select(['version', 'status']).execute();
    expect(versions).toEqual([{ version: 1, status: '已发布' }]);
    const evaluations = await db
      .selectFrom('performance_evaluations')
      .select(['kind', 'year', 'status', 'department_count', 'report_pdf'])
      .orderBy('id')
      .execute();
    const year = Number(chinaDate(new Date()).slice(0, 4));
    const annual = evaluations.filter((e) => e.kind === '年度');
    expect(annual.map((e) => [e.year, e.status])).toEqual([[year - 1, '已完成']]);
    expect(annual[0]!.report_pdf!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(evaluations.filter((e) => e.kind === '日常')).toHaveLength(2);
    expect(evaluations.every((e) => e.department_count > 20)).toBe(true);
    const notices = await db
      .selectFrom('performance_notices as n')
      .innerJoin('departments as d', 'd.id', 'n.department_id')
      .select(['d.name', 'n.status', 'n.answer_note'])
      .orderBy('n.id')
      .execute();
    expect(notices.map((n) => [n.name, n.status])).toEqual([
      ['市市场监督管理局', '已整改'],
      ['市应急管理局', '待整改'],
    ]);
  });
});

describe('服务门户 in the demo city', () => {
  it('has knowledge entries, three published guides with items, news and exposure cases (one citing a penalty, one withdrawn)', async () => {
    const db = platform.deps.db;
    const count = async (table: 'knowledge_entries' | 'portal_news') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('knowledge_entries')).toBeGreaterThanOrEqual(15);
    expect(await count('portal_news')).toBe(6);
    const guides = await db.selectFrom('industry_guides').select(['industry_code', 'status', 'items']).execute();
    expect(guides.map((g) => g.industry_code).sort()).toEqual(['26', '52', '62']);
    for (const g of guides) {
      expect(g.status).toBe('已发布');
      expect(g.items!.length, g.industry_code).toBeGreaterThan(0);
    }
    const cases = await db
      .selectFrom('exposure_cases')
      .select(['status', 'penalty_record_id', 'department_id'])
      .execute();
    expect(cases).toHaveLength(6);
    expect(cases.filter((c) => c.status === '已撤回')).toHaveLength(1);
    expect(cases.some((c) => c.penalty_record_id !== null)).toBe(true);
    expect(new Set(cases.map((c) => c.department_id)).size).toBeGreaterThanOrEqual(3);
  });

  it('fills the dashboard and the to-dos without a seed of their own (工作门户)', async () => {
    const view = await dashboard(platform.deps, await actorOfUser(platform.deps.db, 'lianxi'), { year: 2026 });
    expect(view.summary.subjects).toBeGreaterThan(1000);
    expect(view.summary.tasks).toBeGreaterThan(10);
    expect(view.summary.done).toBeGreaterThan(0);
    expect(view.summary.jointTasks).toBeGreaterThan(0);
    expect(view.summary.complaints).toBeGreaterThan(0);
    expect(view.inspections.byDepartment.length).toBeGreaterThan(2);
    expect(view.warnings.byRule.length).toBeGreaterThan(2);
    expect(view.subjects.bySection.length).toBeGreaterThan(3);
    expect(view.deadlines.filter((d) => d.total > 0).length).toBeGreaterThan(3);
    const todos = await myTodos(platform.deps, await actorOfUser(platform.deps.db, 'scjg_admin'));
    expect(todos.groups.length).toBeGreaterThan(3);
    console.log(
      `演示驾驶舱：${view.summary.tasks} 个任务，已完成 ${view.summary.done}，联合 ${view.summary.jointTasks}；` +
        `市场监管局管理员待办 ${todos.groups.map((g) => `${g.title} ${g.count}`).join('，')}`,
    );
  });
});
