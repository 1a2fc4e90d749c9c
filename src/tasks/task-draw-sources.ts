import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The draw a department's part of a task comes from. */
export interface DrawSource {
  recordNo: string;
  roundTitle: string;
}

export const sourceKey = (taskId: number, departmentId: number): string => `${taskId}:${departmentId}`;

/**
 * For each (task, department) drawn at random: the draw record and its round's title. A drawn task
 * carries its record itself; a merged task (合并, src/registrations) inherits, department by department,
 * the records of the drawn tasks it absorbed — so its results still name the random-check plan
 * (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十七条) and its records count as 双随机抽查.
 */
export async function drawSourcesOf(db: Db, taskIds: readonly number[]): Promise<Map<string, DrawSource>> {
  if (taskIds.length === 0) return new Map();
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
  const out = new Map<string, DrawSource>();
  for (const r of rows) {
    const key = sourceKey(Number(r.task_id), Number(r.department_id));
    if (!out.has(key)) out.set(key, { recordNo: r.record_no, roundTitle: r.title });
  }
  return out;
}

/** The random-check plan names of a task for its results announcement (distinct round titles), or null. */
export function planTitleOf(sources: ReadonlyMap<string, DrawSource>, taskId: number): string | null {
  const titles = [...new Set([...sources].filter(([k]) => k.startsWith(`${taskId}:`)).map(([, s]) => s.roundTitle))];
  return titles.length ? titles.join('、') : null;
}
