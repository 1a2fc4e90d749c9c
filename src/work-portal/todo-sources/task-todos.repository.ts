import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { firstPending } from './pending.repository';
import { taskHasDepartment, taskHasInspectorUser } from '../../db/task-members-sql';

const open = sql`('已发布', '已排期', '检查中')`;

/** The signed-in inspector's visits set for today (今日任务), in working statuses. */
export const todayVisits = (db: Db, userId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT t.task_no AS ref, t.task_no || ' ' || s.name AS title,
               '今日入企检查' || CASE WHEN t.status = '检查中' THEN '（已签到）' ELSE '' END || '：' || s.business_address AS detail,
               v.visit_on AS due_on
          FROM inspection_tasks t
          JOIN inspection_visits v ON v.task_id = t.id
          JOIN subjects s ON s.id = t.subject_id
         WHERE v.visit_on = ${today}::date AND t.status IN ${open}
           AND ${taskHasInspectorUser('t', userId)}`,
    today,
    limit,
  );

/** The inspector's other open tasks, due by the end of their check window. */
export const myOpenTasks = (db: Db, userId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT t.task_no AS ref, t.task_no || ' ' || s.name AS title,
               t.status || '，检查期 ' || to_char(t.window_from, 'YYYY-MM-DD') || ' 至 ' || to_char(t.window_to, 'YYYY-MM-DD')
                 || coalesce('，已排期 ' || to_char(v.visit_on, 'YYYY-MM-DD'), '') AS detail,
               t.window_to AS due_on
          FROM inspection_tasks t
          JOIN subjects s ON s.id = t.subject_id
          LEFT JOIN inspection_visits v ON v.task_id = t.id
         WHERE t.status IN ${open} AND (v.visit_on IS NULL OR v.visit_on <> ${today}::date)
           AND ${taskHasInspectorUser('t', userId)}`,
    today,
    limit,
  );

/**
 * The department's tasks not started (未排期) or past their check window and not inspected yet (逾期未检查), due by the
 * end of the window.
 */
export const departmentOpenTasks = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT t.task_no AS ref, t.task_no || ' ' || s.name AS title,
               CASE WHEN v.task_id IS NULL THEN '未排期' ELSE t.status || '，未完成检查' END
                 || '，检查期至 ' || to_char(t.window_to, 'YYYY-MM-DD') AS detail,
               t.window_to AS due_on
          FROM inspection_tasks t
          JOIN subjects s ON s.id = t.subject_id
          LEFT JOIN inspection_visits v ON v.task_id = t.id
         WHERE t.status IN ${open} AND (v.task_id IS NULL OR t.window_to < ${today}::date)
           AND ${taskHasDepartment('t', departmentId)}`,
    today,
    limit,
  );
