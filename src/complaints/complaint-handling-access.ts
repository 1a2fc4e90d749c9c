import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import type { Db } from '../db/database';
import { notFound } from '../shared/app-error';
import type { ComplaintRow } from './complaint.table';
import { complaintIdByTicket } from './complaint-handling.repository';
import { lockedComplaint } from './complaint-handling-step';

/**
 * May the actor see or act on the complaint with `permission`: a department sees only the complaints dispatched to
 * it (data scope own_department); to any other the complaint does not exist (404, so its existence is not revealed).
 */
export function inComplaintScope(actor: Actor, permission: Permission, c: Pick<ComplaintRow, 'department_id'>) {
  const scope = scopeOf(actor, permission);
  return scope === 'all' || (scope === 'own_department' && c.department_id === actor.departmentId);
}

/** The complaint, locked, if the actor holds `permission` over it. */
export async function complaintForAction(
  trx: Db,
  actor: Actor | null,
  permission: Permission,
  ticketNo: string,
): Promise<ComplaintRow> {
  requirePermission(actor, permission);
  const id = await complaintIdByTicket(trx, ticketNo);
  if (id === null) throw notFound(`投诉举报 ${ticketNo} `);
  const c = await lockedComplaint(trx, id);
  if (!inComplaintScope(actor, permission, c)) throw notFound(`投诉举报 ${ticketNo} `);
  return c;
}
