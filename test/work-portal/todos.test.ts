import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushedRegistration, quietSubject } from '../support/factories/pushed-registration.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask, moveTask } from '../support/factories/task.factory';
import { addComplaint } from '../support/factories/warning-complaint.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import type { TodoItem, TodoKind, TodoView } from '../../src/work-portal/work-portal.schemas';

let t: TestApp;
let staff: Session;
let admin: Session;
let jc: Session;
let lianxi: Session;
let yjglStaff: Session;
let scjg: number;
let scjgItem: string;

/** Every item of each kind (the test database is shared: other files' pending steps may come earlier). */
const todosOf = async (s: Session): Promise<TodoView> => {
  const res = await call(t.app, s, 'GET', '/api/work-portal/todos?first=500');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TodoView;
};
/** The item of `kind` whose title contains `text`, or undefined. */
const find = (view: TodoView, kind: TodoKind, text: string): TodoItem | undefined =>
  view.groups
    .filter((g) => g.kind === kind)
    .flatMap((g) => g.items)
    .find((i) => i.title.includes(text));

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-12-07T09:00:00');
  [staff, admin, jc, lianxi, yjglStaff] = await Promise.all(
    ['scjg_staff', 'scjg_admin', 'scjg_jc01', 'lianxi', 'yjgl_admin'].map((u) => login(t.app, u)),
  );
  const d = await t.deps.db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '市市场监督管理局')
    .executeTakeFirstOrThrow();
  scjg = Number(d.id);
  scjgItem = (
    await t.deps.db
      .selectFrom('sampling_items')
      .select('code')
      .where('department_id', '=', scjg)
      .executeTakeFirstOrThrow()
  ).code;
});
afterAll(async () => {
  await t.app.close();
});

describe('我的待办', () => {
  it("an inspector's visit of today comes first with its deadline, and leaves once inspected", async () => {
    const crew = [await inspectorOf(t, 'scjg_jc01')];
    const task = await createTask(t, {
      items: [scjgItem],
      inspectors: crew,
      window: { from: '2026-12-01', to: '2026-12-18' },
      subjectOffset: 11,
    });
    const scheduled = await call(t.app, admin, 'PUT', `/api/inspections/${task.taskNo}/schedule`, {
      visitOn: '2026-12-07',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const view = await todosOf(jc);
    expect(view.today).toBe('2026-12-07');
    expect(view.groups[0]!.kind).toBe('today_visits');
    const item = find(view, 'today_visits', task.taskNo)!;
    expect(item).toMatchObject({ dueOn: '2026-12-07', overdue: false, link: `/m/tasks/${task.taskNo}` });
    // Not for an inspector of another department, nor for a desk user without result recording.
    expect(find(await todosOf(yjglStaff), 'today_visits', task.taskNo)).toBeUndefined();
    await moveTask(t, task.id, 'complete');
    expect(find(await todosOf(jc), 'today_visits', task.taskNo)).toBeUndefined();
    expect(find(await todosOf(jc), 'my_tasks', task.taskNo)).toBeUndefined();
  });

  it('an unscheduled task past its window is overdue for the department and leaves when voided', async () => {
    const task = await createTask(t, {
      items: [scjgItem],
      // Due before the tasks other suites leave open for the department, so it is among the listed ones whatever ran first.
      window: { from: '2025-11-03', to: '2025-11-28' },
      subjectOffset: 12,
    });
    const item = find(await todosOf(staff), 'department_tasks', task.taskNo);
    expect(item).toMatchObject({ dueOn: '2025-11-28', overdue: true, link: `/tasks/${task.taskNo}` });
    const group = (await todosOf(staff)).groups.find((g) => g.kind === 'department_tasks')!;
    expect(group.overdue).toBeGreaterThanOrEqual(1);
    expect(find(await todosOf(yjglStaff), 'department_tasks', task.taskNo)).toBeUndefined();
    await moveTask(t, task.id, 'void');
    expect(find(await todosOf(staff), 'department_tasks', task.taskNo)).toBeUndefined();
  });

  it('a complaint awaiting acceptance reaches the department with its acceptance deadline, and leaves once accepted', async () => {
    const subject = await quietSubject(t, 3);
    const ticketNo = await addComplaint(t, { subjectId: subject.id, departmentId: scjg, receivedAt: t.clock.now() });
    await t.deps.db
      .updateTable('complaints')
      .set({ ack_due: '2026-12-08' })
      .where('ticket_no', '=', ticketNo)
      .execute();
    const item = find(await todosOf(staff), 'complaints', ticketNo);
    expect(item).toMatchObject({ dueOn: '2026-12-08', overdue: false, link: `/complaints/${ticketNo}` });
    expect(item!.detail).toContain('待受理');
    expect(find(await todosOf(yjglStaff), 'complaints', ticketNo)).toBeUndefined();
    const accepted = await call(t.app, staff, 'POST', `/api/complaints/${ticketNo}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    const after = find(await todosOf(staff), 'complaints', ticketNo);
    // Accepted: the next step is the check (核查), due by its own deadline.
    expect(after?.detail ?? '待核查').toContain('待核查');
  });

  it('a registration push awaiting acknowledgement (双反馈) appears with its deadline and leaves once acknowledged', async () => {
    const subject = await quietSubject(t, 5);
    const push = await createPushedRegistration(t, { subject, departmentId: scjg, approvalItemCodes: [] });
    const item = find(await todosOf(staff), 'pushes', subject.name);
    expect(item).toMatchObject({ dueOn: '2026-12-31', overdue: false, link: '/dual-notice/inbox' });
    const ack = await call(t.app, staff, 'POST', `/api/dual-notice/pushes/${push.pushId}/acknowledge`, {});
    expect(ack.statusCode, ack.body).toBeLessThan(300);
    expect(find(await todosOf(staff), 'pushes', subject.name)).toBeUndefined();
  });

  it('a data anomaly to fix reaches the sending department with its 5-working-day deadline, and leaves once fixed', async () => {
    // Written directly: the aggregation capability that records anomalies is built alongside this one.
    const tag = unique().tag;
    const row = await t.deps.db
      .insertInto('data_anomalies')
      .values({
        department_id: scjg,
        batch_id: null,
        record_kind: '行政检查',
        record_key: `T${tag}`,
        row_no: null,
        field: 'inspected_on',
        field_label: '检查时间',
        problem: '报送错误',
        message: `检查时间晚于报送时间 ${tag}`,
        detected_at: t.clock.now(),
        due_on: '2026-12-14',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = await todosOf(staff);
    const group = view.groups.find((g) => g.kind === 'anomalies')!;
    const item = group.items.find((i) => i.detail.includes(tag));
    expect(item).toMatchObject({ title: '行政检查数据报送错误', dueOn: '2026-12-14', overdue: false });
    expect(find(await todosOf(yjglStaff), 'anomalies', tag)).toBeUndefined();
    await t.deps.db.updateTable('data_anomalies').set({ status: '已整改' }).where('id', '=', row.id).execute();
    const after = (await todosOf(staff)).groups.find((g) => g.kind === 'anomalies');
    expect(after?.items.some((i) => i.detail.includes(tag)) ?? false).toBe(false);
  });

  it('unread notifications are counted and leave once read; every group is sorted by deadline', async () => {
    const before = (await todosOf(staff)).groups.find((g) => g.kind === 'notifications')?.count ?? 0;
    const readAll = await call(t.app, staff, 'POST', '/api/notifications/read-all', {});
    expect(readAll.statusCode, readAll.body).toBeLessThan(300);
    expect((await todosOf(staff)).groups.find((g) => g.kind === 'notifications')).toBeUndefined();
    expect(before).toBeGreaterThanOrEqual(0);
    for (const s of [staff, lianxi, admin]) {
      const view = await todosOf(s);
      for (const g of view.groups) {
        const dues = g.items.map((i) => i.dueOn).filter((d): d is string => d !== null);
        if (g.kind !== 'notifications') expect(dues, g.title).toEqual([...dues].sort());
        expect(g.count, g.title).toBeGreaterThanOrEqual(g.items.length);
        for (const i of g.items) expect(i.overdue).toBe(i.dueOn !== null && i.dueOn < view.today);
      }
    }
  });
});
