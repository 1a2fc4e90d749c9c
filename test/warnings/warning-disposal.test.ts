import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveTask } from '../support/factories/task.factory';
import { addComplaint } from '../support/factories/warning-complaint.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let lianxi: Session;
let staff: Session;
let yjgl: Session;
let sfj: Session;
let scjg: number;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  [admin, lianxi, staff, yjgl, sfj] = await Promise.all(
    ['admin', 'lianxi', 'scjg_staff', 'yjgl_admin', 'sfj_dc'].map((u) => login(t.app, u)),
  );
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

/** A warning of the repeated-complaints rule on a subject of our own, sent to 市市场监督管理局. */
async function freshWarning(): Promise<{ id: number; warningNo: string; subjectId: number }> {
  const res = await call(t.app, admin, 'POST', '/api/subjects', {
    uscc: unique().uscc,
    name: `日照处置测试${unique().tag}食品店`,
    kind: '企业',
    divisionCode: '371102',
    industryCodes: ['5211'],
  });
  expect(res.statusCode, res.body).toBe(200);
  const subjectId = res.json().id as number;
  for (const n of [1, 2, 3])
    await addComplaint(t, {
      subjectId,
      departmentId: scjg,
      receivedAt: new Date(t.clock.now().getTime() - n * 86_400_000),
    });
  const run = await call(t.app, lianxi, 'POST', '/api/warnings/rules/repeat_complaints/run');
  expect(run.statusCode, run.body).toBe(200);
  const w = await t.deps.db
    .selectFrom('warnings')
    .select(['id', 'warning_no'])
    .where('subject_id', '=', subjectId)
    .where('rule_code', '=', 'repeat_complaints')
    .executeTakeFirstOrThrow();
  return { id: Number(w.id), warningNo: w.warning_no, subjectId };
}

const post = (s: Session, id: number, step: string, body: object) =>
  call(t.app, s, 'POST', `/api/warnings/${id}/${step}`, body);
const detail = async (s: Session, id: number) => {
  const res = await call(t.app, s, 'GET', `/api/warnings/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('warning disposal', () => {
  it('核查 → 处置 (off site) → 反馈 closes the warning; steps out of order are refused with 409', async () => {
    const w = await freshWarning();
    const early = await post(staff, w.id, 'feedback', { result: '风险属实，已处置', feedback: '已责令整改' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('当前为“待核查”，不能反馈');
    expect((await post(staff, w.id, 'check', { note: '投诉属实，该店存在过期食品' })).statusCode).toBe(204);
    expect((await post(staff, w.id, 'check', { note: '再次核查' })).statusCode).toBe(409);
    const noMeasure = await post(staff, w.id, 'dispose', { method: '非现场处置' });
    expect(noMeasure.statusCode).toBe(400);
    expect(
      (await post(staff, w.id, 'dispose', { method: '非现场处置', measure: '约谈负责人，责令下架' })).statusCode,
    ).toBe(204);
    expect((await post(staff, w.id, 'false-positive', { reason: '误报' })).statusCode).toBe(409);
    const done = await post(staff, w.id, 'feedback', { result: '风险属实，已处置', feedback: '已下架过期食品 12 件' });
    expect(done.statusCode, done.body).toBe(204);
    const d = await detail(staff, w.id);
    expect(d).toMatchObject({
      status: '已关闭',
      result: '风险属实，已处置',
      measure: '约谈负责人，责令下架',
      closedLate: false,
      canHandle: false,
    });
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['核查', '处置', '反馈']);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', w.warningNo)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['warning.check', 'warning.dispose', 'warning.feedback']);
  });

  it('on site: a 预警核查 task is created; feedback waits until the task is inspected', async () => {
    const w = await freshWarning();
    await post(staff, w.id, 'check', { note: '需现场核查' });
    const res = await post(staff, w.id, 'dispose', { method: '现场核查' });
    expect(res.statusCode, res.body).toBe(204);
    const d = await detail(staff, w.id);
    expect(d.taskNo).toMatch(/^YJHC2026-\d{5}$/);
    const task = await t.deps.db
      .selectFrom('inspection_tasks')
      .select(['id', 'source', 'subject_id', 'status', 'routine'])
      .where('task_no', '=', d.taskNo)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({ source: '预警核查', subject_id: w.subjectId, status: '已发布', routine: false });
    const early = await post(staff, w.id, 'feedback', { result: '风险已消除', feedback: '现场未见问题' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未完成检查');
    await moveTask(t, Number(task.id), 'complete');
    expect((await detail(staff, w.id)).taskInspectedOn).toBe('2026-11-20');
    expect((await post(staff, w.id, 'feedback', { result: '风险已消除', feedback: '现场未见问题' })).statusCode).toBe(
      204,
    );
  });

  it('a false positive is recorded and lowers the rule hit rate', async () => {
    const rate = async () => {
      const res = await call(t.app, lianxi, 'GET', '/api/warnings/rules');
      return res.json().rules.find((r: { code: string }) => r.code === 'repeat_complaints');
    };
    const before = await rate();
    const w = await freshWarning();
    const res = await post(staff, w.id, 'false-positive', { reason: '投诉人重复提交同一诉求' });
    expect(res.statusCode, res.body).toBe(204);
    const after = await rate();
    expect(after.falsePositives).toBe(before.falsePositives + 1);
    expect(after.confirmed).toBe(before.confirmed);
    expect(after.hitRate).toBeCloseTo(after.confirmed / (after.confirmed + after.falsePositives));
    expect((await detail(staff, w.id)).falseReason).toBe('投诉人重复提交同一诉求');
  });

  it('a department sees and handles only its own warnings; the joint office and the supervision office see all', async () => {
    const w = await freshWarning();
    expect((await call(t.app, yjgl, 'GET', `/api/warnings/${w.id}`)).statusCode).toBe(404);
    const list = await call(t.app, yjgl, 'GET', `/api/warnings?keyword=${w.warningNo}`);
    expect(list.json().total).toBe(0);
    expect((await post(yjgl, w.id, 'check', { note: '越权' })).statusCode).toBe(403);
    expect((await detail(sfj, w.id)).warningNo).toBe(w.warningNo);
    const all = await call(t.app, lianxi, 'GET', `/api/warnings?keyword=${w.warningNo}`);
    expect(all.json().items.map((i: { id: number }) => i.id)).toEqual([w.id]);
    // The joint office reads it but does not dispose of another department's warning.
    expect((await post(lianxi, w.id, 'check', { note: '代为核查' })).statusCode).toBe(403);
  });

  it('past its due date an open warning is overdue; filters and chart counts follow', async () => {
    const w = await freshWarning();
    const mine = await call(t.app, staff, 'GET', '/api/warnings?overdue=true&pageSize=200');
    expect(mine.json().items.map((i: { id: number }) => i.id)).not.toContain(w.id);
    setChinaTime(t, '2026-12-10T10:00:00');
    try {
      // Sessions idle for weeks have expired: sign in again at the new time.
      const later = await login(t.app, 'scjg_staff');
      const overdue = await call(t.app, later, 'GET', '/api/warnings/overdue');
      expect(overdue.statusCode, overdue.body).toBe(200);
      const item = overdue.json().items.find((i: { id: number }) => i.id === w.id);
      expect(item).toMatchObject({ overdue: true, status: '待核查' });
      expect(item.overdueDays).toBeGreaterThan(0);
      const list = await call(t.app, later, 'GET', '/api/warnings?overdue=true&level=橙&pageSize=200');
      expect(list.json().items.map((i: { id: number }) => i.id)).toContain(w.id);
      expect(list.json().byDepartment).toEqual([{ name: '市市场监督管理局', count: list.json().total }]);
      await post(later, w.id, 'check', { note: '逾期核查' });
      await post(later, w.id, 'dispose', { method: '非现场处置', measure: '电话督促' });
      await post(later, w.id, 'feedback', { result: '风险属实，已处置', feedback: '已整改' });
      expect((await detail(later, w.id)).closedLate).toBe(true);
    } finally {
      setChinaTime(t, '2026-11-20T10:00:00');
    }
  });
});
