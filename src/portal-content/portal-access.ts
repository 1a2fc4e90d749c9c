import { type Actor, departmentFilter, requirePermission, scopeOf } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import { forbidden, notFound } from '../shared/app-error';

/**
 * Departments publish their own content; a role whose scope is 'all' (the joint office, the platform
 * administrator) may act for any department. A record outside the actor's scope answers 404, as if absent.
 */
export function ownedBy(actor: Actor, permission: Permission, departmentId: number, what: string): void {
  requirePermission(actor, permission);
  if (scopeOf(actor, permission) !== 'all' && departmentId !== actor.departmentId) throw notFound(what);
}

/** The department a new record is published for: the actor's own unless their scope is 'all'. */
export function publishingDepartment(actor: Actor, permission: Permission, requested: number | undefined): number {
  requirePermission(actor, permission);
  const department = requested ?? actor.departmentId;
  if (department !== actor.departmentId && scopeOf(actor, permission) !== 'all')
    throw forbidden('只能以本部门名义发布');
  return department;
}

export const scopeFilter = (actor: Actor, permission: Permission): number | null => {
  requirePermission(actor, permission);
  return departmentFilter(actor, permission);
};

/** A natural person is shown by surname only (张某); organisations and sole traders by their registered name. */
export const publicSubjectName = (category: string, name: string): string =>
  category === '自然人' ? `${[...name.trim()][0] ?? ''}某` : name;
