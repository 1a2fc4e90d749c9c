import type { Db } from '../db/database';
import type { TaskStatus } from '../tasks/task.table';

export interface TaskHead {
  id: number;
  taskNo: string;
  status: TaskStatus;
  windowFrom: string;
  windowTo: string;
  departmentIds: number[];
}

/**
 * The task's head. With `lock` (inside a write transaction) the task row is locked first, so state
 * changes of one task are serialised: two departments submitting at once, a check-in racing a
 * reschedule, two reviewers approving — each sees the other's committed change.
 */
export async function loadTaskHead(db: Db, taskNo: string, options: { lock?: boolean } = {}): Promise<TaskHead | null> {
  const t = await db.selectFrom('inspection_tasks').select(['id', 'task_no', 'status', 'window_from', 'window_to']).where('task_no', '=', taskNo)
    .$if(options.lock === true, (q) => q.forUpdate()).executeTakeFirst();
  if (!t) return null;
  const deps = await db.selectFrom('inspection_task_items').select('department_id').distinct().where('task_id', '=', t.id).orderBy('department_id').execute();
  return { id: Number(t.id), taskNo: t.task_no, status: t.status, windowFrom: t.window_from, windowTo: t.window_to, departmentIds: deps.map((d) => Number(d.department_id)) };
}

/** The inspector record linked to a user account. */
export async function inspectorOfUser(db: Db, userId: number): Promise<{ id: number; name: string; departmentId: number } | null> {
  const row = await db.selectFrom('inspectors').select(['id', 'name', 'department_id']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { id: Number(row.id), name: row.name, departmentId: Number(row.department_id) } : null;
}

/** The department an inspector is assigned for on a task, or null. */
export async function assignmentOf(db: Db, taskId: number, inspectorId: number): Promise<number | null> {
  const row = await db.selectFrom('inspection_task_inspectors').select('department_id').where('task_id', '=', taskId).where('inspector_id', '=', inspectorId).executeTakeFirst();
  return row ? Number(row.department_id) : null;
}

export interface TaskCheck {
  checkItemId: number;
  departmentId: number;
  itemCode: string;
  itemName: string;
  content: string;
  method: string;
  basis: string;
}

/** The check sub-items (检查实施清单) behind each sampling item of the task, in list order. */
export async function taskChecks(db: Db, taskId: number): Promise<TaskCheck[]> {
  const rows = await db.selectFrom('inspection_task_items as ti')
    .innerJoin('sampling_items as si', (j) => j.onRef('si.code', '=', 'ti.item_code').onRef('si.department_id', '=', 'ti.department_id'))
    .innerJoin('sampling_item_check_items as sc', 'sc.sampling_item_id', 'si.id')
    .innerJoin('check_items as c', 'c.id', 'sc.check_item_id')
    .select(['c.id', 'ti.department_id', 'ti.item_code', 'ti.item_name', 'c.content', 'c.method', 'c.basis', 'c.code', 'c.sort_order'])
    .where('ti.task_id', '=', taskId)
    .where('c.withdrawn_at', 'is', null)
    .orderBy('ti.department_id').orderBy('ti.item_code').orderBy('c.sort_order').orderBy('c.code')
    .execute();
  const seen = new Set<number>();
  const out: TaskCheck[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ checkItemId: id, departmentId: Number(r.department_id), itemCode: r.item_code, itemName: r.item_name, content: r.content, method: r.method, basis: r.basis });
  }
  return out;
}
