import { sql } from 'kysely';
import type { Db } from '../db/database';
import { inspectedOnSql, RESULT_WORKING_DAYS } from '../tasks/task-dates';
import { workingStatuses } from '../tasks/task-lifecycle';
import { grants, insertNotificationsFrom } from './notification.repository';
import type { NotificationKind } from './notification.table';

/**
 * Tasks under way per department, with their inspection date (src/tasks/task-dates.ts: check-in, else the latest
 * off-site check) when it is more than the results period ago (n working days are at least n calendar days, so
 * older dates are the only candidates), and whether the department has inspected (results submitted, or an
 * off-site check recorded).
 */
export const openInspectedTasks = (db: Db, today: string) =>
  db
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

/** Submissions whose promised feedback-sheet date has passed, of tasks inspected or under way. */
export const overdueFeedbackPromises = (db: Db, today: string) =>
  db
    .selectFrom('inspection_submissions as sub')
    .innerJoin('inspection_tasks as t', 't.id', 'sub.task_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['t.id', 't.task_no', 's.name', 'sub.department_id', 'sub.feedback_promised_on'])
    .where('sub.feedback_promised_on', '<', today)
    .where('t.status', 'in', ['检查中', '已检查', '已办结'])
    .execute();

/**
 * Records the due reminders not given yet (notification_reminders keeps one per task, department, kind and
 * day) and keeps the new ones in a temporary table for notifyNewReminders; returns how many are new.
 */
export async function recordNewReminders(
  trx: Db,
  now: Date,
  d: {
    taskIds: number[];
    departmentIds: number[];
    kinds: NotificationKind[];
    remindedOn: string[];
    titles: string[];
    bodies: string[];
    links: string[];
    taskNos: string[];
  },
): Promise<number> {
  await sql`
    CREATE TEMP TABLE due_reminders ON COMMIT DROP AS
    SELECT * FROM unnest(${d.taskIds}::bigint[], ${d.departmentIds}::bigint[], ${d.kinds}::text[], ${d.remindedOn}::date[],
      ${d.titles}::text[], ${d.bodies}::text[], ${d.links}::text[], ${d.taskNos}::text[])
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
  return Number(fresh.rows[0]?.n ?? 0);
}

/**
 * Notifies the new reminders (recordNewReminders, same transaction): results and feedback sheets go to
 * the inspectors the department assigned; publication to the department's approvers.
 */
export function notifyNewReminders(trx: Db, now: Date): Promise<number> {
  return insertNotificationsFrom(
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
}
