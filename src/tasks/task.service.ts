import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { findTask, findTasks } from './task.repository';
import type { TaskQuery, TaskView } from './task.schemas';

async function inspectorIdOf(deps: AppDeps, userId: number): Promise<number | null> {
  const row = await deps.db.selectFrom('inspectors').select('id').where('user_id', '=', userId).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * 检查任务单: per department (data scope 本部门 sees the tasks with an item of its own), per
 * inspector, per draw record. Joint tasks show every department's items and inspectors.
 */
export async function listTasks(deps: AppDeps, actor: Actor | null, query: TaskQuery): Promise<Page<TaskView>> {
  requirePermission(actor, 'task:task:read');
  const scopeDepartmentId = scopeOf(actor, 'task:task:read') === 'all' ? null : actor.departmentId;
  return findTasks(deps.db, { ...query, scopeDepartmentId, inspectorIdOfUser: query.mine ? await inspectorIdOf(deps, actor.userId) : null });
}

export async function getTask(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<TaskView> {
  requirePermission(actor, 'task:task:read');
  const task = await findTask(deps.db, taskNo);
  if (!task) throw notFound(`检查任务 ${taskNo} `);
  const own = scopeOf(actor, 'task:task:read') === 'all' || task.departments.some((d) => d.id === actor.departmentId);
  if (!own) throw notFound(`检查任务 ${taskNo} `);
  return task;
}
