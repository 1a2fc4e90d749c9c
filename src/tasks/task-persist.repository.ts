import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { RoundInspector, Task, UnstaffedTask } from '../draw/engine/types';
import type { TaskStatus } from './task-lifecycle';

export interface DrawTasksInput {
  recordId: number;
  recordNo: string;
  window: { from: string; to: string };
  tasks: readonly Task[];
  unstaffed: readonly UnstaffedTask[];
  /** Department of each item code, and its name. */
  items: ReadonlyMap<string, { departmentId: number; name: string }>;
  inspectors: readonly RoundInspector[];
  now: Date;
}

const CHUNK = 20_000;

/** Task numbers follow the record: CQ2026-0001-0001-00001. */
export const drawTaskNo = (recordNo: string, index: number): string =>
  `${recordNo}-${String(index + 1).padStart(5, '0')}`;

/**
 * Writes a sealed draw's tasks as 待发布 inspection tasks, with their items and inspectors.
 * Three set-based statements per chunk (unnest of column arrays), so a round of 100,000 tasks is
 * a handful of round trips on PostgreSQL and on PGlite alike. Runs inside the caller's transaction.
 */
export async function insertDrawTasks(trx: Db, input: DrawTasksInput): Promise<number> {
  const reasons = new Map(input.unstaffed.map((u) => [u.key, u.reason]));
  const departmentOf = new Map(input.inspectors.map((i) => [i.id, i.departmentId]));
  for (let start = 0; start < input.tasks.length; start += CHUNK) {
    const chunk = input.tasks.slice(start, start + CHUNK);
    const nos = chunk.map((_, k) => drawTaskNo(input.recordNo, start + k));
    const inserted = await sql<{ id: number; task_no: string }>`
      INSERT INTO inspection_tasks (task_no, source, draw_record_id, subject_id, uscc, window_from, window_to, status, unstaffed_reason, routine, created_at, updated_at)
      SELECT t.no, '抽取', ${input.recordId}, t.subject_id, t.uscc, ${input.window.from}::date, ${input.window.to}::date, '待发布', t.reason, true, ${input.now}, ${input.now}
      FROM unnest(${nos}::text[], ${chunk.map((t) => t.subjectId)}::bigint[], ${chunk.map((t) => t.uscc)}::text[], ${chunk.map((t) => reasons.get(t.key) ?? null)}::text[])
        AS t(no, subject_id, uscc, reason)
      RETURNING id, task_no`.execute(trx);
    // Ids come back rather than being joined on task_no: inside the transaction the new rows have no
    // statistics, and the planner's nested loop over them took seconds for 20,000 tasks.
    const idOf = new Map(inserted.rows.map((r) => [r.task_no, Number(r.id)]));
    const itemTasks: number[] = [];
    const itemDepartments: number[] = [];
    const itemCodes: string[] = [];
    const itemNames: string[] = [];
    const inspectorTasks: number[] = [];
    const inspectorIds: number[] = [];
    const inspectorDepartments: number[] = [];
    chunk.forEach((task, k) => {
      for (const code of task.itemCodes) {
        const item = input.items.get(code);
        if (!item) throw new Error(`task ${task.key}: item ${code} is not in the round`);
        itemTasks.push(idOf.get(nos[k]!)!);
        itemDepartments.push(item.departmentId);
        itemCodes.push(code);
        itemNames.push(item.name);
      }
      for (const id of task.inspectorIds) {
        inspectorTasks.push(idOf.get(nos[k]!)!);
        inspectorIds.push(id);
        inspectorDepartments.push(departmentOf.get(id)!);
      }
    });
    await sql`
      INSERT INTO inspection_task_items (task_id, department_id, item_code, item_name)
      SELECT * FROM unnest(${itemTasks}::bigint[], ${itemDepartments}::bigint[], ${itemCodes}::text[], ${itemNames}::text[])`.execute(
      trx,
    );
    if (inspectorIds.length) {
      await sql`
        INSERT INTO inspection_task_inspectors (task_id, inspector_id, department_id)
        SELECT * FROM unnest(${inspectorTasks}::bigint[], ${inspectorIds}::bigint[], ${inspectorDepartments}::bigint[])`.execute(
        trx,
      );
    }
  }
  return input.tasks.length;
}

/** Tasks of a record that execution has taken up (scheduled, checked in, recorded…): a redraw must not void them. */
export async function tasksUnderWay(db: Db, recordId: number): Promise<number> {
  const { n } = await db
    .selectFrom('inspection_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('draw_record_id', '=', recordId)
    .where('status', 'in', ['已排期', '检查中', '已检查', '已办结'] satisfies TaskStatus[])
    .executeTakeFirstOrThrow();
  return Number(n);
}
