import type { DataScope } from '../roles/role.table';
import { AppError, forbidden } from '../shared/app-error';
import type { Permission } from './permissions';

/** Who is acting: resolved once per request from the session, passed to every service call. */
export interface Actor {
  userId: number;
  username: string;
  name: string;
  departmentId: number;
  departmentName: string;
  roles: { code: string; name: string; dataScope: DataScope; permissions: string[] }[];
  sessionId: string;
  sessionKind: 'browser' | 'api';
  ip: string | null;
  /** A browser session whose password was set by someone else: only changing it, me and logout are allowed. */
  mustChangePassword?: boolean;
}

export function permissionsOf(actor: Actor): Permission[] {
  return [...new Set(actor.roles.flatMap((r) => r.permissions))] as Permission[];
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => r.permissions.includes(permission));
}

/** Scope is per role: a permission reaches all departments if any role granting it has scope 'all'. */
export function scopeOf(actor: Actor, permission: Permission): DataScope | null {
  const granting = actor.roles.filter((r) => r.permissions.includes(permission));
  if (granting.length === 0) return null;
  return granting.some((r) => r.dataScope === 'all') ? 'all' : 'own_department';
}

export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!can(actor, permission)) throw forbidden();
}

/** Throws unless the actor may use `permission` on data owned by `departmentId`. */
export function requireDepartmentScope(actor: Actor, permission: Permission, departmentId: number): void {
  const scope = scopeOf(actor, permission);
  if (scope === null) throw forbidden();
  if (scope === 'own_department' && departmentId !== actor.departmentId) {
    throw forbidden('只能操作本部门的数据');
  }
}

/** For list queries: the department filter the actor's scope imposes, or null for all. */
export function departmentFilter(actor: Actor, permission: Permission): number | null {
  return scopeOf(actor, permission) === 'all' ? null : actor.departmentId;
}
