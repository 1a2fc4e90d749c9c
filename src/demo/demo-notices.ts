import { sql } from 'kysely';
import { addDays } from '../calendar/calendar-date';
import type { Db } from '../db/database';
import { getInspection } from '../inspections/inspection.service';
import { checkIn, scheduleVisit } from '../inspections/inspection-visit.service';
import { recordResult, submitResults } from '../inspections/inspection-recording.service';
import { evaluationInput } from '../notices/notice.schemas';
import { issueNotice, reissueQueryCode } from '../notices/notice.service';
import { submitEvaluation } from '../notices/notice-evaluation.service';
import { workCalendar } from '../calendar/calendar.service';
import { at, atClock, daysBetween, type DemoSteps, workingDayOnOrAfter } from './demo-steps';

/** What the notices part of the demo produced (filled in as its steps run). */
export interface DemoNotices {
  /** A notice whose 查询码 went to the subject's mobile, then was given again by 市场监管 (the subject lost it). */
  reissuedTaskNo: string | null;
  /** A joint visit: one department has submitted its results, the other not yet; the subject evaluated the first part. */
  partialTaskNo: string | null;
}

const SCJG = '市市场监督管理局';
/** Below this many days of past activity there is no room for these steps. */
const MIN_PAST_DAYS = 20;

/** The round's published, staffed tasks nobody else carries, whose subject has a mobile in the register. */
async function candidates(db: Db, recordNo: string, busy: ReadonlySet<string>) {
  const rows = await db
    .selectFrom('inspection_tasks as t')
    .innerJoin('draw_records as r', 'r.id', 't.draw_record_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .innerJoin('inspection_task_inspectors as ti', 'ti.task_id', 't.id')
    .innerJoin('departments as d', 'd.id', 'ti.department_id')
    .select(['t.task_no', 'ti.department_id', 'ti.inspector_id', 'd.name as department'])
    .where('r.record_no', '=', recordNo)
    .where('t.status', '=', '已发布')
    .where('t.unstaffed_reason', 'is', null)
    .where(sql<boolean>`s.contact_phone ~ '^1[3-9][0-9]{9}$'`)
    .orderBy('t.id')
    .orderBy('ti.department_id')
    .orderBy('ti.inspector_id')
    .execute();
  const tasks = new Map<
    string,
    { taskNo: string; parts: { departmentId: number; department: string; inspectorId: number }[] }
  >();
  for (const r of rows) {
    if (busy.has(r.task_no)) continue;
    const task = tasks.get(r.task_no) ?? { taskNo: r.task_no, parts: [] };
    if (!task.parts.some((p) => p.departmentId === Number(r.department_id)))
      task.parts.push({
        departmentId: Number(r.department_id),
        department: r.department,
        inspectorId: Number(r.inspector_id),
      });
    tasks.set(r.task_no, task);
  }
  return [...tasks.values()];
}

/**
 * The enterprise's way in, through the real services at past instants (steps in the round's event list):
 * - 市场监管 issues a notice; its 查询码 goes by SMS to the subject's registered mobile; days later the subject says the
 *   message was deleted and 市场监管 gives a new 查询码 (the first stops working), again sent to the mobile;
 * - a joint visit of the round: checked in, the first department submits its results, the second has not yet (within
 *   its 7 working days); the subject evaluates the first department's part through the 检查码 with its 查询码.
 */
export async function planNoticeDemo(s: DemoSteps): Promise<DemoNotices> {
  const out: DemoNotices = { reissuedTaskNo: null, partialTaskNo: null };
  const { deps, add, lastPast } = s;
  if (daysBetween(s.firstVisit, lastPast) < MIN_PAST_DAYS) return out;
  const tasks = await candidates(deps.db, s.recordNo, s.busyTaskNos);
  // Visits are scheduled on working days (a rest day needs a confirmation the demo does not give).
  const calendar = await workCalendar(deps.db);
  const workingDayFrom = (date: string) => workingDayOnOrAfter(calendar, date);
  const lianxi = await s.actor('lianxi');

  // Which tasks the round drew depends on its lottery: a 市场监管-only task when there is one, else a joint task it is part of.
  const single =
    tasks.find((t) => t.parts.length === 1 && t.parts[0]!.department === SCJG) ??
    tasks.find((t) => t.parts.some((p) => p.department === SCJG));
  if (single) {
    const staff = await s.actor('scjg_staff');
    const issueOn = workingDayFrom(addDays(lastPast, -9));
    const visitOn = workingDayFrom(addDays(s.today, 3));
    add(at(issueOn, '15:10'), async (d) => {
      if (visitOn <= s.windowTo) await scheduleVisit(d, lianxi, single.taskNo, { visitOn });
      await issueNotice(atClock(d, new Date(d.clock.now().getTime() + 60_000)), staff, single.taskNo);
      out.reissuedTaskNo = single.taskNo;
    });
    add(at(workingDayFrom(addDays(issueOn, 4)), '10:30'), (d) => reissueQueryCode(d, staff, single.taskNo));
  }

  const joint = tasks.find((t) => t.parts.length >= 2 && t !== single);
  if (joint) {
    const [first] = joint.parts as [(typeof joint.parts)[number]];
    const visitOn = workingDayFrom(addDays(lastPast, -4));
    if (visitOn > lastPast) return out;
    const scheduledOn = addDays(visitOn, -4);
    await s.ensureAccounts([first.inspectorId], at(scheduledOn, '08:00'), at(scheduledOn, '08:30'));
    const recorder = () => s.actor(s.usernameOf.get(first.inspectorId)!);
    let token = '';
    let queryCode = '';
    add(at(scheduledOn, '15:00'), async (d) => {
      await scheduleVisit(d, lianxi, joint.taskNo, { visitOn });
      const notice = await issueNotice(atClock(d, new Date(d.clock.now().getTime() + 60_000)), lianxi, joint.taskNo);
      token = notice.code!.token;
      queryCode = notice.queryCode ?? '';
      out.partialTaskNo = joint.taskNo;
    });
    add(at(visitOn, '09:20'), async (d) => checkIn(d, await recorder(), joint.taskNo));
    add(at(visitOn, '11:40'), async (d) => {
      const who = await recorder();
      const view = await getInspection(d, lianxi, joint.taskNo);
      for (const check of view.departments.find((x) => x.id === first.departmentId)?.checks ?? [])
        await recordResult(d, who, joint.taskNo, check.checkItemId, { result: '符合', notes: '' });
      await submitResults(d, who, joint.taskNo, {});
    });
    add(at(addDays(visitOn, 1), '17:30'), (d) =>
      submitEvaluation(
        d,
        token,
        evaluationInput.parse({
          queryCode,
          departmentId: first.departmentId,
          satisfaction: 5,
          comments: `${first.department}检查人员出示了执法证，讲解清楚，半小时完成`,
        }),
        null,
      ),
    );
  }
  return out;
}
