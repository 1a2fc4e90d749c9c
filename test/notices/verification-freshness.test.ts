import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationGateOf, resolveCode, verifyCode } from '../../src/notices/notice-verification.service';
import { noticeFactsOf } from '../../src/notices/notice-facts.service';
import { removeTaskInspectors } from '../../src/tasks/task-members.repository';
import { createTask, moveTask } from '../support/factories/task.factory';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

// The verification reads its answer in one statement and remembers only the key and the signature check of genuine
// codes; these tests hold it to showing every change at once and to the answer of the per-part reads.

let t: TestApp;
let lianxi: Session;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const verify = (token: string) => call(t.app, null, 'GET', `/api/public/inspection-codes/${token}`);

/** A published market-regulation task with two inspectors and its notice; the task's id and the code's token. */
async function noticedTask(): Promise<{ id: number; taskNo: string; token: string }> {
  const db = t.deps.db;
  const dept = await db
    .selectFrom('departments')
    .select('id')
    .where('name', 'like', '%市场监督%')
    .executeTakeFirstOrThrow();
  const item = await db
    .selectFrom('sampling_items as s')
    .innerJoin('sampling_item_check_items as sc', 'sc.sampling_item_id', 's.id')
    .select('s.code')
    .where('s.department_id', '=', dept.id)
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const inspectors = await db
    .selectFrom('inspectors')
    .select('id')
    .where('department_id', '=', dept.id)
    .orderBy('id')
    .limit(2)
    .execute();
  const task = await createTask(t, {
    items: [item.code],
    inspectors: inspectors.map((p) => ({ id: Number(p.id), departmentId: Number(dept.id) })),
    subjectOffset: Math.floor(Math.random() * 500),
    window: { from: day(1), to: day(20) },
    source: '抽取',
  });
  const issued = await call(t.app, lianxi, 'POST', `/api/tasks/${task.taskNo}/notice`, {});
  expect(issued.statusCode, issued.body).toBe(200);
  return { id: task.id, taskNo: task.taskNo, token: (issued.json() as { code: { token: string } }).code.token };
}

/** Verifies three times (the signature check is remembered, the statement prepared), each time the same answer. */
async function verifiedRepeatedly(token: string) {
  const answers = [];
  for (let i = 0; i < 3; i += 1) answers.push((await verify(token)).json());
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
  return answers[0];
}

beforeAll(async () => {
  t = await testApp();
  lianxi = await login(t.app, 'lianxi');
});
afterAll(async () => {
  await t.app.close();
});

describe('检查码核验 always reads what is true now', () => {
  it('a code verified again and again says 已撤销 the moment it is revoked', async () => {
    const { taskNo, token } = await noticedTask();
    expect(await verifiedRepeatedly(token)).toMatchObject({ status: '真实有效', revokeReason: null });
    const revoked = await call(t.app, lianxi, 'POST', `/api/tasks/${taskNo}/notice/revoke`, { reason: '检查人员变更' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await verify(token)).json()).toMatchObject({
      status: '已撤销',
      revokeReason: '检查人员变更',
      evaluation: { open: false },
    });
  });

  it('a code of a task voided by a redraw says 已撤销 at once', async () => {
    const { id, token } = await noticedTask();
    expect(await verifiedRepeatedly(token)).toMatchObject({ status: '真实有效' });
    await moveTask(t, id, 'void');
    expect((await verify(token)).json()).toMatchObject({
      status: '已撤销',
      revokeReason: '检查任务已因重新抽取而作废',
    });
  });

  it('a changed crew shows at once: the page lists the inspectors the citizen must check against', async () => {
    const { id, token } = await noticedTask();
    const before = (await verifiedRepeatedly(token)) as { facts: { departments: { inspectors: unknown[] }[] } };
    expect(before.facts.departments[0]!.inspectors).toHaveLength(2);
    const crew = await t.deps.db
      .selectFrom('inspection_task_inspectors')
      .select('inspector_id')
      .where('task_id', '=', id)
      .orderBy('inspector_id')
      .execute();
    await removeTaskInspectors(t.deps.db, id, { inspectorIds: crew.map((c) => c.inspector_id) });
    const removed = crew[0];
    const gone = await t.deps.db
      .selectFrom('inspectors')
      .select(['name', 'certificate_no'])
      .where('id', '=', removed!.inspector_id)
      .executeTakeFirstOrThrow();
    const after = (await verify(token)).json() as typeof before;
    expect(after.facts.departments[0]!.inspectors).toEqual([]);
    expect(JSON.stringify(after)).not.toContain(gone.certificate_no);
  });

  it('a token changed by one character is 无效 even after the genuine one was verified', async () => {
    const { token } = await noticedTask();
    await verifiedRepeatedly(token);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const altered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect((await verify(altered)).json()).toMatchObject({ status: '无效', facts: null, progress: [] });
  });

  it('gives the answer the per-part reads give (status, facts, evaluation), for every code in the database', async () => {
    await noticedTask();
    const codes = await t.deps.db.selectFrom('inspection_codes').select('token').orderBy('id').limit(40).execute();
    expect(codes.length).toBeGreaterThan(0);
    for (const { token } of codes) {
      const fast = await verifyCode(t.deps, token);
      const resolved = await resolveCode(t.deps, token);
      expect(fast.status).toBe(resolved.status);
      expect(fast.message).toBe(resolved.message);
      expect(fast.revokeReason).toBe(resolved.revokeReason);
      expect(fast.facts).toEqual(resolved.task ? await noticeFactsOf(t.deps.db, resolved.task) : null);
      expect(fast.evaluation).toEqual(await evaluationGateOf(t.deps, resolved));
    }
  });
});

describe('the public limit against guessing, with many citizens', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await testApp({ trustProxy: 1 });
  });
  afterAll(async () => {
    await proxied.app.close();
  });
  const verifyFrom = (token: string, address: string) =>
    proxied.app.inject({
      method: 'GET',
      url: `/api/public/inspection-codes/${token}`,
      headers: { 'x-forwarded-for': address },
    });
  const guess = () => `eyJhbGciOiJFZERTQSJ9.${Math.random().toString(36).slice(2)}.${'A'.repeat(86)}`;

  it('refuses a guesser after 60 a minute with a 429 in Chinese, and keeps refusing it after 6,000 citizens passed', async () => {
    const { token } = await noticedTask();
    const guesser = '198.51.100.66';
    const answered = [];
    for (let i = 0; i < 61; i += 1) answered.push((await verifyFrom(guess(), guesser)).statusCode);
    expect(answered.slice(0, 60).every((s) => s === 200)).toBe(true);
    const refused = await verifyFrom(guess(), guesser);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    // More distinct citizens than the library's default store (5,000) keeps: the guesser must not be forgotten.
    for (let n = 0; n < 6_000; n += 1) {
      const res = await verifyFrom(guess(), `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
      if (res.statusCode !== 200) expect.fail(`citizen ${n} got ${res.statusCode}`);
    }
    expect((await verifyFrom(token, guesser)).statusCode).toBe(429);
    // Citizens verifying the genuine code are answered.
    for (let n = 0; n < 5; n += 1)
      expect((await verifyFrom(token, `10.200.0.${n}`)).json()).toMatchObject({ status: '真实有效' });
  }, 120_000);
});
