import type { Db } from '../db/database';
import { drawSourceRows } from './task-draw-sources.repository';

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
  const rows = await drawSourceRows(db, taskIds);
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
