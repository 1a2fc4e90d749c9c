import { sql } from 'kysely';
import type { Db } from '../db/database';
import { type CopyRows, copyField } from '../db/bulk-copy';
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

/** Task numbers follow the record: CQ2026-0001-0001-00001. */
export const drawTaskNo = (recordNo: string, index: number): string =>
  `${recordNo}-${String(index + 1).padStart(5, '0')}`;

/**
 * Writes a sealed draw's tasks as 待发布 inspection tasks, with their items and inspectors, in the caller's
 * transaction. Ids are taken from the sequence first, then the three tables are written with COPY
 * (src/db/bulk-copy.ts): a million-subject round's ~1.5 million rows went in about four times faster than as
 * INSERT … SELECT unnest of column arrays, whose array parameters PostgreSQL parses element by element.
 */
export async function insertDrawTasks(trx: Db, copy: CopyRows, input: DrawTasksInput): Promise<number> {
  const { tasks } = input;
  if (tasks.length === 0) return 0;
  const reasons = new Map(input.unstaffed.map((u) => [u.key, u.reason]));
  const departmentOf = new Map(input.inspectors.map((i) => [i.id, i.departmentId]));
  const ids = (
    await sql<{
      id: number;
    }>`SELECT nextval('inspection_tasks_id_seq') AS id FROM generate_series(1, ${tasks.length}::int)`.execute(trx)
  ).rows.map((r) => Number(r.id));
  const stamp = input.now.toISOString();
  const fixed = `\t抽取\t${input.recordId}`;
  const window = `${input.window.from}\t${input.window.to}\t待发布`;
  await copy(
    'inspection_tasks',
    [
      'id',
      'task_no',
      'source',
      'draw_record_id',
      'subject_id',
      'uscc',
      'window_from',
      'window_to',
      'status',
      'unstaffed_reason',
      'routine',
      'created_at',
      'updated_at',
    ],
    (function* () {
      for (let k = 0; k < tasks.length; k += 1) {
        const task = tasks[k]!;
        yield `${ids[k]}\t${drawTaskNo(input.recordNo, k)}${fixed}\t${task.subjectId}\t${copyField(task.uscc)}\t${window}\t${copyField(reasons.get(task.key) ?? null)}\tt\t${stamp}\t${stamp}\n`;
      }
    })(),
  );
  const itemText = new Map(
    [...input.items].map(([code, item]) => [
      code,
      `\t${item.departmentId}\t${copyField(code)}\t${copyField(item.name)}\n`,
    ]),
  );
  await copy(
    'inspection_task_items',
    ['task_id', 'department_id', 'item_code', 'item_name'],
    (function* () {
      for (let k = 0; k < tasks.length; k += 1)
        for (const code of tasks[k]!.itemCodes) {
          const text = itemText.get(code);
          if (text === undefined) throw new Error(`task ${tasks[k]!.key}: item ${code} is not in the round`);
          yield `${ids[k]}${text}`;
        }
    })(),
  );
  if (tasks.some((t) => t.inspectorIds.length > 0))
    await copy(
      'inspection_task_inspectors',
      ['task_id', 'inspector_id', 'department_id'],
      (function* () {
        for (let k = 0; k < tasks.length; k += 1)
          for (const id of tasks[k]!.inspectorIds) yield `${ids[k]}\t${id}\t${departmentOf.get(id)!}\n`;
      })(),
    );
  return tasks.length;
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
