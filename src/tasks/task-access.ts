import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import type { Db } from '../db/database';
import { forbidden, notFound } from '../shared/app-error';
import { findTask, isAssignedToUser, loadTaskHead, type TaskHead } from './task.repository';
import type { TaskView } from './task.schemas';

/**
 * Who may read and who may act on a task — the one policy used by tasks, inspections, notices,
 * results, inspection records and the subject register.
 *
 * Read (task:task:read): everyone whose scope is 全部; a department-scoped user when the task has an
 * item of their department; an inspector assigned to the task (whatever their department).
 * Act (any task permission, e.g. task:task:write, task:notice:write, task:result:approve): scope 全部,
 * or the task has an item of the user's department. A task one may not read does not exist for them (404);
 * one they may read but not act on is refused (403).
 */
export function mayReadTask(actor: Actor, departmentIds: readonly number[], assignedToActor: boolean): boolean {
  return scopeOf(actor, 'task:task:read') === 'all' || departmentIds.includes(actor.departmentId) || assignedToActor;
}

export function mayActOnTask(actor: Actor, permission: Permission, departmentIds: readonly number[]): boolean {
  return scopeOf(actor, permission) === 'all' || departmentIds.includes(actor.departmentId);
}

/** The task's head if the actor may read it; 404 otherwise (a task one may not read is not disclosed). */
export async function readableTaskHead(
  db: Db,
  actor: Actor | null,
  taskNo: string,
  options: { lock?: boolean } = {},
): Promise<TaskHead> {
  requirePermission(actor, 'task:task:read');
  const head = await loadTaskHead(db, taskNo, options);
  if (!head || !mayReadTask(actor, head.departmentIds, await isAssignedToUser(db, head.id, actor.userId)))
    throw notFound(`检查任务 ${taskNo} `);
  return head;
}

/** The task as its pages show it, if the actor may read it. */
export async function readableTask(db: Db, actor: Actor | null, taskNo: string): Promise<TaskView> {
  await readableTaskHead(db, actor, taskNo);
  return (await findTask(db, taskNo))!;
}

/** Refuses (403) unless the actor may act on the task with `permission`; `message` says what they tried. */
export function requireTaskAction(
  actor: Actor,
  permission: Permission,
  departmentIds: readonly number[],
  message = '只能处理有本部门检查事项的检查任务',
): void {
  requirePermission(actor, permission);
  if (!mayActOnTask(actor, permission, departmentIds)) throw forbidden(message);
}
