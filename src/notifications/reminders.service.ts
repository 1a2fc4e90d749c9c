import { workCalendar } from '../calendar/calendar.service';
import { PUBLISH_WORKING_DAYS, publicationDueOn, RESULT_WORKING_DAYS, resultsDueOn } from '../tasks/task-dates';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { NotificationKind } from './notification.table';
import type { ReminderReport } from './notification.schemas';
import {
  notifyNewReminders,
  openInspectedTasks,
  overdueFeedbackPromises,
  recordNewReminders,
} from './reminder.repository';
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
  // The inspection date (src/tasks/task-dates.ts) is check-in, else the latest off-site check, so a task
  // checked only off site is reminded too.
  const open = await openInspectedTasks(deps.db, today);
  const items: Due[] = [];
  for (const r of open) {
    const base = {
      taskId: Number(r.id),
      taskNo: r.task_no,
      subjectName: r.name,
      departmentId: Number(r.department_id),
      remindedOn: today,
    };
    const resultsDue = resultsDueOn(cal, r.checked_in_on);
    const submitted = r.submitted === true || r.submitted === 1;
    if (!submitted && resultsDue && today > resultsDue) {
      items.push({
        ...base,
        kind: 'results_overdue',
        title: `检查任务 ${r.task_no} 的检查结果逾期未提交`,
        body: `${r.name}：${r.checked_in_on} 检查，检查结果应于 ${resultsDue} 前（${RESULT_WORKING_DAYS} 个工作日内）录入并提交，请尽快办理。`,
      });
    }
    const publishDue = publicationDueOn(cal, r.checked_in_on);
    if (publishDue && today > publishDue) {
      items.push({
        ...base,
        kind: 'publication_overdue',
        title: `检查任务 ${r.task_no} 的检查结果逾期未公示`,
        body: `${r.name}：${r.checked_in_on} 检查，检查结果应于 ${publishDue} 前（${PUBLISH_WORKING_DAYS} 个工作日内）审核并公示，请尽快办理。`,
      });
    }
  }
  const feedback = await overdueFeedbackPromises(deps.db, today);
  for (const r of feedback) {
    items.push({
      taskId: Number(r.id),
      taskNo: r.task_no,
      subjectName: r.name,
      departmentId: Number(r.department_id),
      kind: 'feedback_overdue',
      remindedOn: r.feedback_promised_on!,
      title: `检查任务 ${r.task_no} 的反馈单承诺送达日期已过`,
      body: `承诺于 ${r.feedback_promised_on} 向${r.name}送达检查结果反馈单，请确认已送达。`,
    });
  }
  return items;
}

/**
 * 期限提醒: reminds the people who must act on overdue results, publications and feedback sheets.
 * Idempotent: notification_reminders keeps one reminder per task, department, kind and China day
 * (per promised date for feedback sheets), so a second run the same day sends nothing new.
 * Set-based: one statement records the reminders, one writes the notifications of those that are new.
 */
export async function sendDeadlineReminders(deps: AppDeps, now: Date): Promise<ReminderReport> {
  const today = chinaDate(now);
  const items = await overdueItems(deps, today);
  if (items.length === 0) return { reminders: 0, notifications: 0, skipped: 0 };
  const column = <K extends keyof Due>(key: K) => items.map((i) => i[key]);
  const links = items.map((i) => (i.kind === 'publication_overdue' ? '/results/deadlines' : inspectionLink(i.taskNo)));
  return deps.db.transaction().execute(async (trx) => {
    const reminders = await recordNewReminders(trx, now, {
      taskIds: column('taskId'),
      departmentIds: column('departmentId'),
      kinds: column('kind'),
      remindedOn: column('remindedOn'),
      titles: column('title'),
      bodies: column('body'),
      links,
      taskNos: column('taskNo'),
    });
    // Results and feedback sheets: the inspectors the department assigned; publication: the department's approvers.
    const notifications = reminders === 0 ? 0 : await notifyNewReminders(trx, now);
    return { reminders, notifications, skipped: items.length - reminders };
  });
}
