import type { Db } from '../db/database';
import { type CopyLines, copyField } from '../db/bulk-copy';

/**
 * The one writer of a task's items and inspectors, which live on the task row as parallel arrays (items ordered by
 * code, inspectors by id; migration 20261207_0053). Readers use the views inspection_task_items and
 * inspection_task_inspectors, or the arrays' GIN indexes for lookups that start from a department or an inspector.
 * One entry per item code and per inspector is kept here (the arrays have no primary key to keep it).
 */

export interface TaskItem {
  departmentId: number;
  code: string;
  name: string;
}

export interface TaskInspector {
  inspectorId: number;
  departmentId: number;
}

/**
 * The entries ordered by their key, each key once: a key twice is a caller's mistake (the primary keys of the former
 * tables refused it), thrown before anything is written.
 */
function sortedDistinct<T>(
  entries: readonly T[],
  keyOf: (entry: T) => string | number,
  what: string,
  task: number | string,
): T[] {
  const sorted = [...entries].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (let k = 1; k < sorted.length; k += 1)
    if (keyOf(sorted[k]!) === keyOf(sorted[k - 1]!))
      throw new Error(`task ${task}: ${what} ${String(keyOf(sorted[k]!))} twice`);
  return sorted;
}

/** Sets the items of a new task. */
export async function setTaskItems(trx: Db, taskId: number, items: readonly TaskItem[]): Promise<void> {
  const sorted = sortedDistinct(items, (i) => i.code, 'item', taskId);
  await trx
    .updateTable('inspection_tasks')
    .set({
      item_codes: sorted.map((i) => i.code),
      item_department_ids: sorted.map((i) => i.departmentId),
      item_names: sorted.map((i) => i.name),
    })
    .where('id', '=', taskId)
    .execute();
}

async function lockedInspectors(trx: Db, taskId: number): Promise<TaskInspector[]> {
  const row = await trx
    .selectFrom('inspection_tasks')
    .select(['inspector_ids', 'inspector_department_ids'])
    .where('id', '=', taskId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.inspector_ids.map((id, k) => ({ inspectorId: id, departmentId: row.inspector_department_ids[k]! }));
}

async function writeInspectors(trx: Db, taskId: number, inspectors: readonly TaskInspector[]): Promise<void> {
  const sorted = sortedDistinct(inspectors, (i) => i.inspectorId, 'inspector', taskId);
  await trx
    .updateTable('inspection_tasks')
    .set({
      inspector_ids: sorted.map((i) => i.inspectorId),
      inspector_department_ids: sorted.map((i) => i.departmentId),
    })
    .where('id', '=', taskId)
    .execute();
}

/** Puts inspectors on a task (each one not yet on it). */
export async function addTaskInspectors(trx: Db, taskId: number, added: readonly TaskInspector[]): Promise<void> {
  if (added.length === 0) return;
  await writeInspectors(trx, taskId, [...(await lockedInspectors(trx, taskId)), ...added]);
}

/** Takes inspectors off a task: those listed, or all of one department's. */
export async function removeTaskInspectors(
  trx: Db,
  taskId: number,
  which: { inspectorIds: readonly number[] } | { departmentId: number },
): Promise<void> {
  if ('inspectorIds' in which && which.inspectorIds.length === 0) return;
  const gone =
    'inspectorIds' in which
      ? (i: TaskInspector) => which.inspectorIds.includes(i.inspectorId)
      : (i: TaskInspector) => i.departmentId === which.departmentId;
  const current = await lockedInspectors(trx, taskId);
  const kept = current.filter((i) => !gone(i));
  if (kept.length !== current.length) await writeInspectors(trx, taskId, kept);
}

/** One element of a text array in a COPY text field: quoted, its quotes and backslashes escaped, then COPY's own escapes. */
export const copyArrayElement = (value: string): string => copyField(`"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`);

/** An item of a draw as its task rows carry it: code and name as COPY array elements, encoded once per draw. */
export interface TaskItemElements {
  code: string;
  codeElement: Uint8Array;
  nameElement: Uint8Array;
  departmentId: number;
}

export const taskItemElements = (code: string, name: string, departmentId: number): TaskItemElements => ({
  code,
  codeElement: Buffer.from(copyArrayElement(code), 'utf8'),
  nameElement: Buffer.from(copyArrayElement(name), 'utf8'),
  departmentId,
});

const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;
const COMMA = 0x2c;
const TAB = 0x09;

/** Whether the items ascend strictly by code (as the draw gives them), so they need neither sorting nor checking. */
function ascendingCodes(items: readonly TaskItemElements[]): boolean {
  for (let k = 1; k < items.length; k += 1) if (!(items[k - 1]!.code < items[k]!.code)) return false;
  return true;
}

/**
 * The five member columns of a task row in COPY text format (item codes, their departments, their names, inspector
 * ids, their departments), written to `line`. Sorted and checked here.
 */
export function writeTaskMembers(
  line: CopyLines,
  taskNo: string,
  items: readonly TaskItemElements[],
  inspectors: readonly TaskInspector[],
): void {
  const sortedItems = ascendingCodes(items) ? items : sortedDistinct(items, (i) => i.code, 'item', taskNo);
  const sortedInspectors =
    inspectors.length < 2 ? inspectors : sortedDistinct(inspectors, (i) => i.inspectorId, 'inspector', taskNo);
  line.char(BRACE_OPEN);
  sortedItems.forEach((item, k) => (k > 0 ? line.char(COMMA) : line).bytes(item.codeElement));
  line.char(BRACE_CLOSE).char(TAB).char(BRACE_OPEN);
  sortedItems.forEach((item, k) => (k > 0 ? line.char(COMMA) : line).int(item.departmentId));
  line.char(BRACE_CLOSE).char(TAB).char(BRACE_OPEN);
  sortedItems.forEach((item, k) => (k > 0 ? line.char(COMMA) : line).bytes(item.nameElement));
  line.char(BRACE_CLOSE).char(TAB).char(BRACE_OPEN);
  sortedInspectors.forEach((i, k) => (k > 0 ? line.char(COMMA) : line).int(i.inspectorId));
  line.char(BRACE_CLOSE).char(TAB).char(BRACE_OPEN);
  sortedInspectors.forEach((i, k) => (k > 0 ? line.char(COMMA) : line).int(i.departmentId));
  line.char(BRACE_CLOSE);
}
