import { sql } from 'kysely';
import { workCalendar } from '../calendar/calendar.service';
import {
  inspectedOnSql,
  PUBLISH_WORKING_DAYS,
  publicationDueOn,
  RESULT_WORKING_DAYS,
  resultsDueOn,
} from '../tasks/task-dates';
import { workingStatuses } from '../tasks/task-lifecycle';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { NotificationKind } from './notification.table';
import type { ReminderReport } from './notification.schemas';
import { grants, notifyFromQuery } from './notify';
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
  // The inspection date (src/tasks/task-dates.ts): check-in, else the latest off-site check, so a task
  // checked only off site is reminded too. n working days are at least n calendar days, so older dates are the only candidates.
  const open = await deps.db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .innerJoin('inspection_task_items as ti', 'ti.task_id', 't.id')
    .select((eb) => [
      't.id',
      't.task_no',
      's.name',
      sql<string>`${inspectedOnSql}`.as('checked_in_on'),
      'ti.department_id',
      // Inspected either way: results submitted after the visit, or an off-site check recorded by the department.
      eb
        .or([
          eb.exists(
            eb
              .selectFrom('inspection_submissions as sub')
              .select('sub.task_id')
              .whereRef('sub.task_id', '=', 't.id')
              .whereRef('sub.department_id', '=', 'ti.department_id'),
          ),
          eb.exists(
            eb
              .selectFrom('offsite_inspections as off')
              .select('off.task_id')
              .whereRef('off.task_id', '=', 't.id')
              .whereRef('off.department_id', '=', 'ti.department_id'),
          ),
        ])
        .as('submitted'),
    ])
    .distinct()
    .where('t.status', 'in', [...workingStatuses])
    .where(sql<boolean>`${inspectedOnSql} < ${today}::date - ${RESULT_WORKING_DAYS}::int`)
    .execute();
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
  const feedback = await deps.db
    .selectFrom('inspection_submissions as sub')
    .innerJoin('inspection_tasks as t', 't.id', 'sub.task_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['t.id', 't.task_no', 's.name', 'sub.department_id', 'sub.feedback_promised_on'])
    .where('sub.feedback_promised_on', '<', today)
    .where('t.status', 'in', ['检查中', '已检查', '已办结'])
    .execute();
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
    await sql`
      CREATE TEMP TABLE due_reminders ON COMMIT DROP AS
      SELECT * FROM unnest(${column('taskId')}::bigint[], ${column('departmentId')}::bigint[], ${column('kind')}::text[], ${column('remindedOn')}::date[],
        ${column('title')}::text[], ${column('body')}::text[], ${links}::text[], ${column('taskNo')}::text[])
        AS d(task_id, department_id, kind, reminded_on, title, body, link, task_no)
    `.execute(trx);
    // The reminders not given yet; the rest were given earlier the same day (or for the same promise).
    await sql`
      CREATE TEMP TABLE new_reminders ON COMMIT DROP AS
      WITH inserted AS (
        INSERT INTO notification_reminders (task_id, department_id, kind, reminded_on, created_at)
        SELECT task_id, department_id, kind, reminded_on, ${now}::timestamptz FROM due_reminders
        ON CONFLICT DO NOTHING
        RETURNING task_id, department_id, kind, reminded_on
      )
      SELECT d.* FROM due_reminders d JOIN inserted i USING (task_id, department_id, kind, reminded_on)
    `.execute(trx);
    const fresh = await sql<{ n: string | number }>`SELECT count(*) AS n FROM new_reminders`.execute(trx);
    const reminders = Number(fresh.rows[0]?.n ?? 0);
    // Results and feedback sheets: the inspectors the department assigned; publication: the department's approvers.
    const notifications =
      reminders === 0
        ? 0
        : await notifyFromQuery(
            trx,
            now,
            sql`
      SELECT DISTINCT i.user_id, r.kind, r.title, r.body, r.link, r.task_no
      FROM new_reminders r
      JOIN inspection_task_inspectors ti ON ti.task_id = r.task_id AND ti.department_id = r.department_id
      JOIN inspectors i ON i.id = ti.inspector_id
      WHERE r.kind <> 'publication_overdue' AND i.user_id IS NOT NULL
      UNION
      SELECT u.id, r.kind, r.title, r.body, r.link, r.task_no
      FROM new_reminders r JOIN users u ON u.department_id = r.department_id
      WHERE r.kind = 'publication_overdue' AND ${grants(sql.ref('u.id'), 'task:result:approve')}
    `,
          );
    return { reminders, notifications, skipped: items.length - reminders };
  });
}
