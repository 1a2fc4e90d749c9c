import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import type { TaskOrigins, TaskView } from '../../src/tasks/task.schemas';
import { call, login, type Session, unique } from '../support/http';
import { createDrawRecord } from '../support/factories/draw-record.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask, type TestTask } from '../support/factories/task.factory';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let lianxi: Session;
let scjgStaff: Session;
let yjglAdmin: Session;
let subjectId: number;
let roundA: string;
let roundB: string;
let planId: number;
const task: Record<'a1' | 'a2' | 'b1' | 'z1' | 'd1', TestTask> = {} as never;

/** A fresh enterprise, so that filtering by it shows exactly the tasks made here (the demo city has many others). */
async function freshSubject(admin: Session): Promise<number> {
  const org8 = `YL${unique().tag.padStart(6, '0').slice(-6)}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  const res = await call(t.app, admin, 'POST', '/api/subjects', {
    uscc: first17 + usccCheckCharacter(first17),
    name: `日照列表筛选测试${unique().tag}餐饮有限公司`,
    kind: '企业',
    legalRepresentative: '林晓',
    divisionCode: '371102',
    industryCodes: ['6210'],
  });
  expect(res.statusCode, res.body).toBe(200);
  return Number(res.json().id);
}

/** The task numbers the list answers for the subject with the query, as the user sees them. */
async function listed(who: Session, query: string): Promise<string[]> {
  const res = await call(t.app, who, 'GET', `/api/tasks?subjectId=${subjectId}&pageSize=50&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as TaskView[]).map((x) => x.taskNo).sort();
}
const nos = (...keys: (keyof typeof task)[]) => keys.map((k) => task[k].taskNo).sort();

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-12-01T09:00:00');
  const admin = await login(t.app, 'admin');
  [lianxi, scjgStaff, yjglAdmin] = await Promise.all(
    ['lianxi', 'scjg_staff', 'yjgl_admin'].map((u) => login(t.app, u)),
  );
  subjectId = await freshSubject(admin);
  const scjg = await inspectorOf(t, 'scjg_jc01');
  const december = { from: '2026-12-01', to: '2026-12-31' };
  const a = await createDrawRecord(t, december);
  const b = await createDrawRecord(t, { from: '2026-11-01', to: '2026-11-30' });
  const roundOf = async (recordId: number) =>
    (
      await t.deps.db
        .selectFrom('draw_records as r')
        .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
        .select('d.round_no')
        .where('r.id', '=', recordId)
        .executeTakeFirstOrThrow()
    ).round_no;
  [roundA, roundB] = await Promise.all([roundOf(a.id), roundOf(b.id)]);
  const drawn = { source: '抽取' as const, routine: true, subjectId };
  task.a1 = await createTask(t, { ...drawn, items: ['SCJG-CC-02'], inspectors: [scjg], drawRecordId: a.id });
  task.a2 = await createTask(t, { ...drawn, items: ['YJGL-CC-02'], drawRecordId: a.id });
  task.b1 = await createTask(t, {
    ...drawn,
    items: ['SCJG-CC-02'],
    inspectors: [scjg],
    drawRecordId: b.id,
    window: { from: '2026-11-01', to: '2026-11-30' },
  });
  task.z1 = await createTask(t, {
    source: '专项',
    subjectId,
    items: ['SCJG-CC-02'],
    inspectors: [scjg],
    window: { from: '2026-12-10', to: '2026-12-20' },
  });
  task.d1 = await createTask(t, {
    source: '登记',
    subjectId,
    items: ['SCJG-CC-02', 'YJGL-CC-02'],
    inspectors: [scjg],
    window: { from: '2026-10-01', to: '2026-10-31' },
  });
  // Written directly, as a staffing or a plan's approval would have left them (both are tested on their own); the
  // plan is a draft, enough to be named by its tasks.
  await t.deps.db
    .updateTable('inspection_tasks')
    .set({ unstaffed_reason: '应急管理局没有可选派的执法检查人员' })
    .where('id', '=', task.a2.id)
    .execute();
  const item = await t.deps.db
    .selectFrom('sampling_items')
    .select(['id', 'department_id'])
    .where('code', '=', 'SCJG-CC-02')
    .executeTakeFirstOrThrow();
  const plan = await call(t.app, await login(t.app, 'scjg_admin'), 'POST', '/api/special-plans', {
    departmentId: Number(item.department_id),
    kind: '专项检查',
    title: `餐饮单位食品安全专项检查（列表筛选测试 ${unique().tag}）`,
    basis: '《中华人民共和国食品安全法》第一百一十条',
    scope: { industries: ['62'] },
    periodFrom: '2026-12-10',
    periodTo: '2026-12-20',
    content: '后厨卫生、食材进货查验',
    materials: '食品经营许可证、进货台账',
    samplingItemIds: [Number(item.id)],
  });
  expect(plan.statusCode, plan.body).toBe(200);
  planId = Number(plan.json().id);
  await t.deps.db
    .updateTable('inspection_tasks')
    .set({ special_plan_id: planId })
    .where('id', '=', task.z1.id)
    .execute();
  // Scheduled through the service: Tuesday 8 and Monday 14 December.
  for (const [no, visitOn] of [
    [task.a1.taskNo, '2026-12-08'],
    [task.z1.taskNo, '2026-12-14'],
  ] as const) {
    const res = await call(t.app, scjgStaff, 'PUT', `/api/inspections/${no}/schedule`, { visitOn });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t.app.close());

describe('task list filters', () => {
  it('by draw round: every task of the round and no other', async () => {
    expect(await listed(lianxi, `roundNo=${roundA}`)).toEqual(nos('a1', 'a2'));
    expect(await listed(lianxi, `roundNo=${roundB}`)).toEqual(nos('b1'));
    expect(await listed(lianxi, 'roundNo=CQ-NO-SUCH-ROUND')).toEqual([]);
  });

  it("a new round's tasks are on page 1 when filtered by the round, whatever the city holds", async () => {
    const res = await call(t.app, lianxi, 'GET', `/api/tasks?roundNo=${roundA}&page=1&pageSize=10`);
    expect(res.json().total).toBe(2);
    expect((res.json().items as TaskView[]).map((x) => x.taskNo).sort()).toEqual(nos('a1', 'a2'));
  });

  it('by special plan and by source', async () => {
    expect(await listed(lianxi, `specialPlanId=${planId}`)).toEqual(nos('z1'));
    expect(await listed(lianxi, `source=${encodeURIComponent('专项')}`)).toEqual(nos('z1'));
    expect(await listed(lianxi, `source=${encodeURIComponent('抽取')}`)).toEqual(nos('a1', 'a2', 'b1'));
    expect(await listed(lianxi, `source=${encodeURIComponent('登记')}`)).toEqual(nos('d1'));
  });

  it('by check window: the tasks whose window overlaps the period', async () => {
    expect(await listed(lianxi, 'windowFrom=2026-12-05&windowTo=2026-12-09')).toEqual(nos('a1', 'a2'));
    expect(await listed(lianxi, 'windowFrom=2026-12-20&windowTo=2026-12-25')).toEqual(nos('a1', 'a2', 'z1'));
    expect(await listed(lianxi, 'windowFrom=2026-11-30')).toEqual(nos('a1', 'a2', 'b1', 'z1'));
    expect(await listed(lianxi, 'windowTo=2026-10-31')).toEqual(nos('d1'));
    expect(await listed(lianxi, 'windowFrom=2026-10-31&windowTo=2026-11-01')).toEqual(nos('b1', 'd1'));
  });

  it('by scheduling state and scheduled date', async () => {
    expect(await listed(lianxi, 'scheduled=true')).toEqual(nos('a1', 'z1'));
    expect(await listed(lianxi, 'scheduled=false')).toEqual(nos('a2', 'b1', 'd1'));
    expect(await listed(lianxi, 'scheduledFrom=2026-12-10')).toEqual(nos('z1'));
    expect(await listed(lianxi, 'scheduledTo=2026-12-09')).toEqual(nos('a1'));
    expect(await listed(lianxi, 'scheduledFrom=2026-12-08&scheduledTo=2026-12-08')).toEqual(nos('a1'));
    const view = (await call(t.app, lianxi, 'GET', `/api/tasks/${task.z1.taskNo}`)).json() as TaskView;
    expect(view.visitOn).toBe('2026-12-14');
    expect(((await call(t.app, lianxi, 'GET', `/api/tasks/${task.b1.taskNo}`)).json() as TaskView).visitOn).toBeNull();
  });

  it('by staffing: 已配齐 and 未配齐 人员', async () => {
    expect(await listed(lianxi, 'unstaffed=true')).toEqual(nos('a2'));
    expect(await listed(lianxi, 'unstaffed=false')).toEqual(nos('a1', 'b1', 'z1', 'd1'));
  });

  it('filters combine, and keep the department scope of the list', async () => {
    expect(await listed(lianxi, `roundNo=${roundA}&unstaffed=false&scheduled=true`)).toEqual(nos('a1'));
    // 市场监管局 sees the tasks with an item of its own; 应急管理局 the one unstaffed draw task and the joint one.
    expect(await listed(scjgStaff, '')).toEqual(nos('a1', 'b1', 'z1', 'd1'));
    expect(await listed(scjgStaff, `roundNo=${roundA}`)).toEqual(nos('a1'));
    expect(await listed(yjglAdmin, '')).toEqual(nos('a2', 'd1'));
    expect(await listed(yjglAdmin, `roundNo=${roundB}`)).toEqual([]);
    expect(await listed(yjglAdmin, 'scheduled=false')).toEqual(nos('a2', 'd1'));
    expect(await listed(yjglAdmin, `specialPlanId=${planId}`)).toEqual([]);
  });

  it('refuses filters that make no sense, in Chinese', async () => {
    const backwards = await call(t.app, lianxi, 'GET', '/api/tasks?windowFrom=2026-12-10&windowTo=2026-12-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('检查期筛选的结束日不能早于开始日');
    const scheduledBackwards = await call(
      t.app,
      lianxi,
      'GET',
      '/api/tasks?scheduledFrom=2026-12-10&scheduledTo=2026-12-01',
    );
    expect(scheduledBackwards.json().error.message).toContain('排期日期筛选的结束日不能早于开始日');
    expect((await call(t.app, lianxi, 'GET', '/api/tasks?scheduledFrom=2026-13-01')).statusCode).toBe(400);
    expect((await call(t.app, lianxi, 'GET', '/api/tasks?scheduled=yes')).statusCode).toBe(400);
  });

  it('offers the rounds and plans that have tasks the user may see', async () => {
    const origins = async (who: Session) => (await call(t.app, who, 'GET', '/api/tasks/origins')).json() as TaskOrigins;
    const office = await origins(lianxi);
    expect(office.rounds.map((r) => r.roundNo)).toEqual(expect.arrayContaining([roundA, roundB]));
    expect(office.specialPlans.map((p) => p.id)).toContain(planId);
    const yjgl = (await origins(yjglAdmin)).rounds.map((r) => r.roundNo);
    expect(yjgl).toContain(roundA);
    expect(yjgl).not.toContain(roundB);
    expect((await origins(scjgStaff)).rounds.map((r) => r.roundNo)).toEqual(expect.arrayContaining([roundA, roundB]));
  });
});
