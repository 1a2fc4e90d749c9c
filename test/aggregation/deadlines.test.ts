import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAnomalyReminders } from '../../src/aggregation/anomaly.service';
import { anomalyDueOn } from '../../src/aggregation/anomaly-deadline';
import { previousMonth } from '../../src/aggregation/completeness-check.service';
import { workCalendar } from '../../src/calendar/calendar.service';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';
import { bearerFor, type Facts, inspectionFacts, inspectionRecord } from './aggregation-support';

let t: TestApp;
let admin: Session;
let scjg: Session;
let scjgSystem: Session;
let yjglSystem: Session;
let lianxi: Session;
let f: Facts;
let y: Facts;

const send = (session: Session, records: unknown[]) =>
  call(t.app, session, 'POST', '/api/aggregation/batches', { 数据类别: '行政检查', 记录: records });
const anomalyOf = async (key: string) =>
  t.deps.db
    .selectFrom('data_anomalies')
    .selectAll()
    .where('record_key', '=', `${f.department.code}${key}`)
    .executeTakeFirstOrThrow();
const remindersOf = (id: number) =>
  t.deps.db.selectFrom('anomaly_reminders').select('phase').where('anomaly_id', '=', id).orderBy('phase').execute();

beforeAll(async () => {
  t = await testApp();
  [admin, scjg, lianxi] = await Promise.all(['admin', 'scjg_admin', 'lianxi'].map((u) => login(t.app, u)));
  scjgSystem = await bearerFor(t, admin, 'scjg_admin');
  yjglSystem = await bearerFor(t, admin, 'yjgl_admin');
  f = await inspectionFacts(t, 'scjg_admin');
  y = await inspectionFacts(t, 'yjgl_admin');
});
afterAll(async () => {
  await t.app.close();
});

describe('the 5-working-day deadline', () => {
  it('counts working days only: across a weekend, and across National Day with its make-up Saturday', async () => {
    const cal = await workCalendar(t.deps.db);
    // Thursday 12-03: Fri 04, Mon 07, Tue 08, Wed 09, Thu 10.
    expect(anomalyDueOn(cal, '2026-12-03')).toBe('2026-12-10');
    // Wednesday 09-30: 10-01…10-07 are the holiday; Thu 08, Fri 09, Sat 10 (调休上班), Mon 12, Tue 13.
    expect(anomalyDueOn(cal, '2026-09-30')).toBe('2026-10-13');
    // Detected on a Sunday: the first working day after it counts as day 1.
    expect(anomalyDueOn(cal, '2026-12-06')).toBe('2026-12-11');
  });

  it('an anomaly detected before National Day is due on 10-13 through the intake', async () => {
    setChinaTime(t, '2026-09-30T16:00:00');
    const key = `ND${unique().tag}`;
    const res = await send(scjgSystem, [inspectionRecord(f, key, { 检查结果: '很好' })]);
    expect(res.json().results[0].problems[0].dueOn).toBe('2026-10-13');
    expect((await anomalyOf(key)).due_on).toBe('2026-10-13');
  });
});

describe('a deadline the calendar could not give at detection', () => {
  it('is filled in by the hourly job once the year is known (the anomaly then counts as overdue like any other)', async () => {
    const { id } = await t.deps.db
      .insertInto('data_anomalies')
      .values({
        department_id: f.department.id,
        batch_id: null,
        record_kind: '行政检查',
        row_no: null,
        field: '检查结果',
        field_label: '检查结果',
        problem: '报送错误',
        message: '年度节假日安排载入前发现的异常',
        detected_at: new Date('2026-12-03T10:00:00+08:00'),
        due_on: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sendAnomalyReminders(t.deps, new Date('2026-12-04T09:00:00+08:00'));
    const row = await t.deps.db
      .selectFrom('data_anomalies')
      .select('due_on')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.due_on).toBe('2026-12-10');
  });
});

describe('reminders and the overdue list', () => {
  it('reminds once the working day before the deadline and once when overdue; lists it as overdue', async () => {
    setChinaTime(t, '2026-12-03T10:00:00');
    const key = `RM${unique().tag}`;
    await send(scjgSystem, [inspectionRecord(f, key, { 检查形式: '5' })]);
    const anomaly = await anomalyOf(key);
    expect(anomaly.due_on).toBe('2026-12-10');

    await sendAnomalyReminders(t.deps, new Date('2026-12-08T09:00:00+08:00'));
    expect(await remindersOf(anomaly.id)).toEqual([]);
    await sendAnomalyReminders(t.deps, new Date('2026-12-09T09:00:00+08:00'));
    await sendAnomalyReminders(t.deps, new Date('2026-12-09T10:00:00+08:00'));
    expect(await remindersOf(anomaly.id)).toEqual([{ phase: 'due_soon' }]);
    await sendAnomalyReminders(t.deps, new Date('2026-12-10T09:00:00+08:00'));
    expect(await remindersOf(anomaly.id)).toEqual([{ phase: 'due_soon' }]);
    await sendAnomalyReminders(t.deps, new Date('2026-12-11T09:00:00+08:00'));
    await sendAnomalyReminders(t.deps, new Date('2026-12-14T09:00:00+08:00'));
    expect(await remindersOf(anomaly.id)).toEqual([{ phase: 'due_soon' }, { phase: 'overdue' }]);

    const scjgUser = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'scjg_admin')
      .executeTakeFirstOrThrow();
    const notes = await t.deps.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('user_id', '=', scjgUser.id)
      .where('body', 'like', `%${anomaly.record_key}%`)
      .orderBy('id')
      .execute();
    expect(notes.map((n) => n.kind)).toEqual(['anomaly_due', 'anomaly_overdue']);

    setChinaTime(t, '2026-12-11T09:00:00');
    [scjg, lianxi] = await Promise.all(['scjg_admin', 'lianxi'].map((u) => login(t.app, u)));
    const overdue = await call(t.app, scjg, 'GET', '/api/aggregation/anomalies?overdue=true&pageSize=200');
    const mine = overdue.json().items.find((a: { id: number }) => a.id === anomaly.id);
    expect(mine).toMatchObject({ dueOn: '2026-12-10', daysLeft: -1, status: '待整改' });
    const summary = await call(t.app, lianxi, 'GET', '/api/aggregation/anomalies/overdue');
    expect(
      summary.json().departments.find((d: { departmentId: number }) => d.departmentId === f.department.id)?.overdue,
    ).toBeGreaterThan(0);
    setChinaTime(t, '2026-12-09T09:00:00');
    scjg = await login(t.app, 'scjg_admin');
    const soon = await call(t.app, scjg, 'GET', '/api/aggregation/anomalies?status=待整改&pageSize=200');
    expect(soon.json().items.find((a: { id: number }) => a.id === anomaly.id)?.daysLeft).toBe(1);
  });
});

describe('the completeness check (未报送)', () => {
  it('raises 未报送 for a department with items in force and no inspection data last month, once; a report closes it', async () => {
    expect(previousMonth('2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31', name: '2025-12' });
    setChinaTime(t, '2026-08-04T09:00:00');
    [scjg, lianxi] = await Promise.all(['scjg_admin', 'lianxi'].map((u) => login(t.app, u)));
    const sent = await send(scjgSystem, [
      inspectionRecord(f, `JUL${unique().tag}`, { 检查时间: '2026-07-15', 报送时间: '2026-07-16' }),
    ]);
    expect(sent.json().acceptedCount).toBe(1);
    expect((await call(t.app, scjg, 'POST', '/api/aggregation/completeness-check')).statusCode).toBe(403);
    const run = await call(t.app, lianxi, 'POST', '/api/aggregation/completeness-check');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ period: '2026-07', skipped: false });
    const missing = (departmentId: number) =>
      t.deps.db
        .selectFrom('data_anomalies')
        .selectAll()
        .where('department_id', '=', departmentId)
        .where('problem', '=', '未报送')
        .where('message', 'like', '2026-07 月%')
        .execute();
    expect(await missing(f.department.id)).toEqual([]);
    const raised = await missing(y.department.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ status: '待整改', record_kind: '行政检查', due_on: '2026-08-11' });

    const again = await call(t.app, lianxi, 'POST', '/api/aggregation/completeness-check');
    expect(again.json().raised).toBe(0);
    expect(await missing(y.department.id)).toHaveLength(1);

    expect(raised[0]!.record_key).toBe('未报送:2026-07');

    // Data of another month does not make up for July's.
    const august = await send(yjglSystem, [
      inspectionRecord(y, `AUG${unique().tag}`, { 检查时间: '2026-08-03', 报送时间: '2026-08-04' }),
    ]);
    expect(august.json().acceptedCount, august.body).toBe(1);
    expect((await missing(y.department.id))[0]).toMatchObject({ status: '待整改' });

    const fixed = await send(yjglSystem, [
      inspectionRecord(y, `JUL${unique().tag}`, { 检查时间: '2026-07-20', 报送时间: '2026-07-21' }),
    ]);
    expect(fixed.json().acceptedCount, fixed.body).toBe(1);
    expect((await missing(y.department.id))[0]).toMatchObject({
      status: '已整改',
      resolved_batch_id: fixed.json().batchId,
    });
  });
});
