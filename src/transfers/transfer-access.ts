import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { forbidden, notFound } from '../shared/app-error';

/**
 * Who sees an item: the departments it is between (sender and receiver, requester and requested, sender and
 * recipients); the joint office and the supervision office (scope all) read all. Anyone else is told it does
 * not exist (《朔州市平鲁区“互联网+监管”系统运行管理办法》第二十二条: data only for the receiving department's duties).
 */
export function requireParty(
  actor: Actor | null,
  what: string,
  departmentIds: readonly number[],
): asserts actor is Actor {
  requirePermission(actor, 'transfer:read');
  if (scopeOf(actor, 'transfer:read') === 'all') return;
  if (!departmentIds.includes(actor.departmentId)) throw notFound(what);
}

/** The department that must act on this step is the actor's, with transfer:write. */
export function requireActingDepartment(actor: Actor, departmentId: number, message: string): void {
  requirePermission(actor, 'transfer:write');
  if (actor.departmentId !== departmentId) throw forbidden(message);
}
