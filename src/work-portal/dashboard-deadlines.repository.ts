import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import type { DashboardFilter } from './dashboard-filter';
import { divisionRange } from './dashboard-scope.repository';
import { taskHasDepartment } from '../db/task-members-sql';

/** A timestamp's China date. */
const chinaDay = (column: string) => sql`(${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai')::date`;
/** A timestamp within the period's China days, compared as instants (no conversion of every row). */
const atInPeriod = (column: string, f: DashboardFilter) =>
  sql`${sql.ref(column)} >= (${f.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND ${sql.ref(column)} < (${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
const ofDepartment = (column: string, f: DashboardFilter) =>
  f.departmentId === null ? sql`` : sql`AND ${sql.ref(column)} = ${f.departmentId}`;
const inDivision = (subjectColumn: string, f: DashboardFilter): RawBuilder<unknown> =>
  f.divisionCode
    ? sql`AND ${sql.ref(subjectColumn)} IN (SELECT s.id FROM subjects s WHERE ${divisionRange(f.divisionCode)})`
    : sql``;

export interface DeadlineCounts {
  key: string;
  on_time: number;
  late: number;
  overdue_open: number | null;
}

/**
 * Each deadline the seeds set, counted over the steps done in the period (on time or late) and the steps still open
 * past their deadline today. One query, one row per deadline.
 */
export async function deadlineCounts(db: Db, f: DashboardFilter): Promise<DeadlineCounts[]> {
  const result = await sql<DeadlineCounts>`
    SELECT 'results' AS key, (count(*) FILTER (WHERE NOT s.late))::int AS on_time,
           (count(*) FILTER (WHERE s.late))::int AS late, NULL::int AS overdue_open
      FROM inspection_submissions s
     WHERE ${atInPeriod('s.submitted_at', f)} ${ofDepartment('s.department_id', f)}
       ${f.divisionCode ? sql`AND s.task_id IN (SELECT t.id FROM inspection_tasks t WHERE true ${inDivision('t.subject_id', f)})` : sql``}
    UNION ALL
    SELECT 'publish', (count(*) FILTER (WHERE NOT p.late))::int, (count(*) FILTER (WHERE p.late))::int, NULL
      FROM published_results p
     WHERE p.published_on BETWEEN ${f.from}::date AND ${f.to}::date
       ${f.divisionCode ? sql`AND p.task_id IN (SELECT t.id FROM inspection_tasks t WHERE true ${inDivision('t.subject_id', f)})` : sql``}
     ${
       f.departmentId === null
         ? sql``
         : sql`AND EXISTS (SELECT 1 FROM inspection_tasks x WHERE x.id = p.task_id AND ${taskHasDepartment('x', f.departmentId)})`
     }
    UNION ALL
    SELECT 'publicity', (count(*) FILTER (WHERE p.published_at IS NOT NULL AND NOT p.late
             AND ${atInPeriod('p.published_at', f)}))::int,
           (count(*) FILTER (WHERE p.published_at IS NOT NULL AND p.late AND ${atInPeriod('p.published_at', f)}))::int,
           (count(*) FILTER (WHERE p.status = '待公示' AND p.due_on < ${f.today}::date))::int
      FROM publications p
     WHERE (p.published_at IS NOT NULL OR p.status = '待公示') ${ofDepartment('p.department_id', f)}
       ${f.divisionCode ? sql`AND EXISTS (SELECT 1 FROM subjects s WHERE s.uscc = p.uscc AND s.division_code LIKE ${`${f.divisionCode}%`})` : sql``}
    UNION ALL
    SELECT 'push_ack',
           (count(*) FILTER (WHERE p.acknowledged_at IS NOT NULL AND ${chinaDay('p.acknowledged_at')} <= p.ack_due_on
             AND ${atInPeriod('p.acknowledged_at', f)}))::int,
           (count(*) FILTER (WHERE p.acknowledged_at IS NOT NULL AND ${chinaDay('p.acknowledged_at')} > p.ack_due_on
             AND ${atInPeriod('p.acknowledged_at', f)}))::int,
           (count(*) FILTER (WHERE p.acknowledged_at IS NULL AND p.ack_due_on < ${f.today}::date))::int
      FROM registration_pushes p
     WHERE p.department_id IS NOT NULL ${ofDepartment('p.department_id', f)}
    UNION ALL
    SELECT 'licence_feedback', (count(*) FILTER (WHERE NOT l.late))::int, (count(*) FILTER (WHERE l.late))::int, NULL
      FROM licence_feedbacks l
     WHERE l.received_on BETWEEN ${f.from}::date AND ${f.to}::date ${ofDepartment('l.department_id', f)}
    UNION ALL
    SELECT 'follow_up', (count(*) FILTER (WHERE u.status = '已跟踪' AND NOT u.late
             AND u.followed_up_on BETWEEN ${f.from}::date AND ${f.to}::date))::int,
           (count(*) FILTER (WHERE u.status = '已跟踪' AND u.late
             AND u.followed_up_on BETWEEN ${f.from}::date AND ${f.to}::date))::int,
           (count(*) FILTER (WHERE u.status = '待跟踪' AND u.due_on < ${f.today}::date))::int
      FROM follow_ups u
     WHERE u.status IN ('已跟踪', '待跟踪') ${ofDepartment('u.department_id', f)} ${inDivision('u.subject_id', f)}
    UNION ALL
    SELECT 'complaint_reply',
           (count(*) FILTER (WHERE c.replied_at IS NOT NULL AND ${chinaDay('c.replied_at')} <= c.reply_due
             AND ${atInPeriod('c.replied_at', f)}))::int,
           (count(*) FILTER (WHERE c.replied_at IS NOT NULL AND ${chinaDay('c.replied_at')} > c.reply_due
             AND ${atInPeriod('c.replied_at', f)}))::int,
           (count(*) FILTER (WHERE c.status IN ('待受理', '核查中', '待答复') AND c.reply_due < ${f.today}::date))::int
      FROM complaints c
     WHERE c.reply_due IS NOT NULL ${ofDepartment('c.department_id', f)}
       ${f.divisionCode ? sql`AND c.division_code LIKE ${`${f.divisionCode}%`}` : sql``}
    UNION ALL
    SELECT 'warning',
           (count(*) FILTER (WHERE w.closed_at IS NOT NULL AND NOT w.closed_late AND ${atInPeriod('w.closed_at', f)}))::int,
           (count(*) FILTER (WHERE w.closed_at IS NOT NULL AND w.closed_late AND ${atInPeriod('w.closed_at', f)}))::int,
           (count(*) FILTER (WHERE w.status IN ('待核查', '已核查', '处置中') AND w.due_on < ${f.today}::date))::int
      FROM warnings w
     WHERE true ${ofDepartment('w.department_id', f)} ${inDivision('w.subject_id', f)}`.execute(db);
  return result.rows;
}
