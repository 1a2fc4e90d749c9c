import type { Db } from '../db/database';

export interface TaskCheck {
  checkItemId: number;
  departmentId: number;
  itemCode: string;
  itemName: string;
  content: string;
  method: string;
  basis: string;
}

/** A check of a task with the codes the national record needs. */
export interface CodedTaskCheck extends TaskCheck {
  taskId: number;
  /** 检查实施清单编码 and 监管事项目录编码. */
  code: string;
  supervisionCode: string;
}

/**
 * The check sub-items (检查实施清单) behind each sampling item of the tasks, in list order per task
 * (a check shared by two items of one task once).
 */
export async function checksOfTasks(db: Db, taskIds: readonly number[]): Promise<CodedTaskCheck[]> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .selectFrom('inspection_task_items as ti')
    .innerJoin('sampling_items as si', (j) =>
      j.onRef('si.code', '=', 'ti.item_code').onRef('si.department_id', '=', 'ti.department_id'),
    )
    .innerJoin('sampling_item_check_items as sc', 'sc.sampling_item_id', 'si.id')
    .innerJoin('check_items as c', 'c.id', 'sc.check_item_id')
    .innerJoin('supervision_items as sv', 'sv.id', 'c.supervision_item_id')
    .select([
      'ti.task_id',
      'c.id',
      'ti.department_id',
      'ti.item_code',
      'ti.item_name',
      'c.content',
      'c.method',
      'c.basis',
      'c.code',
      'c.sort_order',
      'sv.code as supervision_code',
    ])
    .where('ti.task_id', 'in', [...taskIds])
    .where('c.withdrawn_at', 'is', null)
    .orderBy('ti.task_id')
    .orderBy('ti.department_id')
    .orderBy('ti.item_code')
    .orderBy('c.sort_order')
    .orderBy('c.code')
    .execute();
  const seen = new Set<string>();
  const out: CodedTaskCheck[] = [];
  for (const r of rows) {
    const key = `${r.task_id}:${r.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      taskId: Number(r.task_id),
      checkItemId: Number(r.id),
      departmentId: Number(r.department_id),
      itemCode: r.item_code,
      itemName: r.item_name,
      content: r.content,
      method: r.method,
      basis: r.basis,
      code: r.code,
      supervisionCode: r.supervision_code,
    });
  }
  return out;
}

/** The check sub-items (检查实施清单) behind each sampling item of the task, in list order. */
export async function taskChecks(db: Db, taskId: number): Promise<TaskCheck[]> {
  return (await checksOfTasks(db, [taskId])).map(
    ({ checkItemId, departmentId, itemCode, itemName, content, method, basis }) => ({
      checkItemId,
      departmentId,
      itemCode,
      itemName,
      content,
      method,
      basis,
    }),
  );
}
