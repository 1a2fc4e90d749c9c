import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationSummary } from '../../src/evaluations/evaluation.schemas';
import { excel } from '../../src/imports/exceljs';
import { industryCatalog } from '../../src/industries/industry-catalog';
import { createTask, moveTask } from '../support/factories/task.factory';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp, setChinaTime } from '../support/test-platform';

const ExcelJS = excel();

/**
 * 检查评议 (《黄浦区精准高效协同监管实施办法（试行）》第十七条) over evaluations the enterprises submit through the public 检查码 page, all in 2030
 * (no other test uses that year): A joint (市场监管 + 应急管理) on site, B and F 市场监管 on site, C 应急管理 off site,
 * D (市场监管) and G (应急管理) inspected without evaluation, E evaluated in 2029 (outside the period).
 */
let t: TestApp;
let lianxi: Session;
let scjgStaff: Session;
let yjglAdmin: Session;
let scjg: { id: number; name: string; item: string; userId: number };
let yjgl: { id: number; name: string; item: string; userId: number };
let subjects: { id: number; uscc: string; name: string; section: string; sectionName: string }[];
const tasks: Record<string, string> = {};

async function departmentFixture(like: string) {
  const dept = await t.deps.db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('name', 'like', like)
    .executeTakeFirstOrThrow();
  const item = await t.deps.db
    .selectFrom('sampling_items as s')
    .innerJoin('sampling_item_check_items as sc', 'sc.sampling_item_id', 's.id')
    .select('s.code')
    .where('s.department_id', '=', dept.id)
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const user = await t.deps.db
    .selectFrom('users')
    .select('id')
    .where('department_id', '=', dept.id)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { id: Number(dept.id), name: dept.name, item: item.code, userId: Number(user.id) };
}

/** The 企业查询码 given with each code (the enterprise needs it to evaluate). */
const queryCodes = new Map<string, string>();

/** A published task for `subject` with the departments' first sampling items and a 检查码 issued by the joint office. */
async function taskWithCode(
  departments: (typeof scjg)[],
  subject: (typeof subjects)[number],
  window: { from: string; to: string },
) {
  const { id: taskId, taskNo } = await createTask(t, {
    items: departments.map((d) => d.item),
    subjectId: subject.id,
    window,
  });
  const issued = await call(t.app, lianxi, 'POST', `/api/tasks/${taskNo}/notice`, {});
  expect(issued.statusCode, issued.body).toBe(200);
  const { code, queryCode } = issued.json() as { code: { token: string }; queryCode: string };
  queryCodes.set(code.token, queryCode);
  return { taskNo, taskId, token: code.token };
}

/**
 * The inspection itself (tested elsewhere): a checked-in visit or an off-site record, and the task 已检查.
 * The visit and the off-site record are written directly: the inspection services date them by the clock and need an
 * inspector on the task, while these tasks have none and are inspected on days the clock has already passed.
 */
async function inspected(task: { taskId: number }, on: string, offsite?: typeof scjg) {
  if (offsite) {
    await t.deps.db
      .insertInto('offsite_inspections')
      .values({
        task_id: task.taskId,
        department_id: offsite.id,
        method: '数据比对',
        data_source: '在线监测',
        conducted_on: on,
        recorded_by: offsite.userId,
        recorded_by_name: '测试',
        recorded_at: t.clock.now(),
      })
      .execute();
  } else {
    await t.deps.db
      .insertInto('inspection_visits')
      .values({
        task_id: task.taskId,
        visit_on: on,
        checked_in_at: new Date(`${on}T09:00:00+08:00`),
        checked_in_on: on,
        checked_in_by: null,
        updated_at: t.clock.now(),
      })
      .execute();
  }
  await moveTask(t, task.taskId, 'complete');
}

/** Moves the test clock and signs the staff in again (sessions time out after 30 idle minutes). */
async function at(iso: string) {
  setChinaTime(t, iso);
  [lianxi, scjgStaff, yjglAdmin] = await Promise.all(
    ['lianxi', 'scjg_staff', 'yjgl_admin'].map((u) => login(t.app, u)),
  );
}

/** The enterprise evaluates through the public page at the given China time. */
async function evaluate(token: string, at: string, body: object) {
  setChinaTime(t, at);
  const res = await call(t.app, null, 'POST', `/api/public/inspection-codes/${token}/evaluation`, {
    queryCode: queryCodes.get(token),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const summary = async (session: Session, query: string) => {
  const res = await call(t.app, session, 'GET', `/api/evaluations/summary${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EvaluationSummary;
};
const year = '?from=2030-01-01&to=2030-12-31';

beforeAll(async () => {
  t = await testApp();
  scjg = await departmentFixture('%市场监督%');
  yjgl = await departmentFixture('%应急管理%');
  // Two subjects in different industry sections (门类) of their first industry code.
  const rows = await t.deps.db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'name', 'industry_codes'])
    .orderBy('id')
    .limit(300)
    .execute();
  const catalog = industryCatalog();
  const withSection = rows
    .filter((r) => r.industry_codes.length > 0 && catalog.has(r.industry_codes[0]!))
    .map((r) => {
      const section = catalog.get(r.industry_codes[0]!)!.section;
      return { id: Number(r.id), uscc: r.uscc, name: r.name, section, sectionName: catalog.get(section)!.name };
    });
  const first = withSection[0]!;
  subjects = [first, withSection.find((s) => s.section !== first.section)!];
  expect(subjects[1]).toBeDefined();

  const [s1, s2] = subjects as [(typeof subjects)[number], (typeof subjects)[number]];
  await at('2029-12-01T09:00:00');
  const e = await taskWithCode([scjg], s2, { from: '2029-12-01', to: '2029-12-31' });
  const f = await taskWithCode([scjg], s2, { from: '2029-12-01', to: '2030-01-31' });
  await inspected(e, '2029-12-20');
  await inspected(f, '2029-12-28');
  // 23:30 China time on 31 December is outside 2030; 00:10 on 1 January (still 2029 in UTC) is inside.
  await evaluate(e.token, '2029-12-31T23:30:00', { satisfaction: 1, comments: '去年的评价' });
  await evaluate(f.token, '2030-01-01T00:10:00', { satisfaction: 1, comments: '等候时间过长' });

  await at('2030-03-01T09:00:00');
  const window = { from: '2030-03-01', to: '2030-06-30' };
  const a = await taskWithCode([scjg, yjgl], s1, window);
  const b = await taskWithCode([scjg], s2, window);
  const c = await taskWithCode([yjgl], s1, window);
  const d = await taskWithCode([scjg], s1, window);
  const g = await taskWithCode([yjgl], s2, window);
  await inspected(a, '2030-03-10');
  await inspected(b, '2030-03-20');
  await inspected(c, '2030-04-05', yjgl);
  await inspected(d, '2030-05-06');
  await inspected(g, '2030-06-01');
  // The joint visit: the enterprise evaluates each department's part on its own.
  await evaluate(a.token, '2030-03-15T10:00:00', {
    departmentId: scjg.id,
    satisfaction: 5,
    comments: '一次进门查多项，省时',
  });
  await evaluate(a.token, '2030-03-15T10:05:00', {
    departmentId: yjgl.id,
    satisfaction: 3,
    comments: '安全检查讲解不够细',
  });
  await evaluate(b.token, '2030-04-02T10:00:00', {
    satisfaction: 2,
    comments: '检查时间过长',
    complaint: true,
    complaintText: '检查人员未出示执法证',
  });
  await evaluate(c.token, '2030-04-10T10:00:00', { satisfaction: 4 });
  await at('2030-05-01T09:00:00');
  Object.assign(tasks, { a: a.taskNo, b: b.taskNo, c: c.taskNo, d: d.taskNo, e: e.taskNo, f: f.taskNo, g: g.taskNo });
}, 120_000);
afterAll(async () => {
  await t.app.close();
});

const stats = (count: number, averageSatisfaction: number | null, satisfied: number, complaints: number) => ({
  count,
  averageSatisfaction,
  satisfied,
  satisfiedShare: count ? Math.round((satisfied / count) * 10_000) / 10_000 : null,
  complaints,
});

describe('检查评议 summary', () => {
  it('sums up the period for the joint office: totals, departments (each its own part of a joint visit), joint vs single, on-site vs off-site, months, industries', async () => {
    const s = await summary(lianxi, year);
    expect(s.from).toBe('2030-01-01');
    expect(s.departmentId).toBeNull();
    // A 5 (市场监管) and 3 (应急管理), B 2 (complaint), C 4, F 1; E (2029) is outside. Inspected in 2030: A, B, C, D, G.
    expect(s.totals).toEqual({ ...stats(5, 3, 2, 1), inspectedTasks: 5, responseRate: 0.8, evaluatedTasks: 4 });
    expect(s.byDepartment).toEqual(
      [
        { id: scjg.id, name: scjg.name, ...stats(3, 2.67, 1, 1), inspectedTasks: 3, responseRate: 1 },
        { id: yjgl.id, name: yjgl.name, ...stats(2, 3.5, 1, 0), inspectedTasks: 3, responseRate: 0.6667 },
      ].sort((x, y) => x.id - y.id),
    );
    expect(s.byJoint).toEqual([
      { key: '联合检查', ...stats(2, 4, 1, 0) },
      { key: '单部门检查', ...stats(3, 2.33, 1, 1) },
    ]);
    expect(s.byMode).toEqual([
      { key: '现场检查', ...stats(4, 2.75, 1, 1) },
      { key: '非现场检查', ...stats(1, 4, 1, 0) },
    ]);
    expect(s.byMonth).toHaveLength(12);
    expect(s.byMonth[0]).toEqual({ month: '2030-01', ...stats(1, 1, 0, 0) });
    expect(s.byMonth[1]).toEqual({ month: '2030-02', ...stats(0, null, 0, 0) });
    expect(s.byMonth[2]).toEqual({ month: '2030-03', ...stats(2, 4, 1, 0) });
    expect(s.byMonth[3]).toEqual({ month: '2030-04', ...stats(2, 3, 1, 1) });
    const [s1, s2] = subjects as [(typeof subjects)[number], (typeof subjects)[number]];
    expect(s.byIndustry).toEqual(
      [
        { section: s1.section, name: s1.sectionName, ...stats(3, 4, 2, 0) },
        { section: s2.section, name: s2.sectionName, ...stats(2, 1.5, 0, 1) },
      ].sort((x, y) => x.section.localeCompare(y.section)),
    );
    // Complaints and ratings of 1–2, lowest first, with the departments to follow up.
    expect(s.followUps).toEqual([
      {
        taskNo: tasks.f,
        subjectName: s2.name,
        inspectedOn: '2029-12-28',
        submittedOn: '2030-01-01',
        satisfaction: 1,
        comments: '等候时间过长',
        complaint: false,
        complaintText: '',
        departments: [scjg.name],
      },
      {
        taskNo: tasks.b,
        subjectName: s2.name,
        inspectedOn: '2030-03-20',
        submittedOn: '2030-04-02',
        satisfaction: 2,
        comments: '检查时间过长',
        complaint: true,
        complaintText: '检查人员未出示执法证',
        departments: [scjg.name],
      },
    ]);
    expect(s.followUpsTruncated).toBe(false);
  });

  it('defaults to the current year and narrows to a shorter period', async () => {
    await at('2030-07-01T09:00:00');
    const s = await summary(lianxi, '');
    expect([s.from, s.to, s.totals.count]).toEqual(['2030-01-01', '2030-12-31', 5]);
    const april = await summary(lianxi, '?from=2030-04-01&to=2030-04-30');
    expect(april.totals).toEqual({ ...stats(2, 3, 1, 1), inspectedTasks: 1, responseRate: 2, evaluatedTasks: 2 });
    expect(april.byMonth.map((m) => m.month)).toEqual(['2030-04']);
    expect(
      (await call(t.app, lianxi, 'GET', '/api/evaluations/summary?from=2030-05-01&to=2030-04-01')).statusCode,
    ).toBe(400);
  });

  it('a department-scoped user sees only the evaluations of its own parts; the office may pick a department', async () => {
    const own = await summary(yjglAdmin, year);
    expect(own.departmentId).toBe(yjgl.id);
    expect(own.totals).toEqual({ ...stats(2, 3.5, 1, 0), inspectedTasks: 3, responseRate: 0.6667, evaluatedTasks: 2 });
    expect(own.byDepartment.map((d) => d.id)).toEqual([yjgl.id]);
    expect(own.byJoint).toEqual([
      { key: '联合检查', ...stats(1, 3, 0, 0) },
      { key: '单部门检查', ...stats(1, 4, 1, 0) },
    ]);
    expect(own.followUps).toEqual([]);
    expect(
      (await call(t.app, yjglAdmin, 'GET', `/api/evaluations/summary${year}&departmentId=${scjg.id}`)).statusCode,
    ).toBe(403);
    const market = await summary(scjgStaff, year);
    expect(market.totals.count).toBe(3);
    expect(market.followUps.map((f) => f.taskNo)).toEqual([tasks.f, tasks.b]);
    const picked = await summary(lianxi, `${year}&departmentId=${yjgl.id}`);
    expect(picked.totals).toEqual(own.totals);
    expect((await call(t.app, null, 'GET', `/api/evaluations/summary${year}`)).statusCode).toBe(401);
    // The supervision office (督查部门, all departments) evaluates departments' performance with the same figures.
    const supervision = await summary(await login(t.app, 'sfj_dc'), year);
    expect(supervision.totals).toEqual((await summary(lianxi, year)).totals);
    expect(supervision.byDepartment.map((d) => d.id)).toEqual([scjg.id, yjgl.id].sort((x, y) => x - y));
  });

  it('exports the same figures to Excel: 汇总, 按部门, 按行业, 投诉与低分', async () => {
    const res = await call(t.app, lianxi, 'GET', `/api/evaluations/summary.xlsx${year}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '检查评议-2030-01-01-2030-12-31.xlsx',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '按部门', '按行业', '投诉与低分']);
    const values = (sheet: string, row: number) => (book.getWorksheet(sheet)!.getRow(row).values as unknown[]).slice(1);
    expect(values('汇总', 1)).toEqual([
      '类别',
      '项目',
      '评价数',
      '平均满意度',
      '满意率（%）',
      '投诉数',
      '已检查任务数',
      '评价率（%）',
    ]);
    expect(values('汇总', 2)).toEqual(['合计', '2030-01-01 至 2030-12-31', 5, 3, 40, 1, 5, 80]);
    expect(values('汇总', 3).slice(0, 4)).toEqual(['联合与单部门', '联合检查', 2, 4]);
    const departments = [2, 3].map((r) => values('按部门', r));
    expect(departments).toContainEqual([scjg.name, 3, 2.67, 33.3, 1, 3, 100]);
    expect(departments).toContainEqual([yjgl.name, 2, 3.5, 50, 0, 3, 66.7]);
    expect(book.getWorksheet('按行业')!.rowCount).toBe(3);
    const follow = [2, 3].map((r) => values('投诉与低分', r));
    expect(follow[0]!.slice(0, 6)).toEqual([tasks.f, subjects[1]!.name, '2029-12-28', '2030-01-01', 1, '否']);
    expect(follow[1]).toEqual([
      tasks.b,
      subjects[1]!.name,
      '2030-03-20',
      '2030-04-02',
      2,
      '是',
      '检查时间过长',
      '检查人员未出示执法证',
      scjg.name,
    ]);
    const scoped = await call(t.app, yjglAdmin, 'GET', `/api/evaluations/summary.xlsx${year}`);
    const own = new ExcelJS.Workbook();
    await own.xlsx.load(scoped.rawPayload as unknown as ArrayBuffer);
    expect(own.getWorksheet('投诉与低分')!.rowCount).toBe(1);
  });
});
