import type { AuditSubject } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';

/**
 * A write inside a business transaction: the same shape as CreditWrite (src/credit-records/credit-hooks.ts), declared
 * here because the hooks import this capability (a type import back would close an import cycle).
 */
export interface KeyTargetWrite {
  trx: Db;
  deps: AppDeps;
  now: Date;
  who: AuditSubject;
}
