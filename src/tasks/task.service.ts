import { inspectorOfUser } from '../inspectors/inspector-lookup.service';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { findTasks } from './task.repository';
import { readableTask } from './task-access';
import { roundsWithTasks, specialPlansWithTasks } from './task-origins.repository';
import type { TaskOrigins, TaskQuery, TaskView } from './task.schemas';

/**
 * 检查任务单: per department (data scope 本部门 sees the tasks with an item of its own), per
 * inspector, per draw record. Joint tasks show every department's items and inspectors.
 */
export async function listTasks(deps: AppDeps, actor: Actor | null, query: TaskQuery): Promise<Page<TaskView>> {
  requirePermission(actor, 'task:task:read');
  const scopeDepartmentId = listScope(actor);
  return findTasks(deps.db, {
    ...query,
    scopeDepartmentId,
    inspectorIdOfUser: query.mine ? ((await inspectorOfUser(deps.db, actor.userId))?.id ?? null) : null,
  });
}

/** The department a user's task list is limited to (data scope 本部门), or null for 全部. */
function listScope(actor: Actor): number | null {
  return scopeOf(actor, 'task:task:read') === 'all' ? null : actor.departmentId;
}

/** The draw rounds and special plans the task list can be filtered by: those with tasks the user may see. */
export async function taskOrigins(deps: AppDeps, actor: Actor | null): Promise<TaskOrigins> {
  requirePermission(actor, 'task:task:read');
  const scope = listScope(actor);
  const [rounds, plans] = await Promise.all([roundsWithTasks(deps.db, scope), specialPlansWithTasks(deps.db, scope)]);
  return {
    rounds: rounds.map((r) => ({ roundNo: r.round_no, title: r.title, year: Number(r.year) })),
    specialPlans: plans.map((p) => ({ id: Number(p.id), title: p.title })),
  };
}

export async function getTask(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<TaskView> {
  return readableTask(deps.db, actor, taskNo);
}
