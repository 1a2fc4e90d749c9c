import type { AuditSubject } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { dispatchOnArrival } from './complaint-dispatch.service';

/**
 * A write inside a complaint's transaction: who, when, the transaction (the shape of TaskWrite and CreditWrite, so
 * one can be passed for the other; declared here so that the task hooks can call complaint handlers without a cycle).
 */
export interface ComplaintWrite {
  trx: Db;
  deps: AppDeps;
  now: Date;
  who: AuditSubject;
}

/**
 * What follows the arrival of a complaint from any channel (portal, 12345, 互联网+监管, staff entry, a 检查码
 * evaluation), in the transaction that stored it: the one place that lists each reaction (dispatch by the rules,
 * grouping of repeats, deadlines).
 */
export async function afterComplaintReceived(w: ComplaintWrite, complaintId: number): Promise<void> {
  // Repeats join their group; the dispatch rules name the department when exactly one results, else the
  // complaint waits in the joint office's 待分派 queue (src/complaints/complaint-dispatch.service.ts).
  await dispatchOnArrival(w, complaintId);
}
