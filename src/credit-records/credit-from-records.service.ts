import type { Db } from '../db/database';
import type { RecordChange } from '../records/record-change';
import type { AppDeps } from '../shared/context';

/**
 * A penalty decision becomes a credit record of its subject (new or a new version).
 * PLACEHOLDER of the foundation: the credit-records work fills it in.
 */
export async function recordCreditFromPenalty(
  trx: Db,
  deps: AppDeps,
  penaltyId: number,
  change: RecordChange,
): Promise<void> {
  void [trx, deps, penaltyId, change];
}

/** A revoked (撤销/吊销) licence becomes a credit record. PLACEHOLDER of the foundation. */
export async function recordCreditFromLicence(
  trx: Db,
  deps: AppDeps,
  licenceId: number,
  change: RecordChange,
): Promise<void> {
  void [trx, deps, licenceId, change];
}
