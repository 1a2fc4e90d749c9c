import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { createTask } from '../support/factories/task.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, setChinaTime, testApp } from '../support/test-platform';

/** Saving a department's results in one request (the phone's one 保存): PUT /api/inspections/:taskNo/results. */

let t: TestApp;
let jc: Session;
let yjglJc: Session;
let scjg: { id: number; departmentId: number };
let yjgl: { id: number; departmentId: number };

interface Check {
  checkItemId: number;
  result: string | null;
  notes: string;
  recordedAt: string | null;
  late: boolean;
}
interface View {
  task: { status: string };
  departments: { id: number; checks: Check[]; submission: object | null }[];
}
interface Problem {
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

async function moveToAndSignIn(iso: string): Promise<void> {
  setChinaTime(t, iso);
  [jc, yjglJc] = await Promise.all(['scjg_jc01', 'yjgl_jc01'].map((u) => login(t.app, u)));
}

/** A joint task (market regulation and emergency management) checked in by scjg_jc01 at the test clock's time. */
async function checkedInJointTask(): Promise<string> {
  const { taskNo } = await createTask(t, { items: ['SCJG-CC-02', 'YJGL-CC-02'], inspectors: [scjg, yjgl] });
  const res = await call(t.app, jc, 'POST', `/api/inspections/${taskNo}/check-in`);
  expect(res.statusCode, res.body).toBe(200);
  return taskNo;
}

const viewOf = async (taskNo: string) => (await call(t.app, jc, 'GET', `/api/inspections/${taskNo}`)).json() as View;
const checksOf = (view: View, departmentId: number) => view.departments.find((d) => d.id === departmentId)!.checks;
const saveAll = (session: Session, taskNo: string, results: object[]) =>
  call(t.app, session, 'PUT', `/api/inspections/${taskNo}/results`, { results });
const auditCount = async (taskNo: string) =>
  (
    await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('entity_id', '=', taskNo)
      .where('action', '=', 'inspection.result')
      .execute()
  ).length;

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  yjgl = await inspectorOf(t, 'yjgl_jc01');
  await moveToAndSignIn('2026-12-02T09:00:00');
});
afterAll(async () => {
  await t.app.close();
});

describe("saving a department's results in one request", () => {
  it('saves every item of the department at once; the view shows them; the department can then submit', async () => {
    const taskNo = await checkedInJointTask();
    const checks = checksOf(await viewOf(taskNo), scjg.departmentId);
    expect(checks.length).toBeGreaterThan(1);
    const res = await saveAll(
      jc,
      taskNo,
      checks.map((c, n) => ({
        checkItemId: c.checkItemId,
        result: n === 0 ? '不符合' : '符合',
        notes: n === 0 ? '  后厨冷藏柜温度 9℃，超过 8℃ 要求  ' : '',
      })),
    );
    expect(res.statusCode, res.body).toBe(200);
    const saved = checksOf(res.json() as View, scjg.departmentId);
    expect(saved.map((c) => c.result)).toEqual(checks.map((_, n) => (n === 0 ? '不符合' : '符合')));
    expect(saved[0]!.notes).toBe('后厨冷藏柜温度 9℃，超过 8℃ 要求');
    expect(saved.every((c) => c.recordedAt !== null && !c.late)).toBe(true);
    // The other department's items are untouched.
    expect(checksOf(res.json() as View, yjgl.departmentId).every((c) => c.result === null)).toBe(true);
    expect(await auditCount(taskNo)).toBe(checks.length);
    const submitted = await call(t.app, jc, 'POST', `/api/inspections/${taskNo}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    // After submission nothing of the department changes any more.
    const after = await saveAll(jc, taskNo, [{ checkItemId: checks[0]!.checkItemId, result: '符合' }]);
    expect(after.statusCode).toBe(409);
    expect(after.body).toContain('已提交检查结果');
  });

  it('sent again (a retry after a lost answer), the same request changes nothing: results, recording times and audit trail stay', async () => {
    const taskNo = await checkedInJointTask();
    const checks = checksOf(await viewOf(taskNo), scjg.departmentId);
    const batch = checks.map((c) => ({ checkItemId: c.checkItemId, result: '符合', notes: '现场查验台账齐全' }));
    const first = await saveAll(jc, taskNo, batch);
    expect(first.statusCode, first.body).toBe(200);
    const audits = await auditCount(taskNo);
    // Later, past the results deadline: a replay of the same batch is not a new (late) entry.
    await moveToAndSignIn('2026-12-28T10:00:00');
    const again = await saveAll(jc, taskNo, batch);
    expect(again.statusCode, again.body).toBe(200);
    expect(checksOf(again.json() as View, scjg.departmentId)).toEqual(
      checksOf(first.json() as View, scjg.departmentId),
    );
    expect(await auditCount(taskNo)).toBe(audits);
    // A changed entry in the same batch is recorded (late now), the unchanged ones keep their time.
    const changed = await saveAll(jc, taskNo, [{ ...batch[0]!, result: '不适用' }, ...batch.slice(1)]);
    expect(changed.statusCode, changed.body).toBe(200);
    const now = checksOf(changed.json() as View, scjg.departmentId);
    const before = checksOf(first.json() as View, scjg.departmentId);
    expect(now[0]).toMatchObject({ result: '不适用', late: true });
    expect(now[0]!.recordedAt).not.toBe(before[0]!.recordedAt);
    expect(now.slice(1)).toEqual(before.slice(1));
    expect(await auditCount(taskNo)).toBe(audits + 1);
    await moveToAndSignIn('2026-12-02T09:00:00');
  });

  it('refuses the whole request when one entry cannot be saved, naming each such entry in Chinese; nothing is saved', async () => {
    const taskNo = await checkedInJointTask();
    const view = await viewOf(taskNo);
    const mine = checksOf(view, scjg.departmentId);
    const theirs = checksOf(view, yjgl.departmentId);
    const res = await saveAll(jc, taskNo, [
      { checkItemId: mine[0]!.checkItemId, result: '符合' },
      { checkItemId: theirs[0]!.checkItemId, result: '符合' },
      { checkItemId: 999_999_999, result: '符合' },
      { checkItemId: mine[0]!.checkItemId, result: '不符合' },
      { checkItemId: mine[1]!.checkItemId, result: '不适用' },
    ]);
    expect(res.statusCode).toBe(400);
    const problem = res.json() as Problem;
    expect(problem.error.code).toBe('VALIDATION');
    expect(problem.error.message).toContain('有 3 项不能保存，本次未保存任何结果');
    expect(problem.error.details.map((d) => d.field)).toEqual([
      'results.1.checkItemId',
      'results.2.checkItemId',
      'results.3.checkItemId',
    ]);
    expect(problem.error.details[0]!.message).toContain('是其他部门的检查事项');
    expect(problem.error.details[1]!.message).toContain('不是本任务的检查事项');
    expect(problem.error.details[2]!.message).toContain('与第 1 项是同一检查事项');
    const after = await viewOf(taskNo);
    expect([...checksOf(after, scjg.departmentId), ...checksOf(after, yjgl.departmentId)].map((c) => c.result)).toEqual(
      [...mine, ...theirs].map(() => null),
    );
    expect(await auditCount(taskNo)).toBe(0);
  });

  it('validates the request: a result that is not 符合／不符合／不适用, notes too long, an empty list', async () => {
    const taskNo = await checkedInJointTask();
    const mine = checksOf(await viewOf(taskNo), scjg.departmentId);
    const bad = await saveAll(jc, taskNo, [
      { checkItemId: mine[0]!.checkItemId, result: '符合' },
      { checkItemId: mine[1]!.checkItemId, result: '合格' },
      { checkItemId: mine[0]!.checkItemId, result: '符合', notes: '长'.repeat(2001) },
    ]);
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as Problem).error.details.map((d) => d.field);
    expect(fields).toContain('results.1.result');
    expect(fields).toContain('results.2.notes');
    const empty = await saveAll(jc, taskNo, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请至少录入一个检查事项的结果');
    expect(checksOf(await viewOf(taskNo), scjg.departmentId).every((c) => c.result === null)).toBe(true);
  });

  it('only the task’s inspectors of the department record, only after check-in', async () => {
    const { taskNo } = await createTask(t, { items: ['SCJG-CC-02', 'YJGL-CC-02'], inspectors: [scjg, yjgl] });
    const mine = checksOf(await viewOf(taskNo), scjg.departmentId);
    const entry = [{ checkItemId: mine[0]!.checkItemId, result: '符合' }];
    const early = await saveAll(jc, taskNo, entry);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('请先签到');
    expect((await call(t.app, jc, 'POST', `/api/inspections/${taskNo}/check-in`)).statusCode).toBe(200);
    // yjgl_jc01 is on the task for the other department: the item is not theirs.
    const other = await saveAll(yjglJc, taskNo, entry);
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('是其他部门的检查事项');
    const staff = await login(t.app, 'scjg_staff');
    expect((await saveAll(staff, taskNo, entry)).statusCode).toBe(403);
    const { taskNo: notMine } = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [] });
    expect((await saveAll(jc, notMine, entry)).statusCode).toBe(403);
  });

  it('two batches of the department sent at the same moment are applied one after the other, never mixed', async () => {
    const taskNo = await checkedInJointTask();
    const mine = checksOf(await viewOf(taskNo), scjg.departmentId);
    const batch = (result: string) => mine.map((c) => ({ checkItemId: c.checkItemId, result }));
    const answers = await Promise.all([
      saveAll(jc, taskNo, batch('符合')),
      saveAll(jc, taskNo, batch('不适用')),
      saveAll(jc, taskNo, batch('不符合')),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const results = new Set(checksOf(await viewOf(taskNo), scjg.departmentId).map((c) => c.result));
    expect(results.size).toBe(1);
  });
});
