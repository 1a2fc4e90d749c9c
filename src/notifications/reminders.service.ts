import { sql } from 'kysely';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { RESULT_WORKING_DAYS } from '../inspections/inspection.schemas';
import { PUBLISH_WORKING_DAYS } from '../results/result.schemas';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { NotificationKind } from './notification.table';
import type { ReminderReport } from './notification.schemas';
import { departmentUsersWith, notify, taskInspectorUsers } from './notify';
import { inspectionLink } from './task-events';

interface Due {
  taskId: number;
  taskNo: string;
  subjectName: string;
  departmentId: number;
  kind: NotificationKind;
  /** The key's day: today for daily reminders, the promised date for a feedback sheet (one reminder per promise). */
  remindedOn: string;
  title: string;
  body: string;
}

/**
 * The overdue items of `today`, with the deadlines of the results overview (src/results deadlineOverview):
 * results due 7 working days after check-in, publication 20, both counted from the China date of check-in.
 */
async function overdueItems(deps: AppDeps, today: string): Promise<Due[]> {
  const cal = await workCalendar(deps.db);
  const due = (from: string, days: number) => unlessYearMissing(() => cal.addWorkingDays(from, days));
  // n working days are at least n calendar days, so older check-ins are the only candidates.
  const open = await deps.db.selectFrom('inspection_tasks as t').innerJoin('inspection_visits as v', 'v.task_id', 't.id').innerJoin('subjects as s', 's.id', 't.subject_id')
    .innerJoin('inspection_task_items as ti', 'ti.task_id', 't.id')
    .select((eb) => ['t.id', 't.task_no', 's.name', 'v.checked_in_on', 'ti.department_id',
      eb.exists(eb.selectFrom('inspection_submissions as sub').select('sub.task_id').whereRef('sub.task_id', '=', 't.id').whereRef('sub.department_id', '=', 'ti.department_id')).as('submitted')])
    .distinct()
    .where('t.status', 'in', ['检查中', '已检查']).where('v.checked_in_on', 'is not', null)
    .where(sql<boolean>`v.checked_in_on < ${today}::date - ${RESULT_WORKING_DAYS}::int`)
    .execute();
  const items: Due[] = [];
  for (const r of open) {
    const base = { taskId: Number(r.id), taskNo: r.task_no, subjectName: r.name, departmentId: Number(r.department_id), remindedOn: today };
    const resultsDue = due(r.checked_in_on!, RESULT_WORKING_DAYS);
    const submitted = r.submitted === true || r.submitted === 1;
    if (!submitted && resultsDue && today > resultsDue) {
      items.push({ ...base, kind: 'results_overdue', title: `检查任务 ${r.task_no} 的检查结果逾期未提交`, body: `${r.name}：${r.checked_in_on} 入企检查，检查结果应于 ${resultsDue} 前（${RESULT_WORKING_DAYS} 个工作日内）录入并提交，请尽快办理。` });
    }
    const publishDue = due(r.checked_in_on!, PUBLISH_WORKING_DAYS);
    if (publishDue && today > publishDue) {
      items.push({ ...base, kind: 'publication_overdue', title: `检查任务 ${r.task_no} 的检查结果逾期未公示`, body: `${r.name}：${r.checked_in_on} 入企检查，检查结果应于 ${publishDue} 前（${PUBLISH_WORKING_DAYS} 个工作日内）审核并公示，请尽快办理。` });
    }
  }
  const feedback = await deps.db.selectFrom('inspection_submissions as sub').innerJoin('inspection_tasks as t', 't.id', 'sub.task_id').innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['t.id', 't.task_no', 's.name', 'sub.department_id', 'sub.feedback_promised_on'])
    .where('sub.feedback_promised_on', '<', today).where('t.status', 'in', ['检查中', '已检查', '已办结']).execute();
  for (const r of feedback) {
    items.push({
      taskId: Number(r.id), taskNo: r.task_no, subjectName: r.name, departmentId: Number(r.department_id), kind: 'feedback_overdue', remindedOn: r.feedback_promised_on!,
      title: `检查任务 ${r.task_no} 的反馈单承诺送达日期已过`, body: `承诺于 ${r.feedback_promised_on} 向${r.name}送达检查结果反馈单，请确认已送达。`,
    });
  }
  return items;
}

/**
 * 期限提醒: reminds the people who must act on overdue results, publications and feedback sheets.
 * Idempotent: notification_reminders keeps one reminder per task, department, kind and China day
 * (per promised date for feedback sheets), so a second run the same day sends nothing new.
 */
export async function sendDeadlineReminders(deps: AppDeps, now: Date): Promise<ReminderReport> {
  const today = chinaDate(now);
  const items = await overdueItems(deps, today);
  if (items.length === 0) return { reminders: 0, notifications: 0, skipped: 0 };
  return deps.db.transaction().execute(async (trx) => {
    const report: ReminderReport = { reminders: 0, notifications: 0, skipped: 0 };
    const approvers = new Map<number, number[]>();
    for (const item of items) {
      const inserted = await trx.insertInto('notification_reminders')
        .values({ task_id: item.taskId, department_id: item.departmentId, kind: item.kind, reminded_on: item.remindedOn, created_at: now })
        .onConflict((oc) => oc.doNothing()).returning('task_id').executeTakeFirst();
      if (!inserted) {
        report.skipped += 1;
        continue;
      }
      report.reminders += 1;
      let userIds: number[];
      if (item.kind === 'publication_overdue') {
        if (!approvers.has(item.departmentId)) approvers.set(item.departmentId, await departmentUsersWith(trx, item.departmentId, 'task:result:approve'));
        userIds = approvers.get(item.departmentId)!;
      } else userIds = await taskInspectorUsers(trx, item.taskId, item.departmentId);
      const link = item.kind === 'publication_overdue' ? '/results/deadlines' : inspectionLink(item.taskNo);
      report.notifications += await notify(trx, now, { userIds, kind: item.kind, title: item.title, body: item.body, link, taskNo: item.taskNo });
    }
    return report;
  });
}
