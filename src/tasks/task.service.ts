import { inspectorOfUser } from '../inspectors/inspector-lookup.service';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { findTasks } from './task.repository';
import { readableTask } from './task-access';
import type { TaskQuery, TaskView } from './task.schemas';

/**
 * 检查任务单: per department (data scope 本部门 sees the tasks with an item of its own), per
 * inspector, per draw record. Joint tasks show every department's items and inspectors.
 */
export async function listTasks(deps: AppDeps, actor: Actor | null, query: TaskQuery): Promise<Page<TaskView>> {
  requirePermission(actor, 'task:task:read');
  const scopeDepartmentId = scopeOf(actor, 'task:task:read') === 'all' ? null : actor.departmentId;
  return findTasks(deps.db, {
    ...query,
    scopeDepartmentId,
    inspectorIdOfUser: query.mine ? ((await inspectorOfUser(deps.db, actor.userId))?.id ?? null) : null,
  });
}

export async function getTask(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<TaskView> {
  return readableTask(deps.db, actor, taskNo);
}
