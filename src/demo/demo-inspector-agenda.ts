import { sql } from 'kysely';
import { addDays, weekday } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import { recordResults } from '../inspections/inspection-batch.service';
import { getInspection } from '../inspections/inspection.service';
import { checkIn, scheduleVisit } from '../inspections/inspection-visit.service';
import { issueNotice } from '../notices/notice.service';
import { at, atClock, type DemoSteps } from './demo-steps';

/** The accounts whoever tries the demo signs in with as an inspector; scjg_jc01 also has a missed visit (逾期). */
const ACCOUNTS = [
  { username: 'scjg_jc01', missed: true },
  { username: 'yjgl_jc01', missed: false },
];

/**
 * The demo inspectors' week, so that their 我的检查 opens on a working agenda: of each account's published joint
 * tasks of the round that nothing else of the demo carries through (the merge of demo-lifecycle.ts takes a
 * single-department task), the joint office schedules one visit on the last working day, which the inspector
 * checked in to and half recorded (saved with the phone's one 保存, the rest still to enter); one on today or
 * the next working day, with its notice; one two working days later; and, for scjg_jc01, one a week ago that
 * was never visited (the subject was closed that day). Working days by the platform's calendar when the year's
 * holiday notice is loaded, else Monday to Friday.
 */
export async function planInspectorAgenda(s: DemoSteps): Promise<void> {
  const { deps, add, today } = s;
  const calendar = await workCalendar(deps.db);
  const known = calendar.hasYear(s.year);
  const weekdayStep = (date: string, step: 1 | -1) => {
    let d = date;
    while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, step);
    return d;
  };
  /** The n-th working day after (n > 0) or before (n < 0) `date`; n = 0: `date` or the next working day. */
  const work = (date: string, n: number): string => {
    if (known) return calendar.addWorkingDays(date, n);
    let d = weekdayStep(date, n < 0 ? -1 : 1);
    for (let i = 0; i < Math.abs(n); i += 1) d = weekdayStep(addDays(d, n < 0 ? -1 : 1), n < 0 ? -1 : 1);
    return d;
  };
  const lianxi = await s.actor('lianxi');
  const recordedOn = work(today, -1);
  const visitToday = work(today, 0);
  const visitLater = work(visitToday, 2);
  const missedOn = work(today, -5);

  for (const account of ACCOUNTS) {
    const tasks = await deps.db
      .selectFrom('inspection_tasks as t')
      .innerJoin('draw_records as r', 'r.id', 't.draw_record_id')
      .innerJoin('inspection_task_inspectors as tp', 'tp.task_id', 't.id')
      .innerJoin('inspectors as i', 'i.id', 'tp.inspector_id')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select('t.task_no')
      .where('r.record_no', '=', s.recordNo)
      .where('t.status', '=', '已发布')
      .where('u.username', '=', account.username)
      .where(
        sql<boolean>`(SELECT count(DISTINCT ti.department_id) FROM inspection_task_items ti WHERE ti.task_id = t.id) > 1`,
      )
      .orderBy('t.id')
      .execute();
    const free = tasks.map((t) => t.task_no).filter((no) => !s.busyTaskNos.has(no));
    const [recording, forToday, forLater, missed] = free;
    const inspector = await s.actor(account.username);

    // Last working day: scheduled two days before, checked in at 09:40, half the items saved at 10:50.
    if (recording && recordedOn >= s.firstVisit) {
      add(at(addDays(recordedOn, -2), '16:10'), async (d) => {
        await scheduleVisit(d, lianxi, recording, { visitOn: recordedOn });
        await issueNotice(atClock(d, new Date(d.clock.now().getTime() + 60_000)), lianxi, recording);
      });
      add(at(recordedOn, '09:40'), (d) => checkIn(d, inspector, recording));
      add(at(recordedOn, '10:50'), async (d) => {
        const view = await getInspection(d, inspector, recording);
        const checks = view.departments.find((x) => x.id === view.myDepartmentId)?.checks ?? [];
        const done = checks.slice(0, Math.max(1, Math.floor(checks.length / 2)));
        if (done.length)
          await recordResults(d, inspector, recording, {
            results: done.map((c) => ({ checkItemId: c.checkItemId, result: '符合', notes: '' })),
          });
      });
    }
    // Today (or the next working day) with its notice, and two working days after, both scheduled yesterday.
    if (forToday && visitToday <= s.windowTo)
      add(at(addDays(today, -1), '16:20'), async (d) => {
        await scheduleVisit(d, lianxi, forToday, { visitOn: visitToday });
        await issueNotice(atClock(d, new Date(d.clock.now().getTime() + 60_000)), lianxi, forToday);
      });
    if (forLater && visitLater <= s.windowTo)
      add(at(addDays(today, -1), '16:30'), (d) => scheduleVisit(d, lianxi, forLater, { visitOn: visitLater }));
    // A visit a week ago that did not take place: still to be done, shown as overdue.
    if (account.missed && missed && missedOn >= s.firstVisit)
      add(at(addDays(missedOn, -3), '15:30'), (d) => scheduleVisit(d, lianxi, missed, { visitOn: missedOn }));
  }
}
