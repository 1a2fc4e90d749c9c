import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgendaTask, agendaGroup, weekEndOf } from '../../src/inspections/inspection-agenda';
import { call, login, type Session } from '../support/http';
import { createTask } from '../support/factories/task.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, setChinaTime, testApp } from '../support/test-platform';

/** The inspector's agenda (我的任务): today, this week, overdue, later, done. */

const december = { from: '2026-12-01', to: '2026-12-31' };
const task = (over: Partial<AgendaTask>): AgendaTask => ({
  status: '已发布',
  window: december,
  visitOn: null,
  resultsDueOn: null,
  mineInspected: false,
  ...over,
});

describe('agenda groups (pure)', () => {
  // Wednesday 9 December 2026; the week ends on Sunday 13 December.
  const today = '2026-12-09';
  const weekEnd = weekEndOf(today);

  it('the week runs Monday to Sunday', () => {
    expect(weekEnd).toBe('2026-12-13');
    expect(weekEndOf('2026-12-07')).toBe('2026-12-13');
    expect(weekEndOf('2026-12-13')).toBe('2026-12-13');
    expect(weekEndOf('2026-12-14')).toBe('2026-12-20');
    expect(weekEndOf('2026-12-28')).toBe('2027-01-03');
  });

  it('places each task by its visit date, window, check-in and deadline', () => {
    const cases: [string, Partial<AgendaTask>, string][] = [
      ['scheduled today', { status: '已排期', visitOn: today }, 'today'],
      [
        'checked in, within the results deadline',
        { status: '检查中', visitOn: '2026-12-08', resultsDueOn: '2026-12-17' },
        'today',
      ],
      [
        'checked in, deadline passed',
        { status: '检查中', visitOn: '2026-11-27', resultsDueOn: '2026-12-08' },
        'overdue',
      ],
      ['scheduled for Friday', { status: '已排期', visitOn: '2026-12-11' }, 'week'],
      ['scheduled for Sunday', { status: '已排期', visitOn: '2026-12-13' }, 'week'],
      ['scheduled for next Monday', { status: '已排期', visitOn: '2026-12-14' }, 'later'],
      ['scheduled day passed without check-in', { status: '已排期', visitOn: '2026-12-08' }, 'overdue'],
      ['not scheduled, window ends this week', { window: { from: '2026-11-20', to: '2026-12-12' } }, 'week'],
      ['not scheduled, window open long after', {}, 'later'],
      ['window ended, never inspected', { window: { from: '2026-11-01', to: '2026-12-08' } }, 'overdue'],
      ['inspected by every department', { status: '已检查', visitOn: '2026-12-01' }, 'done'],
      ['own department submitted, another still recording', { status: '检查中', mineInspected: true }, 'done'],
    ];
    for (const [what, over, group] of cases) expect(agendaGroup(task(over), today, weekEnd), what).toBe(group);
  });
});

describe('GET /api/inspections/mine', () => {
  let t: TestApp;
  let jc: Session;
  let yjglJc: Session;
  let staff: Session;

  async function moveToAndSignIn(iso: string): Promise<void> {
    setChinaTime(t, iso);
    [jc, yjglJc, staff] = await Promise.all(['scjg_jc01', 'yjgl_jc01', 'scjg_staff'].map((u) => login(t.app, u)));
  }
  const schedule = async (taskNo: string, visitOn: string) =>
    expect((await call(t.app, staff, 'PUT', `/api/inspections/${taskNo}/schedule`, { visitOn })).statusCode).toBe(200);

  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it("groups the inspector's tasks with the results deadline; a joint task is done for a department that submitted", async () => {
    const scjg = await inspectorOf(t, 'scjg_jc01');
    const yjgl = await inspectorOf(t, 'yjgl_jc01');
    await moveToAndSignIn('2026-12-04T09:00:00');
    const make = async (items = ['SCJG-CC-02']) =>
      (await createTask(t, { items, inspectors: items.length > 1 ? [scjg, yjgl] : [scjg] })).taskNo;
    const [missed, today, friday, later, unscheduled, joint] = [
      await make(),
      await make(),
      await make(),
      await make(),
      await make(),
      await make(['SCJG-CC-02', 'YJGL-CC-02']),
    ];
    await schedule(missed, '2026-12-07');
    // Wednesday 9 December.
    await moveToAndSignIn('2026-12-09T08:30:00');
    await schedule(today, '2026-12-09');
    await schedule(friday, '2026-12-11');
    await schedule(later, '2026-12-15');
    expect((await call(t.app, jc, 'POST', `/api/inspections/${joint}/check-in`)).statusCode).toBe(200);
    const view = (await call(t.app, jc, 'GET', `/api/inspections/${joint}`)).json() as {
      departments: { id: number; checks: { checkItemId: number }[] }[];
    };
    const mine = view.departments.find((d) => d.id === scjg.departmentId)!.checks;
    const results = mine.map((c) => ({ checkItemId: c.checkItemId, result: '符合' }));
    expect((await call(t.app, jc, 'PUT', `/api/inspections/${joint}/results`, { results })).statusCode).toBe(200);
    expect((await call(t.app, jc, 'POST', `/api/inspections/${joint}/submit`, {})).statusCode).toBe(200);

    type Mine = {
      today: string;
      weekEnd: string;
      items: { taskNo: string; group: string; resultsDueOn: string | null; status: string }[];
    };
    const res = await call(t.app, jc, 'GET', '/api/inspections/mine');
    expect(res.statusCode, res.body).toBe(200);
    const agenda = res.json() as Mine;
    expect(agenda).toMatchObject({ today: '2026-12-09', weekEnd: '2026-12-13' });
    const groupOf = (no: string, list = agenda) => list.items.find((i) => i.taskNo === no)?.group;
    expect([missed, today, friday, later, unscheduled, joint].map((no) => groupOf(no))).toEqual([
      'overdue',
      'today',
      'week',
      'later',
      'later',
      'done',
    ]);
    // For the other department's inspector the joint task is still in progress today, with its deadline
    // (checked in on Wednesday 9 December: the 7th working day after is Friday 18 December).
    const theirs = (await call(t.app, yjglJc, 'GET', '/api/inspections/mine')).json() as Mine;
    expect(theirs.items.find((i) => i.taskNo === joint)).toMatchObject({
      group: 'today',
      status: '检查中',
      resultsDueOn: '2026-12-18',
    });
  });
});
