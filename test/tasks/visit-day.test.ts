import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCalendarYears } from '../../src/calendar/builtin-holidays';
import { createWorkCalendar } from '../../src/calendar/work-calendar';
import type { AuditEntryView } from '../../src/audit/audit.schemas';
import type { InspectionView } from '../../src/inspections/inspection.schemas';
import { restDayOf } from '../../src/tasks/visit-day';
import { call, login, type Session } from '../support/http';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask } from '../support/factories/task.factory';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let staff: Session;
let jc: Session;
let office: Session;
let scjg: { id: number; departmentId: number };

/** Moves the test clock to a China-time instant and signs everyone in again (sessions follow the clock). */
async function moveTo(iso: string): Promise<void> {
  setChinaTime(t, iso);
  [staff, jc, office] = await Promise.all(['scjg_staff', 'scjg_jc01', 'lianxi'].map((u) => login(t.app, u)));
}
const schedule = (taskNo: string, body: object) =>
  call(t.app, staff, 'PUT', `/api/inspections/${taskNo}/schedule`, body);
const checkIn = (taskNo: string, body?: object) => call(t.app, jc, 'POST', `/api/inspections/${taskNo}/check-in`, body);
const inspection = async (taskNo: string) =>
  (await call(t.app, office, 'GET', `/api/inspections/${taskNo}`)).json() as InspectionView;
async function lastAudit(taskNo: string, action: string): Promise<AuditEntryView> {
  const res = await call(t.app, office, 'GET', `/api/audit?entityType=inspection_task&entityId=${taskNo}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as AuditEntryView[]).find((e) => e.action === action)!;
}

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
});
afterAll(() => t.app.close());

describe('a visit or a check-in on a rest day asks for confirmation', () => {
  it('scheduling on a Saturday answers 409 naming the day, and goes through once confirmed; the audit says so', async () => {
    await moveTo('2026-12-01T09:00:00');
    const { taskNo } = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg] });
    const asked = await schedule(taskNo, { visitOn: '2026-12-05' });
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      message: '2026-12-05 是休息日（星期六），确认仍在该日安排检查？',
      details: [{ field: 'confirmNonWorkingDay' }],
    });
    expect((await inspection(taskNo)).visit.visitOn).toBeNull();
    // Confirming false is not confirming.
    expect((await schedule(taskNo, { visitOn: '2026-12-05', confirmNonWorkingDay: false })).statusCode).toBe(409);

    const confirmed = await schedule(taskNo, { visitOn: '2026-12-05', confirmNonWorkingDay: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((confirmed.json() as InspectionView).visit.visitOn).toBe('2026-12-05');
    const entry = await lastAudit(taskNo, 'inspection.schedule');
    expect(entry.summary).toBe(`检查任务 ${taskNo} 排期于 2026-12-05（休息日：星期六，已确认）`);
    expect(entry.changes?.['restDayConfirmed']?.[1]).toBe('星期六');

    // Moving it to a working day needs no confirmation, and the audit does not mention a rest day.
    const moved = await schedule(taskNo, { visitOn: '2026-12-07', reason: '企业负责人周末不在岗' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await lastAudit(taskNo, 'inspection.reschedule')).summary).not.toContain('休息日');
  });

  it('checking in on a Saturday answers 409 until confirmed, then starts the inspection; the audit says so', async () => {
    await moveTo('2026-12-01T09:00:00');
    const { taskNo } = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg] });
    await moveTo('2026-12-05T09:30:00');
    const asked = await checkIn(taskNo);
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      message: '2026-12-05 是休息日（星期六），确认仍在该日签到？',
    });
    expect((await inspection(taskNo)).task.status).toBe('已发布');

    const confirmed = await checkIn(taskNo, { confirmNonWorkingDay: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((confirmed.json() as InspectionView).task.status).toBe('检查中');
    expect((confirmed.json() as InspectionView).visit.checkedInOn).toBe('2026-12-05');
    const entry = await lastAudit(taskNo, 'inspection.check_in');
    expect(entry.summary).toContain('（休息日：星期六，已确认）');
    expect(entry.changes?.['restDayConfirmed']?.[1]).toBe('星期六');
  });

  it('names a holiday; a make-up working Saturday (调休上班) is a working day for scheduling and check-in', async () => {
    await moveTo('2026-09-28T09:00:00');
    const { taskNo } = await createTask(t, {
      items: ['SCJG-CC-02'],
      inspectors: [scjg],
      window: { from: '2026-09-28', to: '2026-10-31' },
    });
    const holiday = await schedule(taskNo, { visitOn: '2026-10-01' });
    expect(holiday.statusCode).toBe(409);
    expect(holiday.json().error.message).toBe('2026-10-01 是休息日（国庆节，星期四），确认仍在该日安排检查？');

    const makeUp = await schedule(taskNo, { visitOn: '2026-10-10' });
    expect(makeUp.statusCode, makeUp.body).toBe(200);
    expect((await lastAudit(taskNo, 'inspection.schedule')).summary).toBe(`检查任务 ${taskNo} 排期于 2026-10-10`);

    await moveTo('2026-10-10T09:00:00');
    const checkedIn = await checkIn(taskNo);
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    expect((checkedIn.json() as InspectionView).task.status).toBe('检查中');
  });

  it('knows Saturdays and Sundays of a year whose holiday notice is not loaded, and says it is not', () => {
    const calendar = createWorkCalendar(builtinCalendarYears());
    expect(restDayOf(calendar, '2026-12-05')).toBe('星期六');
    expect(restDayOf(calendar, '2026-12-06')).toBe('星期日');
    expect(restDayOf(calendar, '2026-12-07')).toBeNull();
    expect(restDayOf(calendar, '2026-10-10')).toBeNull();
    expect(restDayOf(calendar, '2026-10-05')).toBe('国庆节，星期一');
    expect(restDayOf(calendar, '2027-01-09')).toBe('星期六，该年度节假日安排尚未载入');
    expect(restDayOf(calendar, '2027-01-11')).toBeNull();
  });
});
