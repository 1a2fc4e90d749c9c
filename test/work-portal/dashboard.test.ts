import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask } from '../support/factories/task.factory';
import { addComplaint } from '../support/factories/warning-complaint.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { refreshSubjectCounts } from '../../src/work-portal/subject-snapshot.service';
import type { DashboardView } from '../../src/work-portal/work-portal.schemas';

let t: TestApp;
let lianxi: Session;
let scjgAdmin: Session;
let fgw: Session;
let inspector: Session;
let scjg: number;
let yjgl: number;

const dashboardOf = async (s: Session, query = 'year=2026'): Promise<DashboardView> => {
  const res = await call(t.app, s, 'GET', `/api/work-portal/dashboard?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DashboardView;
};
const n = (v: unknown) => Number(v);
const departmentNamed = async (name: string) =>
  Number(
    (await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id,
  );

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  [lianxi, scjgAdmin, fgw, inspector] = await Promise.all(
    ['lianxi', 'scjg_admin', 'fgw_xy', 'scjg_jc01'].map((u) => login(t.app, u)),
  );
  scjg = await departmentNamed('市市场监督管理局');
  yjgl = await departmentNamed('市应急管理局');
  // A constructed piece of the city on top of the demo: tasks of 市市场监督管理局 in October in three states, one of them
  // joint with 市应急管理局, and complaints received in October.
  const items = await t.deps.db
    .selectFrom('sampling_items')
    .select(['code', 'department_id'])
    .where('department_id', 'in', [scjg, yjgl])
    .execute();
  const scjgItem = items.find((i) => Number(i.department_id) === scjg)!.code;
  const yjglItem = items.find((i) => Number(i.department_id) === yjgl)!.code;
  const crew = [await inspectorOf(t, 'scjg_jc01')];
  const october = { from: '2026-10-08', to: '2026-10-20' };
  await createTask(t, { items: [scjgItem], window: october, status: '已发布', subjectOffset: 3 });
  await createTask(t, { items: [scjgItem], window: october, status: '已检查', subjectOffset: 4, inspectors: crew });
  await createTask(t, { items: [scjgItem, yjglItem], window: october, status: '已排期', subjectOffset: 5 });
  // Two tasks of one state, one joint and one not, from two sources: the department's count adds both.
  await createTask(t, {
    items: [scjgItem, yjglItem],
    window: october,
    status: '已发布',
    subjectOffset: 7,
    source: '抽取',
  });
  const subject = await t.deps.db
    .selectFrom('subjects')
    .select('id')
    .orderBy('id')
    .offset(6)
    .limit(1)
    .executeTakeFirstOrThrow();
  for (const day of ['09', '10'])
    await addComplaint(t, {
      subjectId: Number(subject.id),
      departmentId: scjg,
      receivedAt: new Date(`2026-10-${day}T09:00:00+08:00`),
    });
});
afterAll(async () => {
  await t.app.close();
});

describe('领导驾驶舱 figures equal counts taken directly from the tables', () => {
  it('subjects: total, industry sections (as the subject list filters them) and divisions, as of the hourly count', async () => {
    await refreshSubjectCounts(t.deps);
    const d = await dashboardOf(lianxi);
    expect(d.filters.subjectsAsOf).toBe(t.clock.now().toISOString());
    const db = t.deps.db;
    const total = await db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', '存续')
      .executeTakeFirstOrThrow();
    expect(d.summary.subjects).toBe(n(total.n));
    expect(d.subjects.bySection.length).toBeGreaterThan(1);
    for (const section of d.subjects.bySection) {
      const c = await db
        .selectFrom('subjects')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', '存续')
        .where(sql<boolean>`industry_scope @> ARRAY[${section.key}]::text[]`)
        .executeTakeFirstOrThrow();
      expect(section.count, section.key).toBe(n(c.n));
    }
    expect(d.subjects.byDivision.reduce((s, x) => s + x.count, 0)).toBe(n(total.n));
    const division = d.subjects.byDivision[0]!;
    const inDivision = await db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', '存续')
      .where('division_code', '=', division.key)
      .executeTakeFirstOrThrow();
    expect(division.count).toBe(n(inDivision.n));
    const filtered = await dashboardOf(lianxi, `year=2026&divisionCode=${division.key}`);
    expect(filtered.summary.subjects).toBe(division.count);
  });

  it.each([
    ['October', 'from=2026-10&to=2026-10', '2026-10-01', '2026-10-31'],
    ['the whole year', 'from=2026-01', '2026-01-01', '2026-12-31'],
  ])(
    'tasks per department and status, per month, and the joint share (%s), as the task list filters them',
    async (_, q, from, to) => {
      const d = await dashboardOf(lianxi, `year=2026&${q}`);
      const rows = await t.deps.db
        .selectFrom('inspection_tasks as t')
        .innerJoin('inspection_task_items as i', 'i.task_id', 't.id')
        .select(['i.department_id', 't.status', 't.id', 't.window_from', 't.window_to'])
        .distinct()
        .where('t.window_to', '>=', from)
        .where('t.window_from', '<=', to)
        .where('t.status', 'not in', ['已作废', '已合并'])
        .execute();
      const expected = new Map<string, number>();
      for (const r of rows) {
        const key = `${n(r.department_id)}/${r.status}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const got = new Map<string, number>();
      for (const dept of d.inspections.byDepartment)
        for (const s of dept.byStatus) got.set(`${dept.departmentId}/${s.status}`, s.count);
      expect(got).toEqual(expected);
      const scjgRow = d.inspections.byDepartment.find((x) => x.departmentId === scjg)!;
      expect(scjgRow.byStatus.find((s) => s.status === '已检查')!.count).toBeGreaterThanOrEqual(1);
      expect(scjgRow.byStatus.find((s) => s.status === '已发布')!.count).toBeGreaterThanOrEqual(2);

      const taskIds = new Set(rows.map((r) => n(r.id)));
      expect(d.summary.tasks).toBe(taskIds.size);
      const october = rows.filter((r) => r.window_from <= '2026-10-31' && r.window_to >= '2026-10-01');
      expect(d.inspections.byMonth.find((m) => m.month === '2026-10')).toEqual({
        month: '2026-10',
        tasks: new Set(october.map((r) => n(r.id))).size,
        done: new Set(october.filter((r) => ['已检查', '已办结'].includes(r.status)).map((r) => n(r.id))).size,
      });
      const perTask = new Map<number, Set<number>>();
      for (const r of rows) perTask.set(n(r.id), (perTask.get(n(r.id)) ?? new Set()).add(n(r.department_id)));
      const joint = [...perTask.values()].filter((s) => s.size > 1);
      expect(d.summary.jointTasks).toBe(joint.length);
      expect(d.summary.jointTasks).toBeGreaterThanOrEqual(1);
      expect(d.summary.visitsSaved).toBe(joint.reduce((s, x) => s + x.size - 1, 0));
    },
  );

  it('complaints by channel, status and matter; warnings by rule and status; deadlines', async () => {
    const d = await dashboardOf(lianxi);
    const db = t.deps.db;
    const complaints = await db
      .selectFrom('complaints')
      .select(['channel', 'status', 'matter_code'])
      .where('received_at', '>=', new Date('2026-01-01T00:00:00+08:00'))
      .where('received_at', '<', new Date('2027-01-01T00:00:00+08:00'))
      .execute();
    const tally = <T>(list: T[], key: (x: T) => string) =>
      list.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());
    expect(new Map(d.complaints.byChannel.map((x) => [x.channel, x.count]))).toEqual(
      tally(complaints, (c) => c.channel),
    );
    expect(new Map(d.complaints.byStatus.map((x) => [x.status, x.count]))).toEqual(tally(complaints, (c) => c.status));
    expect(new Map(d.complaints.byMatter.map((x) => [x.key, x.count]))).toEqual(
      tally(complaints, (c) => c.matter_code),
    );
    expect(d.summary.complaints).toBe(complaints.length);

    const warnings = await db
      .selectFrom('warnings')
      .select(['rule_code', 'status'])
      .where('raised_on', '>=', '2026-01-01')
      .where('raised_on', '<=', '2026-12-31')
      .execute();
    expect(new Map(d.warnings.byRule.map((x) => [x.key, x.count]))).toEqual(tally(warnings, (w) => w.rule_code));
    expect(new Map(d.warnings.byStatus.map((x) => [x.status, x.count]))).toEqual(tally(warnings, (w) => w.status));

    const closed = await db
      .selectFrom('warnings')
      .select(['closed_late'])
      .where('closed_at', '>=', new Date('2026-01-01T00:00:00+08:00'))
      .where('closed_at', '<', new Date('2027-01-01T00:00:00+08:00'))
      .execute();
    const warningRow = d.deadlines.find((x) => x.key === 'warning')!;
    expect(warningRow.late).toBe(closed.filter((w) => w.closed_late).length);
    expect(warningRow.onTime).toBe(closed.filter((w) => !w.closed_late).length);
    const openLate = await db
      .selectFrom('warnings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', 'in', ['待核查', '已核查', '处置中'])
      .where('due_on', '<', '2026-11-20')
      .executeTakeFirstOrThrow();
    expect(warningRow.overdueOpen).toBe(n(openLate.n));

    const pushes = await db
      .selectFrom('registration_pushes')
      .select(['acknowledged_at', 'ack_due_on'])
      .where('department_id', 'is not', null)
      .execute();
    const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const acked = pushes.filter((p) => p.acknowledged_at && dayOf(p.acknowledged_at).startsWith('2026'));
    const ack = d.deadlines.find((x) => x.key === 'push_ack')!;
    expect(ack.onTime).toBe(acked.filter((p) => dayOf(p.acknowledged_at!) <= p.ack_due_on).length);
    expect(ack.late).toBe(acked.filter((p) => dayOf(p.acknowledged_at!) > p.ack_due_on).length);
    expect(ack.overdueOpen).toBe(pushes.filter((p) => !p.acknowledged_at && p.ack_due_on < '2026-11-20').length);
  });

  it('credit classes of the latest pushed run and the key targets', async () => {
    const d = await dashboardOf(fgw);
    const db = t.deps.db;
    const run = await db
      .selectFrom('credit_runs')
      .select('id')
      .where('status', '=', '已推送')
      .orderBy('pushed_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(d.credit.run?.id ?? null).toBe(run ? n(run.id) : null);
    if (run) {
      const results = await db
        .selectFrom('credit_run_results')
        .select('credit_class')
        .where('run_id', '=', run.id)
        .execute();
      for (const c of d.credit.byClass)
        expect(c.count, c.creditClass).toBe(results.filter((r) => r.credit_class === c.creditClass).length);
      expect(d.credit.byClass.reduce((s, c) => s + c.count, 0)).toBe(results.length);
    }
    const keys = await db
      .selectFrom('key_targets')
      .select(['subject_id'])
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', '2026-11-20')]))
      .execute();
    expect(d.summary.keyTargets).toBe(new Set(keys.map((k) => n(k.subject_id))).size);
  });
});

describe('领导驾驶舱 subject counts', () => {
  it('are taken again when the hourly count is missed (over two hours old): a new subject counts from then on', async () => {
    const before = await dashboardOf(lianxi);
    const created = await call(t.app, await login(t.app, 'admin'), 'POST', '/api/subjects', {
      uscc: unique().uscc,
      name: `驾驶舱计数测试${unique().tag}商店`,
      kind: '企业',
      divisionCode: '371102',
      industryCodes: ['5211'],
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    expect((await dashboardOf(lianxi)).summary.subjects).toBe(before.summary.subjects);
    t.clock.advanceMinutes(60);
    expect((await dashboardOf(await login(t.app, 'lianxi'))).summary.subjects).toBe(before.summary.subjects);
    t.clock.advanceMinutes(61);
    // Signed in again: two hours later the sessions above have timed out.
    const after = await dashboardOf(await login(t.app, 'lianxi'));
    expect(after.summary.subjects).toBe(before.summary.subjects + 1);
    expect(after.subjects.bySection.find((s) => s.key === 'F')!.count).toBe(
      before.subjects.bySection.find((s) => s.key === 'F')!.count + 1,
    );
    expect(after.filters.subjectsAsOf).toBe(t.clock.now().toISOString());
    setChinaTime(t, '2026-11-20T10:00:00');
  });
});

describe('领导驾驶舱 scope', () => {
  it('a department admin sees their own department only; another department is 404', async () => {
    const d = await dashboardOf(scjgAdmin, 'year=2026&from=2026-10&to=2026-10');
    expect(d.filters.ownDepartmentOnly).toBe(true);
    expect(d.filters.departmentId).toBe(scjg);
    expect(d.inspections.byDepartment.map((x) => x.departmentId)).toEqual([scjg]);
    expect(d.departments).toEqual([{ id: scjg, name: '市市场监督管理局' }]);
    const theirs = await t.deps.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('department_id', '=', scjg)
      .where('received_at', '>=', new Date('2026-10-01T00:00:00+08:00'))
      .where('received_at', '<', new Date('2026-11-01T00:00:00+08:00'))
      .executeTakeFirstOrThrow();
    expect(d.summary.complaints).toBe(n(theirs.n));
    expect(d.summary.complaints).toBeGreaterThanOrEqual(2);
    const other = await call(t.app, scjgAdmin, 'GET', `/api/work-portal/dashboard?departmentId=${yjgl}`);
    expect(other.statusCode).toBe(404);
    const own = await call(t.app, scjgAdmin, 'GET', `/api/work-portal/dashboard?departmentId=${scjg}`);
    expect(own.statusCode).toBe(200);
  });

  it('the joint office filters any department; a department filter gives that department’s figures', async () => {
    const all = await dashboardOf(lianxi, 'year=2026&from=2026-10&to=2026-10');
    const one = await dashboardOf(lianxi, `year=2026&from=2026-10&to=2026-10&departmentId=${scjg}`);
    const row = all.inspections.byDepartment.find((x) => x.departmentId === scjg)!;
    expect(one.summary.tasks).toBe(row.tasks);
    expect(one.filters.ownDepartmentOnly).toBe(false);
    expect(all.departments.length).toBeGreaterThan(3);
    expect((await call(t.app, lianxi, 'GET', '/api/work-portal/dashboard?departmentId=999999')).statusCode).toBe(404);
  });

  it('refuses bad filters in Chinese and users without the permission', async () => {
    const bad = await call(t.app, lianxi, 'GET', '/api/work-portal/dashboard?year=2026&from=2026-11&to=2026-02');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/月份/);
    const other = await call(t.app, lianxi, 'GET', '/api/work-portal/dashboard?year=2026&from=2025-11');
    expect(other.statusCode).toBe(400);
    expect((await call(t.app, inspector, 'GET', '/api/work-portal/dashboard')).statusCode).toBe(403);
  });
});
