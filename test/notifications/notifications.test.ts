import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { dispatchOutbox } from '../../src/notifications/outbox.service';
import { call, login, type Session } from '../support/http';
import { createDrawRecord } from '../support/factories/draw-record.factory';
import { createTask } from '../support/factories/task.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, testApp, testConfig, setChinaTime } from '../support/test-platform';

let t: TestApp;
let scjg: { id: number; departmentId: number };
let yjgl: { id: number; departmentId: number };

interface Item {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  taskNo: string | null;
  readAt: string | null;
}
interface List {
  items: Item[];
  total: number;
  unread: number;
}
interface Outbound {
  id: number;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  recipient: { username: string; phone: string };
  taskNo: string | null;
}

/** Every notification of the session's user for one task (pages through the list). */
async function notificationsFor(session: Session, taskNo: string): Promise<Item[]> {
  const found: Item[] = [];
  for (let page = 1; ; page += 1) {
    const res = await call(t.app, session, 'GET', `/api/notifications?pageSize=200&page=${page}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as List;
    found.push(...list.items.filter((i) => i.taskNo === taskNo));
    if (page * 200 >= list.total) return found;
  }
}

/** The outbound message ids of one task's notifications. */
async function messageIdsOf(taskNo: string): Promise<number[]> {
  const rows = await t.deps.db
    .selectFrom('outbound_messages as m')
    .innerJoin('notifications as n', 'n.id', 'm.notification_id')
    .select('m.id')
    .where('n.task_no', '=', taskNo)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** A draw record with two 待发布 tasks (the draw itself is tested elsewhere). */
async function unpublishedRecord(): Promise<{
  recordNo: string;
  joint: { taskNo: string; subjectName: string };
  single: { taskNo: string };
}> {
  const record = await createDrawRecord(t);
  const drawn = { source: '抽取', drawRecordId: record.id, status: '待发布' } as const;
  return {
    recordNo: record.recordNo,
    joint: await createTask(t, {
      ...drawn,
      items: ['SCJG-CC-02', 'YJGL-CC-02'],
      inspectors: [scjg, yjgl],
      subjectOffset: 20,
    }),
    single: await createTask(t, { ...drawn, items: ['SCJG-CC-02'], inspectors: [scjg], subjectOffset: 21 }),
  };
}

/** A local gateway: records what it receives and answers with `status`. */
function gateway() {
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res
        .writeHead(state.status, { 'content-type': 'application/json' })
        .end(state.status === 200 ? '{"ok":true}' : '{"error":"网关内部错误"}');
    });
  });
  return {
    received,
    state,
    server,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`),
        ),
      ),
  };
}

const secret = 'lianjian-test-secret-0123456789';
const gw = gateway();
let gatewayApp: TestApp;

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  yjgl = await inspectorOf(t, 'yjgl_jc01');
  const url = await gw.listen();
  gatewayApp = await testApp({ notify: { webhook: { url, secret }, intervalSeconds: 0, maxAttempts: 2 } });
});
afterAll(async () => {
  await t.app.close();
  await gatewayApp.app.close();
  await new Promise((resolve) => gw.server.close(resolve));
});

describe('notifications', () => {
  let published: Awaited<ReturnType<typeof unpublishedRecord>>;

  it('publishing the task announcement notifies the assigned inspectors’ users, each with a link to the task', async () => {
    setChinaTime(t, '2026-11-30T09:00:00');
    published = await unpublishedRecord();
    const lianxi = await login(t.app, 'lianxi');
    const res = await call(t.app, lianxi, 'POST', `/api/draw-records/${published.recordNo}/publish`, {});
    expect(res.statusCode, res.body).toBe(200);
    const [jc, yj] = await Promise.all([login(t.app, 'scjg_jc01'), login(t.app, 'yjgl_jc01')]);
    const mineJoint = await notificationsFor(jc, published.joint.taskNo);
    expect(mineJoint).toHaveLength(1);
    expect(mineJoint[0]).toMatchObject({
      kind: 'task_published',
      title: `新检查任务 ${published.joint.taskNo}（${published.joint.subjectName}）`,
      link: `/m/tasks/${published.joint.taskNo}`,
      readAt: null,
    });
    expect(mineJoint[0]!.body).toContain('检查期 2026-12-01 至 2026-12-31');
    expect(await notificationsFor(jc, published.single.taskNo)).toHaveLength(1);
    expect(await notificationsFor(yj, published.joint.taskNo)).toHaveLength(1);
    // yjgl_jc01 is not on the single-department task.
    expect(await notificationsFor(yj, published.single.taskNo)).toHaveLength(0);
    // Every notification has its outbound message, waiting to be sent.
    const outbound = await t.deps.db
      .selectFrom('outbound_messages as m')
      .innerJoin('notifications as n', 'n.id', 'm.notification_id')
      .select(['m.status', 'm.attempts'])
      .where('n.task_no', 'in', [published.joint.taskNo, published.single.taskNo])
      .execute();
    expect(outbound).toEqual([
      { status: '待发送', attempts: 0 },
      { status: '待发送', attempts: 0 },
      { status: '待发送', attempts: 0 },
    ]);
  });

  it('a user sees, reads and counts only their own notifications', async () => {
    const [jc, yj] = await Promise.all([login(t.app, 'scjg_jc01'), login(t.app, 'yjgl_jc01')]);
    const mine = (await notificationsFor(jc, published.single.taskNo))[0]!;
    // Another user can neither read it nor mark it read.
    expect((await call(t.app, yj, 'POST', `/api/notifications/${mine.id}/read`)).statusCode).toBe(404);
    const theirs = await t.deps.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(theirs.read_at).toBeNull();
    const before = (await call(t.app, jc, 'GET', '/api/notifications/unread-count')).json() as { unread: number };
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const read = await call(t.app, jc, 'POST', `/api/notifications/${mine.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as Item).readAt).not.toBeNull();
    const after = (await call(t.app, jc, 'GET', '/api/notifications/unread-count')).json() as { unread: number };
    expect(after.unread).toBe(before.unread - 1);
    // The unread filter leaves the read one out; unread ones come first in the full list.
    const unreadOnly = (await call(t.app, jc, 'GET', '/api/notifications?unread=true&pageSize=200')).json() as List;
    expect(unreadOnly.items.some((i) => i.id === mine.id)).toBe(false);
    expect(unreadOnly.items.every((i) => i.readAt === null)).toBe(true);
    const all = (await call(t.app, jc, 'GET', '/api/notifications?pageSize=200')).json() as List;
    const firstRead = all.items.findIndex((i) => i.readAt !== null);
    expect(all.items.slice(firstRead).every((i) => i.readAt !== null)).toBe(true);
    // The other user's list has nothing of this user's.
    const ids = new Set(
      (
        await t.deps.db
          .selectFrom('notifications as n')
          .innerJoin('users as u', 'u.id', 'n.user_id')
          .select('n.id')
          .where('u.username', '=', 'scjg_jc01')
          .execute()
      ).map((r) => Number(r.id)),
    );
    for (let page = 1; ; page += 1) {
      const list = (await call(t.app, yj, 'GET', `/api/notifications?pageSize=200&page=${page}`)).json() as List;
      expect(list.items.filter((i) => ids.has(i.id))).toEqual([]);
      if (page * 200 >= list.total) break;
    }
    const all2 = await call(t.app, jc, 'POST', '/api/notifications/read-all');
    expect((all2.json() as { updated: number }).updated).toBe(after.unread);
    expect(
      ((await call(t.app, jc, 'GET', '/api/notifications/unread-count')).json() as { unread: number }).unread,
    ).toBe(0);
    expect((await call(t.app, null, 'GET', '/api/notifications')).statusCode).toBe(401);
  });

  it('polling the unread count does not keep an idle session alive', async () => {
    const jc = await login(t.app, 'scjg_jc01');
    t.clock.advanceMinutes(20);
    expect((await call(t.app, jc, 'GET', '/api/notifications/unread-count')).statusCode).toBe(200);
    t.clock.advanceMinutes(15);
    // 35 minutes since the last real request: the 30-minute idle timeout has ended the session.
    const res = await call(t.app, jc, 'GET', '/api/notifications');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('未操作');
  });

  it('scheduling and rescheduling notify the task’s inspectors, a change with its reason', async () => {
    setChinaTime(t, '2026-12-01T09:00:00');
    const staff = await login(t.app, 'scjg_staff');
    const taskNo = published.single.taskNo;
    expect(
      (await call(t.app, staff, 'PUT', `/api/inspections/${taskNo}/schedule`, { visitOn: '2026-12-08' })).statusCode,
    ).toBe(200);
    const moved = await call(t.app, staff, 'PUT', `/api/inspections/${taskNo}/schedule`, {
      visitOn: '2026-12-10',
      reason: '企业负责人出差',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const jc = await login(t.app, 'scjg_jc01');
    const mine = await notificationsFor(jc, taskNo);
    const scheduled = mine.find((i) => i.kind === 'visit_scheduled');
    const rescheduled = mine.find((i) => i.kind === 'visit_rescheduled');
    expect(scheduled?.body).toBe('检查日期：2026-12-08');
    expect(rescheduled?.title).toBe(`检查任务 ${taskNo} 改期至 2026-12-10`);
    expect(rescheduled?.body).toBe('检查日期由 2026-12-08 改为 2026-12-10，改期理由：企业负责人出差');
    // A failed reschedule (no reason) notifies nobody: the notification commits with the change or not at all.
    expect(
      (await call(t.app, staff, 'PUT', `/api/inspections/${taskNo}/schedule`, { visitOn: '2026-12-11' })).statusCode,
    ).toBe(400);
    expect(await notificationsFor(jc, taskNo)).toHaveLength(mine.length);
  });

  it('the webhook adapter POSTs each message once with its id and an HMAC-SHA256 signature; the message becomes 已发送', async () => {
    const ids = await messageIdsOf(published.joint.taskNo);
    expect(ids).toHaveLength(2);
    gw.state.status = 200;
    gatewayApp.clock.advanceMinutes((t.clock.now().getTime() - gatewayApp.clock.now().getTime()) / 60_000);
    const report = await dispatchOutbox(gatewayApp.deps, { ids });
    expect(report).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const mine = gw.received.filter((r) => ids.includes(Number(r.headers['x-lianjian-message-id'])));
    expect(mine).toHaveLength(2);
    for (const r of mine) {
      expect(r.headers['x-lianjian-signature']).toBe(createHmac('sha256', secret).update(r.body).digest('hex'));
      expect(r.headers['content-type']).toContain('application/json');
      const payload = JSON.parse(r.body) as {
        messageId: number;
        recipient: { name: string; phone: string };
        title: string;
        link: string;
        taskNo: string;
      };
      expect(payload.messageId).toBe(Number(r.headers['x-lianjian-message-id']));
      expect(payload.taskNo).toBe(published.joint.taskNo);
      expect(payload.link).toBe(`/m/tasks/${published.joint.taskNo}`);
      expect(payload.recipient.phone).toMatch(/^1\d{10}$/);
      expect(payload.title).toContain('新检查任务');
    }
    expect(mine.map((r) => (JSON.parse(r.body) as { recipient: { name: string } }).recipient.name).sort()).toEqual([
      '刘志强',
      '赵磊',
    ]);
    const rows = await t.deps.db
      .selectFrom('outbound_messages')
      .select(['status', 'attempts', 'sent_at'])
      .where('id', 'in', ids)
      .execute();
    expect(rows.every((r) => r.status === '已发送' && r.sent_at !== null)).toBe(true);
    // Never sent twice: a second dispatch finds nothing to claim.
    expect(await dispatchOutbox(gatewayApp.deps, { ids })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(gw.received.filter((r) => ids.includes(Number(r.headers['x-lianjian-message-id'])))).toHaveLength(2);
  });

  it('a gateway answering 500 leaves the message for a later retry, then 发送失败 after the configured attempts; an administrator resends it', async () => {
    const [id] = await messageIdsOf(published.single.taskNo);
    gw.state.status = 500;
    expect(await dispatchOutbox(gatewayApp.deps, { ids: [id!] })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const first = await t.deps.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({ status: '待发送', attempts: 1, sent_at: null });
    expect(first.last_error).toContain('HTTP 500');
    expect(first.next_attempt_at.getTime() - gatewayApp.clock.now().getTime()).toBe(60_000);
    // Not due yet: nothing is sent before the backoff has passed.
    expect(await dispatchOutbox(gatewayApp.deps, { ids: [id!] })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    gatewayApp.clock.advanceMinutes(2);
    expect(await dispatchOutbox(gatewayApp.deps, { ids: [id!] })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = await t.deps.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: '发送失败', attempts: 2 });
    expect(gw.received.filter((r) => Number(r.headers['x-lianjian-message-id']) === id)).toHaveLength(2);

    // The admin page lists it as failed; an inspector may not see the log; 重发 sends it (the gateway is back).
    const admin = await login(gatewayApp.app, 'admin');
    const jc = await login(gatewayApp.app, 'scjg_jc01');
    expect((await call(gatewayApp.app, jc, 'GET', '/api/outbound-messages')).statusCode).toBe(403);
    const listed = (
      await call(
        gatewayApp.app,
        admin,
        'GET',
        `/api/outbound-messages?status=发送失败&keyword=${published.single.taskNo}`,
      )
    ).json() as { items: Outbound[]; adapter: string; counts: Record<string, number> };
    expect(listed.adapter).toBe('webhook');
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      id,
      status: '发送失败',
      attempts: 2,
      recipient: { username: 'scjg_jc01' },
    });
    expect(listed.counts['发送失败']).toBeGreaterThanOrEqual(1);
    gw.state.status = 200;
    const retried = await call(gatewayApp.app, admin, 'POST', `/api/outbound-messages/${id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id, status: '已发送' });
    expect((await call(gatewayApp.app, admin, 'POST', `/api/outbound-messages/${id}/retry`)).statusCode).toBe(409);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'outbound_message')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([{ action: 'outbound_message.retry' }]);
  });

  it('reminds the department’s inspectors of results not submitted 7 working days after check-in, once a day', async () => {
    setChinaTime(t, '2026-12-01T09:00:00');
    const taskNo = (await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg] })).taskNo;
    const jc = await login(t.app, 'scjg_jc01');
    expect((await call(t.app, jc, 'POST', `/api/inspections/${taskNo}/check-in`)).statusCode).toBe(200);
    const task = await t.deps.db
      .selectFrom('inspection_tasks')
      .select('id')
      .where('task_no', '=', taskNo)
      .executeTakeFirstOrThrow();
    // A joint task visited by market regulation, checked off site by work safety: only the visit's results are awaited.
    const joint = (await createTask(t, { items: ['SCJG-CC-02', 'YJGL-CC-02'], inspectors: [scjg, yjgl] })).taskNo;
    expect((await call(t.app, jc, 'POST', `/api/inspections/${joint}/check-in`)).statusCode).toBe(200);
    const yjglAdmin = await login(t.app, 'yjgl_admin');
    const view = (await call(t.app, yjglAdmin, 'GET', `/api/inspections/${joint}`)).json() as {
      departments: { id: number; checks: { checkItemId: number }[] }[];
    };
    const off = await call(t.app, yjglAdmin, 'POST', `/api/inspection-records/${joint}/offsite`, {
      method: '在线监测数据比对',
      dataSource: '应急管理监测平台',
      conductedOn: '2026-12-01',
      results: view.departments
        .find((d) => d.id === yjgl.departmentId)!
        .checks.map((c) => ({ checkItemId: c.checkItemId, result: '符合' })),
    });
    expect(off.statusCode, off.body).toBe(200);
    const jointId = (
      await t.deps.db.selectFrom('inspection_tasks').select('id').where('task_no', '=', joint).executeTakeFirstOrThrow()
    ).id;
    const remindersOf = () =>
      t.deps.db
        .selectFrom('notification_reminders')
        .select(['kind', 'reminded_on'])
        .where('task_id', '=', task.id)
        .execute();
    // 2026-12-10 is the 7th working day after 12-01: not overdue yet.
    setChinaTime(t, '2026-12-10T18:00:00');
    let admin = await login(t.app, 'admin');
    const early = await call(t.app, admin, 'POST', '/api/notifications/reminders/run');
    expect(early.statusCode, early.body).toBe(200);
    expect(await remindersOf()).toEqual([]);
    // 12-11 is the 8th working day: one reminder, and the same day again nothing new.
    setChinaTime(t, '2026-12-11T09:00:00');
    admin = await login(t.app, 'admin');
    expect((await call(t.app, admin, 'POST', '/api/notifications/reminders/run')).statusCode).toBe(200);
    expect(await remindersOf()).toEqual([{ kind: 'results_overdue', reminded_on: '2026-12-11' }]);
    const jointReminders = await t.deps.db
      .selectFrom('notification_reminders')
      .select(['department_id', 'kind'])
      .where('task_id', '=', jointId)
      .execute();
    expect(jointReminders.map((r) => [Number(r.department_id), r.kind])).toEqual([
      [scjg.departmentId, 'results_overdue'],
    ]);
    t.clock.advanceMinutes(8 * 60);
    admin = await login(t.app, 'admin');
    const again = await call(t.app, admin, 'POST', '/api/notifications/reminders/run');
    expect((again.json() as { skipped: number }).skipped).toBeGreaterThanOrEqual(1);
    expect(await remindersOf()).toHaveLength(1);
    const jc2 = await login(t.app, 'scjg_jc01');
    const mine = await notificationsFor(jc2, taskNo);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'results_overdue',
      title: `检查任务 ${taskNo} 的检查结果逾期未提交`,
      link: `/m/tasks/${taskNo}`,
    });
    expect(mine[0]!.body).toContain('2026-12-10 前');
    // An inspector may not run the reminders.
    expect((await call(t.app, jc2, 'POST', '/api/notifications/reminders/run')).statusCode).toBe(403);
  });

  it('reminds the department’s approvers of results not published within 20 working days, and the inspectors of a feedback sheet past its promised date once per promise', async () => {
    // Late publication: checked in on 11-02, nothing approved by 12-15 (far beyond 20 working days).
    setChinaTime(t, '2026-11-02T09:00:00');
    const late = (
      await createTask(t, {
        items: ['SCJG-CC-02'],
        inspectors: [scjg],
        window: { from: '2026-11-01', to: '2026-11-30' },
      })
    ).taskNo;
    expect(
      (await call(t.app, await login(t.app, 'scjg_jc01'), 'POST', `/api/inspections/${late}/check-in`)).statusCode,
    ).toBe(200);
    // Feedback sheet: all results recorded and submitted on 12-01 with the sheet promised for 12-03.
    setChinaTime(t, '2026-12-01T09:00:00');
    const promised = (await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg] })).taskNo;
    let jc = await login(t.app, 'scjg_jc01');
    expect((await call(t.app, jc, 'POST', `/api/inspections/${promised}/check-in`)).statusCode).toBe(200);
    const view = (await call(t.app, jc, 'GET', `/api/inspections/${promised}`)).json() as {
      departments: { checks: { checkItemId: number }[] }[];
    };
    for (const check of view.departments.flatMap((d) => d.checks)) {
      expect(
        (await call(t.app, jc, 'PUT', `/api/inspections/${promised}/results/${check.checkItemId}`, { result: '符合' }))
          .statusCode,
      ).toBe(200);
    }
    const submitted = await call(t.app, jc, 'POST', `/api/inspections/${promised}/submit`, {
      feedbackPromisedOn: '2026-12-03',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const kindsOf = async (taskNo: string) =>
      await t.deps.db
        .selectFrom('notification_reminders as r')
        .innerJoin('inspection_tasks as t', 't.id', 'r.task_id')
        .select(['r.kind', 'r.reminded_on'])
        .where('t.task_no', '=', taskNo)
        .orderBy('r.kind')
        .orderBy('r.reminded_on')
        .execute();
    setChinaTime(t, '2026-12-04T09:00:00');
    expect(
      (await call(t.app, await login(t.app, 'admin'), 'POST', '/api/notifications/reminders/run')).statusCode,
    ).toBe(200);
    expect(await kindsOf(promised)).toEqual([{ kind: 'feedback_overdue', reminded_on: '2026-12-03' }]);
    setChinaTime(t, '2026-12-15T09:00:00');
    expect(
      (await call(t.app, await login(t.app, 'admin'), 'POST', '/api/notifications/reminders/run')).statusCode,
    ).toBe(200);
    // Still one feedback reminder for that promise; the late task was overdue on both days and is reminded on each.
    expect(await kindsOf(promised)).toEqual([{ kind: 'feedback_overdue', reminded_on: '2026-12-03' }]);
    expect(await kindsOf(late)).toEqual(
      ['publication_overdue', 'results_overdue'].flatMap((kind) =>
        ['2026-12-04', '2026-12-15'].map((day) => ({ kind, reminded_on: day })),
      ),
    );

    const [approver, staff] = await Promise.all([login(t.app, 'scjg_admin'), login(t.app, 'scjg_staff')]);
    jc = await login(t.app, 'scjg_jc01');
    expect((await notificationsFor(approver, late)).map((n) => [n.kind, n.link])).toEqual([
      ['publication_overdue', '/results/deadlines'],
      ['publication_overdue', '/results/deadlines'],
    ]);
    // scjg_staff cannot approve results: not reminded of publication.
    expect(await notificationsFor(staff, late)).toEqual([]);
    expect((await notificationsFor(jc, late)).map((n) => n.kind)).toEqual(['results_overdue', 'results_overdue']);
    const feedback = await notificationsFor(jc, promised);
    expect(feedback.filter((n) => n.kind === 'feedback_overdue')).toHaveLength(1);
    expect(feedback.find((n) => n.kind === 'feedback_overdue')!.body).toContain('承诺于 2026-12-03');
  });

  it('the dispatcher timer sends after commit and app.close() stops it', async () => {
    gw.state.status = 200;
    const timed = await testApp({
      notify: {
        webhook: { url: gatewayApp.deps.config.notify.webhook!.url, secret },
        intervalSeconds: 3600,
        maxAttempts: 2,
      },
    });
    timed.clock.advanceMinutes((t.clock.now().getTime() - timed.clock.now().getTime()) / 60_000 - 60 * 24 * 9);
    const staff = await login(timed.app, 'scjg_staff');
    const taskNo = (await createTask(timed, { items: ['SCJG-CC-02'], inspectors: [scjg] })).taskNo;
    expect(
      (await call(timed.app, staff, 'PUT', `/api/inspections/${taskNo}/schedule`, { visitOn: '2026-12-21' }))
        .statusCode,
    ).toBe(200);
    const [id] = await messageIdsOf(taskNo);
    for (let i = 0; i < 100 && !gw.received.some((r) => Number(r.headers['x-lianjian-message-id']) === id); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    expect(gw.received.filter((r) => Number(r.headers['x-lianjian-message-id']) === id)).toHaveLength(1);
    await timed.app.close();
    const row = await t.deps.db
      .selectFrom('outbound_messages')
      .select('status')
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('已发送');
  });
});

describe('notification config', () => {
  it('refuses a webhook URL without a signing secret, in Chinese', () => {
    expect(() => loadConfig({ LIANJIAN_NOTIFY_WEBHOOK_URL: 'https://gateway.example.gov.cn/sms' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ LIANJIAN_NOTIFY_WEBHOOK_URL: 'https://gateway.example.gov.cn/sms' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^LIANJIAN_NOTIFY_WEBHOOK_SECRET=undefined：设置了消息推送地址 .*必须同时设置签名密钥/),
      ]);
    }
    const ok = loadConfig({
      LIANJIAN_NOTIFY_WEBHOOK_URL: 'https://gateway.example.gov.cn/sms',
      LIANJIAN_NOTIFY_WEBHOOK_SECRET: secret,
    });
    expect(ok.notify).toEqual({
      webhook: { url: 'https://gateway.example.gov.cn/sms', secret },
      intervalSeconds: 60,
      maxAttempts: 5,
    });
    expect(loadConfig({}).notify.webhook).toBeNull();
    expect(testConfig().notify.intervalSeconds).toBe(0);
  });
});
