import { sql } from 'kysely';
import type { Db } from '../db/database';
import { taskHasDepartment } from '../db/task-members-sql';

/** A record with its round's snapshot and its announcement, if published. */
export const findRecordForReview = (db: Db, recordNo: string) =>
  db
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .leftJoin('task_announcements as a', 'a.draw_record_id', 'r.id')
    .select([
      'r.id',
      'r.record_no',
      'r.round_id',
      'r.measures',
      'r.bundle',
      'd.frame_snapshot',
      'd.round_no',
      'd.title',
      'a.published_at',
      'a.title as announcement_title',
    ])
    .where('r.record_no', '=', recordNo)
    .executeTakeFirst();

/**
 * The record's task figures: tasks by number of departments and items, inspectors by number of tasks,
 * tasks by division, per department, by status, and the number of inspector assignments. With a
 * `department`, only the tasks holding one of its items count (a department-scoped reader).
 */
export async function recordFigures(db: Db, id: number, department: number | null) {
  const visible = department === null ? sql`TRUE` : taskHasDepartment('t', department);
  const [shape, load, divisions, departments, statuses, assignments, risks] = await Promise.all([
    sql<{ departments: number; items: number; tasks: number }>`
      SELECT departments, items, count(*) AS tasks FROM (
        SELECT t.id, count(DISTINCT ti.department_id) AS departments, count(*) AS items
        FROM inspection_tasks t JOIN inspection_task_items ti ON ti.task_id = t.id
        WHERE t.draw_record_id = ${id} AND ${visible} GROUP BY t.id
      ) per_task GROUP BY departments, items`.execute(db),
    sql<{ tasks: number; inspectors: number }>`
      SELECT tasks, count(*) AS inspectors FROM (
        SELECT tp.inspector_id, count(*) AS tasks
        FROM inspection_task_inspectors tp JOIN inspection_tasks t ON t.id = tp.task_id
        WHERE t.draw_record_id = ${id} AND ${visible} GROUP BY tp.inspector_id
      ) per_inspector GROUP BY tasks ORDER BY tasks`.execute(db),
    sql<{ code: string; tasks: number }>`
      SELECT s.division_code AS code, count(*) AS tasks
      FROM inspection_tasks t JOIN subjects s ON s.id = t.subject_id
      WHERE t.draw_record_id = ${id} AND ${visible} GROUP BY s.division_code ORDER BY s.division_code`.execute(db),
    sql<{ id: number; name: string; tasks: number; items: number; unstaffed: number }>`
      SELECT d.id, d.name, count(DISTINCT ti.task_id) AS tasks, count(*) AS items,
             count(DISTINCT CASE WHEN t.unstaffed_reason IS NOT NULL THEN t.id END) AS unstaffed
      FROM inspection_tasks t JOIN inspection_task_items ti ON ti.task_id = t.id JOIN departments d ON d.id = ti.department_id
      WHERE t.draw_record_id = ${id} AND ${visible} GROUP BY d.id, d.name ORDER BY d.id`.execute(db),
    sql<{ status: string; tasks: number }>`
      SELECT status, count(*) AS tasks FROM inspection_tasks t WHERE t.draw_record_id = ${id} AND ${visible} GROUP BY status`.execute(
      db,
    ),
    sql<{ assignments: number }>`
      SELECT count(*) AS assignments FROM inspection_task_inspectors tp JOIN inspection_tasks t ON t.id = tp.task_id WHERE t.draw_record_id = ${id} AND ${visible}`.execute(
      db,
    ),
    // Tasks per distinct set of department risk levels (the composite is taken in the service, one rule for all).
    sql<{ levels: string; tasks: number }>`
      SELECT s.industry_risk::text AS levels, count(*) AS tasks
      FROM inspection_tasks t JOIN subjects s ON s.id = t.subject_id
      WHERE t.draw_record_id = ${id} AND ${visible} GROUP BY s.industry_risk::text`.execute(db),
  ]);

  return { shape, load, divisions, departments, statuses, assignments, risks };
}
