import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfUser } from '../../src/demo/demo-activity';
import { recordOffsite } from '../../src/inspection-records/inspection-record.service';
import { offsiteInput } from '../../src/inspection-records/inspection-record.schemas';
import { getInspection } from '../../src/inspections/inspection.service';
import { licencePayload } from '../support/factories/record.factory';
import { setSubjectFlags } from '../support/factories/subject.factory';
import { createTask } from '../support/factories/task.factory';
import { addComplaint } from '../support/factories/warning-complaint.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let lianxi: Session;
let spj: Session;
let scjg: number;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  [admin, lianxi, spj] = await Promise.all([login(t.app, 'admin'), login(t.app, 'lianxi'), login(t.app, 'spj_xk')]);
  const d = await t.deps.db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '市市场监督管理局')
    .executeTakeFirstOrThrow();
  scjg = Number(d.id);
});
afterAll(async () => {
  await t.app.close();
});

/** A subject of our own, so no other suite's data touches the rules' counts on it. */
async function newSubject(app = t) {
  const res = await call(app.app, admin, 'POST', '/api/subjects', {
    uscc: unique().uscc,
    name: `日照预警测试${unique().tag}商贸有限公司`,
    kind: '企业',
    divisionCode: '371102',
    industryCodes: ['5211'],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; uscc: string; name: string };
}

async function run(code: string) {
  const res = await call(t.app, lianxi, 'POST', `/api/warnings/rules/${code}/run`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { hits: number; created: number; warningNos: string[] };
}

const warningsOf = (subjectId: number, code: string) =>
  t.deps.db
    .selectFrom('warnings')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('rule_code', '=', code as 'repeat_complaints')
    .orderBy('id')
    .execute();

const daysAgo = (n: number) => new Date(t.clock.now().getTime() - n * 86_400_000);

/** Every department of the task records its checks off site on `on`; every check is 不符合 when `bad`. */
async function inspectOffsite(taskNo: string, on: string, bad: boolean) {
  const who = await actorOfUser(t.deps.db, 'lianxi');
  const view = await getInspection(t.deps, who, taskNo);
  for (const d of view.departments)
    await recordOffsite(
      t.deps,
      who,
      taskNo,
      offsiteInput.parse({
        departmentId: d.id,
        method: '资料核查',
        dataSource: '企业提供的资料',
        conductedOn: on,
        results: d.checks.map((c) => ({
          checkItemId: c.checkItemId,
          result: bad ? '不符合' : '符合',
          notes: bad ? '发现问题' : '',
        })),
      }),
    );
}

describe('warning rules: each fires on its case and not on its near miss', () => {
  it('repeated complaints: 3 on one subject and matter within 30 days; not 2 + 1 of another matter, not 3 spread over 40 days', async () => {
    const [hit, twoMatters, spread] = await Promise.all([newSubject(), newSubject(), newSubject()]);
    for (const n of [1, 5, 20])
      await addComplaint(t, { subjectId: hit.id, departmentId: scjg, receivedAt: daysAgo(n) });
    for (const [n, m] of [
      [1, 'SPAQ'],
      [2, 'SPAQ'],
      [3, 'JGSF'],
    ] as const)
      await addComplaint(t, { subjectId: twoMatters.id, departmentId: scjg, matterCode: m, receivedAt: daysAgo(n) });
    for (const n of [1, 10, 40])
      await addComplaint(t, { subjectId: spread.id, departmentId: scjg, receivedAt: daysAgo(n) });
    const out = await run('repeat_complaints');
    expect(out.created).toBeGreaterThanOrEqual(1);
    const [w] = await warningsOf(hit.id, 'repeat_complaints');
    expect(w).toMatchObject({ department_id: scjg, level: '橙', status: '待核查', raised_on: '2026-11-20' });
    expect(w!.warning_no).toMatch(/^YJ2026-\d{6}$/);
    expect(w!.facts).toMatchObject({ count: 3, windowDays: 30, matterName: '食品安全' });
    expect(await warningsOf(twoMatters.id, 'repeat_complaints')).toEqual([]);
    expect(await warningsOf(spread.id, 'repeat_complaints')).toEqual([]);
    // The facts read as sentences on the detail page.
    const detail = await call(t.app, lianxi, 'GET', `/api/warnings/${w!.id}`);
    expect(detail.json().facts[0]).toBe('近 30 天内就“食品安全”被投诉举报 3 次。');
  });

  it('a 不符合 finding not followed up after 15 days fires; a recent one, or one followed by a later task, does not', async () => {
    const [late, recent, followed] = await Promise.all([newSubject(), newSubject(), newSubject()]);
    const window = { from: '2026-10-01', to: '2026-11-30' };
    const a = await createTask(t, { items: ['SCJG-CC-01'], subjectId: late.id, window });
    await inspectOffsite(a.taskNo, '2026-10-20', true);
    const b = await createTask(t, { items: ['SCJG-CC-01'], subjectId: recent.id, window });
    await inspectOffsite(b.taskNo, '2026-11-15', true);
    const c = await createTask(t, { items: ['SCJG-CC-01'], subjectId: followed.id, window });
    await inspectOffsite(c.taskNo, '2026-10-20', true);
    await createTask(t, {
      items: ['SCJG-CC-01'],
      subjectId: followed.id,
      window: { from: '2026-11-01', to: '2026-11-30' },
    });
    const status = await t.deps.db
      .selectFrom('inspection_tasks')
      .select('status')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('已检查');
    await run('unfollowed_finding');
    const [w] = await warningsOf(late.id, 'unfollowed_finding');
    expect(w).toMatchObject({ department_id: scjg, fact_key: `task:${a.taskNo}` });
    expect(w!.facts).toMatchObject({ taskNo: a.taskNo, inspectedOn: '2026-10-20', graceDays: 15 });
    expect(await warningsOf(recent.id, 'unfollowed_finding')).toEqual([]);
    expect(await warningsOf(followed.id, 'unfollowed_finding')).toEqual([]);
  });

  it('a licence past its end date with the subject 存续 fires; one renewed does not', async () => {
    const [lapsed, renewed] = await Promise.all([newSubject(), newSubject()]);
    const old = { validFrom: '2021-10-01', validTo: '2026-10-01', decidedOn: '2021-09-28' };
    for (const s of [lapsed, renewed]) {
      const res = await call(t.app, spj, 'POST', '/api/records/licences', licencePayload({ uscc: s.uscc, ...old }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().refused, res.body).toBe(0);
    }
    const res = await call(t.app, spj, 'POST', '/api/records/licences', licencePayload({ uscc: renewed.uscc }));
    expect(res.json().refused, res.body).toBe(0);
    await run('licence_lapsed');
    const [w] = await warningsOf(lapsed.id, 'licence_lapsed');
    expect(w).toMatchObject({ level: '红' });
    expect(w!.facts).toMatchObject({ kind: 'expired', licenceName: '食品经营许可证', validTo: '2026-10-01' });
    expect(await warningsOf(renewed.id, 'licence_lapsed')).toEqual([]);
  });

  it('a key target not inspected this year by the date fires; one inspected this year does not', async () => {
    const [idle, inspected] = await Promise.all([newSubject(), newSubject()]);
    for (const s of [idle, inspected])
      await setSubjectFlags(t, s.uscc, { keyTarget: true, keyTargetReason: '测试：重点对象' });
    const task = await createTask(t, {
      items: ['SCJG-CC-01'],
      subjectId: inspected.id,
      window: { from: '2026-03-01', to: '2026-11-30' },
    });
    await inspectOffsite(task.taskNo, '2026-03-10', false);
    await run('key_not_inspected');
    const [w] = await warningsOf(idle.id, 'key_not_inspected');
    expect(w!.facts).toMatchObject({ year: 2026, byDate: '09-30', keyTarget: true });
    expect(await warningsOf(inspected.id, 'key_not_inspected')).toEqual([]);
  });

  it('more routine visits than the cap fire (to the department of the visit over the cap); two routine and one reactive do not', async () => {
    const [over, under] = await Promise.all([newSubject(), newSubject()]);
    for (const routine of [true, true, true])
      await createTask(t, { items: ['SCJG-CC-01'], subjectId: over.id, routine, source: '抽取' });
    for (const routine of [true, true, false])
      await createTask(t, { items: ['SCJG-CC-01'], subjectId: under.id, routine, source: routine ? '抽取' : '登记' });
    await run('visits_above_cap');
    const [w] = await warningsOf(over.id, 'visits_above_cap');
    expect(w).toMatchObject({ department_id: scjg });
    expect(w!.facts).toMatchObject({ year: 2026, visits: 3, cap: 2 });
    expect(await warningsOf(under.id, 'visits_above_cap')).toEqual([]);
  });

  it('3 visits by one department within 90 days fire; 3 of which one began 100 days ago do not', async () => {
    const [often, spread] = await Promise.all([newSubject(), newSubject()]);
    for (const from of ['2026-09-01', '2026-10-01', '2026-11-01'])
      await createTask(t, { items: ['SCJG-CC-01'], subjectId: often.id, window: { from, to: '2026-11-30' } });
    for (const from of ['2026-08-12', '2026-10-01', '2026-11-01'])
      await createTask(t, { items: ['SCJG-CC-01'], subjectId: spread.id, window: { from, to: '2026-11-30' } });
    await run('frequent_visits');
    const [w] = await warningsOf(often.id, 'frequent_visits');
    expect(w).toMatchObject({ department_id: scjg, level: '蓝' });
    expect(w!.facts).toMatchObject({ visits: 3, windowDays: 90 });
    expect(await warningsOf(spread.id, 'frequent_visits')).toEqual([]);
  });
});

describe('warning runs', () => {
  it('an open warning is not raised again; a run is recorded with its hits', async () => {
    const s = await newSubject();
    for (const n of [1, 2, 3]) await addComplaint(t, { subjectId: s.id, departmentId: scjg, receivedAt: daysAgo(n) });
    const first = await run('repeat_complaints');
    expect(await warningsOf(s.id, 'repeat_complaints')).toHaveLength(1);
    const second = await run('repeat_complaints');
    expect(await warningsOf(s.id, 'repeat_complaints')).toHaveLength(1);
    expect(second.hits).toBeGreaterThanOrEqual(first.hits);
    expect(second.warningNos).not.toContain((await warningsOf(s.id, 'repeat_complaints'))[0]!.warning_no);
    const rules = await call(t.app, lianxi, 'GET', '/api/warnings/rules');
    expect(rules.statusCode, rules.body).toBe(200);
    // Other suites' runs may stand later on the shared clock: this run is among the recent ones, as it was.
    const runs: { ruleCode: string; trigger: string; runBy: string | null; created: number; hits: number }[] =
      rules.json().runs;
    expect(
      runs.some(
        (r) =>
          r.ruleCode === 'repeat_complaints' &&
          r.trigger === '手动' &&
          r.runBy === '王海燕' &&
          r.created === second.created &&
          r.hits === second.hits,
      ),
    ).toBe(true);
  });

  it('the due date counts working days across the National Day holiday and its 调休 Saturday', async () => {
    setChinaTime(t, '2026-09-30T10:00:00');
    try {
      const s = await newSubject();
      const old = { validFrom: '2021-09-01', validTo: '2026-09-01', decidedOn: '2021-08-28' };
      const res = await call(t.app, spj, 'POST', '/api/records/licences', licencePayload({ uscc: s.uscc, ...old }));
      expect(res.json().refused, res.body).toBe(0);
      await run('licence_lapsed');
      const [w] = await warningsOf(s.id, 'licence_lapsed');
      // 3 working days after 30 September: 8, 9 and 10 October (a Saturday worked in exchange).
      expect(w).toMatchObject({ raised_on: '2026-09-30', due_on: '2026-10-10' });
    } finally {
      setChinaTime(t, '2026-11-20T10:00:00');
    }
  });

  it('the hourly job runs each enabled rule once a day', async () => {
    const { runDueWarningRules } = await import('../../src/warnings/warning-run.service');
    setChinaTime(t, '2026-11-21T09:00:00');
    try {
      const first = await runDueWarningRules(t.deps, t.clock.now());
      expect(first.map((r) => r.ruleCode).sort()).toEqual([
        'frequent_visits',
        'key_not_inspected',
        'licence_lapsed',
        'repeat_complaints',
        'unfollowed_finding',
        'visits_above_cap',
      ]);
      expect(await runDueWarningRules(t.deps, t.clock.now())).toEqual([]);
    } finally {
      setChinaTime(t, '2026-11-20T10:00:00');
    }
  });

  it('parameters are validated per rule; only warning:rule may change or run a rule', async () => {
    const staff = await login(t.app, 'scjg_staff');
    const body = {
      level: '橙',
      ownerDepartmentId: null,
      params: { minCount: 1, windowDays: 30, sameMatter: true },
      disposalDays: 5,
      enabled: true,
    };
    const bad = await call(t.app, lianxi, 'PUT', '/api/warnings/rules/repeat_complaints', body);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'params.minCount', message: '投诉次数下限不小于 2' });
    expect((await call(t.app, staff, 'POST', '/api/warnings/rules/repeat_complaints/run')).statusCode).toBe(403);
    const ok = await call(t.app, lianxi, 'PUT', '/api/warnings/rules/repeat_complaints', {
      ...body,
      params: { minCount: 3, windowDays: 30, sameMatter: true },
    });
    expect(ok.statusCode, ok.body).toBe(204);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', '重复投诉')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('warning_rule.update');
  });
});
