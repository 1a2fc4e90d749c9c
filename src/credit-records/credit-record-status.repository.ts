import type { Db } from '../db/database';
import type { CreditRecordRow } from './credit-record.table';

/** The credit records that come from a penalty decision and still count. */
export async function countingPenaltyRecords(trx: Db, penaltyId: number): Promise<CreditRecordRow[]> {
  return trx
    .selectFrom('credit_records')
    .selectAll()
    .where('source', '=', '行政处罚')
    .where('source_ref', '=', `penalty:${penaltyId}`)
    .where('status', '=', '有效')
    .forUpdate()
    .execute();
}

export async function setCreditRecordStatus(
  trx: Db,
  ids: readonly number[],
  change: { status: CreditRecordRow['status']; reason: string; at: Date },
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('credit_records')
    .set({ status: change.status, status_reason: change.reason, status_changed_at: change.at, updated_at: change.at })
    .where('id', 'in', ids)
    .execute();
}
