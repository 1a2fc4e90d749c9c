import type { AuditSubject } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';

/** A write inside a business transaction: who does it, when, and the transaction. */
export interface TaskWrite {
  trx: Db;
  deps: AppDeps;
  now: Date;
  who: AuditSubject;
}

export interface TransitionOptions {
  /** Why, for the audit entry (e.g. the return reason). */
  note?: string;
  /** For `merge`: the joint task that absorbs this one. */
  mergedInto?: { id: number; taskNo: string };
}
