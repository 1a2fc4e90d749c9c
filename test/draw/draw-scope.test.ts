import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { afterTheDraw, drawsAtIn } from './draw-fixtures';

// Draw records, their files and the staff self-check within the reader's scope (hardening finding 5): a
// department-scoped reader sees only tasks holding its department's items, only its items in the frame and
// measures; the joint office sees everything; the public verification material is unchanged.

let t: TestApp;
let admin: Session;
let joint: Session; // 联席会议办公室: scope all
let scjgAdmin: Session; // 部门管理员 of 市市场监督管理局: own department
let scjgId: number;
let ownCode: string;
let recordNo: string;

interface RecordView {
  tasks: { key: string; uscc: string; departmentIds: number[]; departments: string[]; inspectorIds: number[] }[];
  unstaffed: { key: string }[];
  measures: { items: { code: string }[]; tasks: number };
}

beforeAll(async () => {
  t = await testApp();
  // Early summer 2026: the window below lies ahead (a commitment to a window already past is refused).
  setChinaTime(t, '2026-06-20T10:00:00');
  [admin, joint, scjgAdmin] = await Promise.all(['admin', 'lianxi', 'scjg_admin'].map((u) => login(t.app, u)));
  const db = t.deps.db;
  scjgId = (
    await db.selectFrom('users').select('department_id').where('username', '=', 'scjg_admin').executeTakeFirstOrThrow()
  ).department_id;
  const items = await db
    .selectFrom('sampling_items')
    .select(['id', 'code', 'department_id'])
    .where('published', '=', true)
    .where('status', '=', '有效')
    .orderBy('id')
    .execute();
  // One item of 市场监管 and one of each of two other departments.
  const own = items.find((i) => i.department_id === scjgId)!;
  const others = new Map<number, number>();
  for (const i of items)
    if (i.department_id !== scjgId && !others.has(i.department_id)) others.set(i.department_id, i.id);
  ownCode = own.code;
  const ids = [own.id, ...[...others.values()].slice(0, 2)];
  expect(ids).toHaveLength(3);
  const round = await call(t.app, admin, 'POST', '/api/draws', {
    title: '2026 年第三季度跨部门联合抽查（范围测试）',
    year: 2026,
    window: { from: '2026-07-01', to: '2026-09-30' },
    samplingItemIds: ids,
    design: 'fixed',
    entropy: { kind: 'lottery', description: '福彩双色球开奖号码', sources: 2, drawsAt: drawsAtIn(t.clock) },
  });
  expect(round.statusCode, round.body).toBe(200);
  afterTheDraw(t.clock);
  const drawn = await call(t.app, admin, 'POST', `/api/draws/${round.json().roundNo}/records`, {
    reveal: { kind: 'lottery', keyString: '3.7.11./5.9./' },
  });
  expect(drawn.statusCode, drawn.body).toBe(200);
  recordNo = drawn.json().recordNo;
});
afterAll(() => t.app.close());

const get = (who: Session | null, path: string) => call(t.app, who, 'GET', `/api/draw-records/${recordNo}${path}`);
const csvRows = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .slice(1);

describe('draw records within the reader’s scope', () => {
  it('a department admin reads only the tasks, unstaffed tasks and item measures of its own department; the joint office reads all', async () => {
    const all = (await get(joint, '')).json() as RecordView;
    const own = (await get(scjgAdmin, '')).json() as RecordView;
    expect(all.measures.items).toHaveLength(3);
    const foreign = all.tasks.filter((x) => !x.departmentIds.includes(scjgId));
    expect(foreign.length, 'tasks without a 市场监管 item').toBeGreaterThan(0);
    expect(own.tasks.length).toBeGreaterThan(0);
    expect(own.tasks).toEqual(all.tasks.filter((x) => x.departmentIds.includes(scjgId)));
    expect(own.tasks.map((x) => x.uscc)).not.toContain(foreign[0]!.uscc);
    const ownKeys = new Set(own.tasks.map((x) => x.key));
    expect(own.unstaffed.every((u) => ownKeys.has(u.key))).toBe(true);
    expect(own.unstaffed).toEqual(all.unstaffed.filter((u) => ownKeys.has(u.key)));
    expect(own.measures.items.map((i) => i.code)).toEqual([ownCode]);
    // A joint task with 市场监管 is shown whole (the other department and its inspectors too).
    for (const task of own.tasks.filter((x) => x.departmentIds.length > 1))
      expect(task).toEqual(all.tasks.find((x) => x.key === task.key));
    expect((await get(admin, '')).json()).toEqual(all);
  });

  it('frame.csv and tasks.csv hold only the department’s rows; the joint office gets every row', async () => {
    const frameAll = csvRows((await get(joint, '/frame.csv')).body);
    const frameOwn = csvRows((await get(scjgAdmin, '/frame.csv')).body);
    expect(new Set(frameAll.map((r) => r.split(',')[1])).size).toBe(3);
    expect(frameOwn.length).toBeGreaterThan(0);
    expect(frameOwn).toEqual(frameAll.filter((r) => r.split(',')[1] === ownCode));

    const all = (await get(joint, '')).json() as RecordView;
    const own = all.tasks.filter((x) => x.departmentIds.includes(scjgId));
    const tasksAll = csvRows((await get(joint, '/tasks.csv')).body);
    const tasksOwn = csvRows((await get(scjgAdmin, '/tasks.csv')).body);
    expect(tasksAll).toHaveLength(all.tasks.length);
    expect(tasksOwn.map((r) => r.split(',')[0])).toEqual(own.map((x) => x.key));
    expect(tasksOwn.every((r) => r.includes('市市场监督管理局'))).toBe(true);
  });

  it('the whole bundle is refused to a department admin and given, identical, to the joint office', async () => {
    const refused = await get(scjgAdmin, '/bundle');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('只有数据范围为全部部门的用户可以下载');
    const whole = await get(joint, '/bundle');
    expect(whole.statusCode).toBe(200);
    expect(whole.body).toBe((await get(admin, '/bundle')).body);
  });

  it('the staff self-check shows a department admin π only for its own items, and no leaf for a subject outside them', async () => {
    const all = (await get(joint, '')).json() as RecordView;
    const foreignOnly = all.tasks.find((x) => !x.departmentIds.includes(scjgId))!;
    type Check = { items: { itemCode: string; pi?: number }[]; leaf: string | null };
    const jointView = (await get(joint, `/self-check?uscc=${foreignOnly.uscc}`)).json() as Check;
    expect(jointView.items.every((i) => i.pi !== undefined)).toBe(true);
    expect(jointView.leaf).not.toBeNull();
    const deptView = (await get(scjgAdmin, `/self-check?uscc=${foreignOnly.uscc}`)).json() as Check;
    expect(deptView.items.filter((i) => i.itemCode !== ownCode).every((i) => i.pi === undefined)).toBe(true);
    const inOwnFrame = deptView.items.some((i) => i.itemCode === ownCode);
    expect(deptView.leaf === null).toBe(!inOwnFrame);

    const ownTask = all.tasks.find((x) => x.departmentIds.includes(scjgId))!;
    const ownView = (await get(scjgAdmin, `/self-check?uscc=${ownTask.uscc}`)).json() as Check;
    expect(ownView.items.find((i) => i.itemCode === ownCode)!.pi).toBeGreaterThan(0);
    expect(ownView.items.filter((i) => i.itemCode !== ownCode).every((i) => i.pi === undefined)).toBe(true);
    expect(ownView.leaf).not.toBeNull();
  });

  it('the review counts only the department’s tasks for a department admin', async () => {
    const all = (await get(joint, '')).json() as RecordView;
    const ownTasks = all.tasks.filter((x) => x.departmentIds.includes(scjgId)).length;
    type Review = { visits: { merged: number }; byCreditClass: { tasks: number }[]; statuses: Record<string, number> };
    const own = (await get(scjgAdmin, '/review')).json() as Review;
    expect(own.visits.merged).toBe(ownTasks);
    expect(own.byCreditClass.reduce((s, c) => s + c.tasks, 0)).toBe(ownTasks);
    expect(Object.values(own.statuses).reduce((s, n) => s + n, 0)).toBe(ownTasks);
    const whole = (await get(joint, '/review')).json() as Review;
    expect(whole.visits.merged).toBe(all.tasks.length);
  });

  it('the public verification material is the same for everyone and still recomputes', async () => {
    const verified = await call(t.app, null, 'GET', `/api/public/draw-records/${recordNo}/verify`);
    expect(verified.json()).toEqual({ recordNo, identical: true, difference: null });
    const all = (await get(joint, '')).json() as RecordView;
    const uscc = all.tasks[0]!.uscc;
    const path = `/api/public/draw-records/${recordNo}/self-check?uscc=${uscc}`;
    const anonymous = await call(t.app, null, 'GET', path);
    expect(anonymous.statusCode).toBe(200);
    expect((await call(t.app, scjgAdmin, 'GET', path)).body).toBe(anonymous.body);
    // The whole bundle the joint office downloads still recomputes, unchanged by the scoping.
    const bundle = await get(joint, '/bundle');
    const outcome = await call(t.app, null, 'POST', '/api/public/draws/verify', JSON.parse(bundle.body));
    expect(outcome.json()).toEqual({ identical: true, difference: null });
  });
});
