import type { Db } from '../db/database';
import type { RecordChange } from '../records/record-hooks';
import type { AppDeps } from '../shared/context';

/**
 * 五书同达: when a penalty decision is recorded, the four companion documents are prepared for service with it.
 * PLACEHOLDER of the foundation: the credit-repair work fills it in.
 */
export async function preparePenaltyDocuments(
  trx: Db,
  deps: AppDeps,
  penaltyId: number,
  change: RecordChange,
): Promise<void> {
  void [trx, deps, penaltyId, change];
}
