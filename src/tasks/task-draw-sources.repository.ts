import { sql } from 'kysely';
import type { Db } from '../db/database';

/** Each (task, department) with the draw record and round it comes from, directly or through absorbed tasks. */
export async function drawSourceRows(
  db: Db,
  taskIds: readonly number[],
): Promise<{ task_id: number; department_id: number; record_no: string; title: string }[]> {
  if (taskIds.length === 0) return [];
  const { rows } = await sql<{ task_id: number; department_id: number; record_no: string; title: string }>`
    SELECT DISTINCT t.id AS task_id, ti.department_id, r.record_no, d.title
    FROM inspection_tasks t
    JOIN inspection_task_items ti ON ti.task_id = t.id
    JOIN draw_records r ON r.id = t.draw_record_id
    JOIN draw_rounds d ON d.id = r.round_id
    WHERE t.id IN (${sql.join([...taskIds])})
    UNION
    SELECT DISTINCT src.merged_into_task_id AS task_id, sti.department_id, r.record_no, d.title
    FROM inspection_tasks src
    JOIN inspection_task_items sti ON sti.task_id = src.id
    JOIN draw_records r ON r.id = src.draw_record_id
    JOIN draw_rounds d ON d.id = r.round_id
    WHERE src.merged_into_task_id IN (${sql.join([...taskIds])})
    ORDER BY 1, 2, 3`.execute(db);
  return rows;
}
