import type { Updateable } from 'kysely';
import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { assertComplaintTransition, type ComplaintTransition, complaintTransitions } from './complaint-lifecycle';
import type { ComplaintRow, ComplaintStatus, ComplaintTable } from './complaint.table';
import { insertComplaintEvent, lockComplaint, updateComplaint } from './complaint-handling.repository';

/** A write inside a complaint's transaction (the shape of ComplaintWrite in complaint-hooks.ts, TaskWrite, CreditWrite). */
export interface ComplaintWrite {
  trx: Db;
  deps: AppDeps;
  now: Date;
  who: AuditSubject;
}

export async function lockedComplaint(trx: Db, id: number): Promise<ComplaintRow> {
  const row = await lockComplaint(trx, id);
  if (!row) throw notFound('投诉举报');
  return row;
}

export type ComplaintAuditAction =
  | 'complaint.dispatch'
  | 'complaint.redispatch'
  | 'complaint.give_back'
  | 'complaint.accept'
  | 'complaint.refuse'
  | 'complaint.verify'
  | 'complaint.reply'
  | 'complaint.supervise'
  | 'complaint.verification_task';

/** Audit field values of a step: only named keys (src/audit/audit-field-labels.ts). */
export interface StepDetail {
  departmentId?: number | null;
  reason?: string;
  result?: string | null;
  method?: string | null;
  taskNo?: string | null;
  ackDue?: string | null;
  verifyDue?: string | null;
  replyDue?: string | null;
  supervisionLevel?: number;
}

/**
 * One step of a complaint's history: a status change through the lifecycle table (the 409 naming the current status
 * when it is not allowed), or an action that keeps the status (督办, a verification task…) when `transition` is
 * null. Writes the row, the history event and the audit entry, in the caller's transaction.
 */
export async function applyStep(
  w: ComplaintWrite,
  c: ComplaintRow,
  step: {
    /** The audit action (named in src/audit/audit-labels.ts). */
    action: ComplaintAuditAction;
    transition: ComplaintTransition | null;
    /** The history label when it is not the transition's (e.g. 督办). */
    label?: string;
    patch?: Updateable<ComplaintTable>;
    note?: string;
    detail?: StepDetail;
  },
): Promise<ComplaintStatus> {
  const to = step.transition ? assertComplaintTransition(c.ticket_no, c.status, step.transition) : c.status;
  const label = step.label ?? (step.transition ? complaintTransitions[step.transition].label : '');
  const patch = { ...step.patch, status: to, updated_at: w.now };
  await updateComplaint(w.trx, c.id, patch);
  const departmentId = patch.department_id === undefined ? c.department_id : patch.department_id;
  await insertComplaintEvent(w.trx, {
    complaint_id: c.id,
    action: label,
    from_status: c.status,
    to_status: to,
    department_id: departmentId,
    actor_user_id: w.who.userId,
    actor_name: w.who.name,
    note: step.note ?? '',
    at: w.now,
  });
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: step.action,
    entityType: 'complaint',
    entityId: c.ticket_no,
    summary: `投诉举报 ${c.ticket_no}（${c.subject_name}）：${label}${c.status === to ? '' : `，${c.status} → ${to}`}${step.note ? `：${step.note}` : ''}`,
    before: { status: c.status, departmentId: c.department_id },
    after: { status: to, ...step.detail, departmentId },
  });
  return to;
}
