import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { CopyLines, type CopyRows, copyField } from '../db/bulk-copy';
import type { RoundInspector, Task } from '../draw/engine/types';
import type { TaskStatus } from './task-lifecycle';
import { taskItemElements, writeTaskMembers } from './task-members.repository';

/** What every task row of one draw shares. */
export interface DrawTaskContext {
  recordId: number;
  recordNo: string;
  window: { from: string; to: string };
  /** Department of each item code, and its name. */
  items: ReadonlyMap<string, { departmentId: number; name: string }>;
  inspectors: readonly Pick<RoundInspector, 'id' | 'departmentId'>[];
  now: Date;
}

const drawTaskColumns = [
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
  'item_codes',
  'item_department_ids',
  'item_names',
  'inspector_ids',
  'inspector_department_ids',
];

/** Text gathered per COPY chunk before it is handed to the connection. */
const CHUNK = 1 << 20;

export interface DrawTaskWriter {
  /** The task at `index` of the sealed result (its number follows the index), with why it is unstaffed. */
  add(index: number, task: Task, reason: string | undefined): void;
  /** Ends the COPY and waits for it; returns how many tasks were written. */
  finish(): Promise<number>;
  /** Abandons the COPY (the transaction is being rolled back). */
  abort(error: Error): void;
}

/**
 * Writes a sealed draw's tasks as 待发布 inspection tasks, with their items and inspectors on the task row
 * (task-members.repository.ts), in the caller's transaction, with COPY (src/db/bulk-copy.ts), a task at a time as the
 * draw staffs them: the database parses and stores the first tasks on the other core while the draw is still
 * assigning inspectors to the rest (src/draw/draw.service.ts). A million-subject round's 88,000 tasks carry
 * 1.1 million items and 0.6 million inspector places, which as rows of tables of their own took twice as long to
 * write as the tasks.
 */
export function drawTaskWriter(copy: CopyRows, input: DrawTaskContext): DrawTaskWriter {
  const departmentOf = new Map(input.inspectors.map((i) => [i.id, i.departmentId]));
  const stamp = input.now.toISOString();
  // The pieces every row shares, encoded once: the task number's prefix (task numbers follow the record:
  // CQ2026-0001-0001-00001, the task's place in the result from 1), and the fields around the subject.
  const taskNoPrefix = Buffer.from(`${input.recordNo}-`, 'utf8');
  const afterTaskNo = Buffer.from(`\t抽取\t${input.recordId}\t`, 'utf8');
  const window = Buffer.from(`\t${input.window.from}\t${input.window.to}\t待发布\t`, 'utf8');
  const stamps = Buffer.from(`\tt\t${stamp}\t${stamp}\t`, 'utf8');
  const elements = new Map(
    [...input.items].map(([code, item]) => [code, taskItemElements(code, item.name, item.departmentId)]),
  );
  // Whole lines in chunks of about 1 MB, buffered here when the database is behind (the draw never waits for it).
  const stream = new PassThrough();
  const writing = copy('inspection_tasks', drawTaskColumns, stream);
  writing.catch(() => undefined); // awaited in finish; never an unhandled rejection if the draw fails first
  const line = new CopyLines(CHUNK + (1 << 16));
  let count = 0;
  return {
    add(index, task, reason) {
      const items = task.itemCodes.map((code) => {
        const item = elements.get(code);
        if (item === undefined) throw new Error(`task ${task.key}: item ${code} is not in the round`);
        return item;
      });
      const inspectors = task.inspectorIds.map((id) => ({ inspectorId: id, departmentId: departmentOf.get(id)! }));
      line
        .bytes(taskNoPrefix)
        .int(index + 1, 5)
        .bytes(afterTaskNo)
        .int(task.subjectId)
        .char(0x09);
      line
        .text(copyField(task.uscc))
        .bytes(window)
        .text(copyField(reason ?? null))
        .bytes(stamps);
      writeTaskMembers(line, task.key, items, inspectors);
      line.char(0x0a);
      count += 1;
      if (line.length >= CHUNK) stream.write(line.take());
    },
    async finish() {
      if (line.length > 0) stream.write(line.take());
      stream.end();
      await writing;
      return count;
    },
    abort(error) {
      stream.destroy(error);
    },
  };
}

/**
 * Lets this transaction write a draw's tasks before their record exists (under an id reserved for it, inserted before
 * commit): the tasks' reference to the record is checked at commit (migration 20261207_0054). The draw writes its tasks
 * while the record's bundle is still being compressed.
 */
export async function deferDrawRecordCheck(trx: Db): Promise<void> {
  await sql`SET CONSTRAINTS inspection_tasks_draw_record_id_fkey DEFERRED`.execute(trx);
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
