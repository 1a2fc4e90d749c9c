import type { AuditSubject } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';

/** A write inside a business transaction: who does it, when, and the transaction. */
export interface CreditWrite {
  trx: Db;
  deps: AppDeps;
  now: Date;
  who: AuditSubject;
}
