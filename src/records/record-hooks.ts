import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { proposeAndPush } from '../dual-notice/registration-notice.service';
import { recordLicenceFeedback } from '../dual-notice/licence-feedback.service';

/**
 * What follows when a record arrives, in the transaction that stored it: one place that lists, in order, each
 * capability's reaction (双告知 and 二告知 for a registration, 双跟踪 for a push, 二反馈 and 双公示 for a licence
 * or a penalty). `change` is 'new' for a first delivery and 'changed' for a new version of the same record.
 */
export type RecordChange = 'new' | 'changed';

export async function afterRegistrationReceived(
  trx: Db,
  deps: AppDeps,
  registrationId: number,
  change: RecordChange,
): Promise<void> {
  // 双告知: propose approval items, push to departments (src/dual-notice); the pushes then call for 双跟踪.
  const followUp = await proposeAndPush(trx, deps, registrationId, change);
  if (followUp.length > 0) await afterPushesCreated(trx, deps, followUp);
}

export async function afterPushesCreated(_trx: Db, _deps: AppDeps, _pushIds: readonly number[]): Promise<void> {
  // 双跟踪: plan the 照后证前 follow-up inspections (src/follow-ups).
}

export async function afterLicenceReceived(
  trx: Db,
  _deps: AppDeps,
  licenceId: number,
  _change: RecordChange,
): Promise<void> {
  // 二反馈 timeliness (src/dual-notice), end of 照后证前 follow-up (src/follow-ups), 双公示 (src/publicity).
  await recordLicenceFeedback(trx, licenceId);
}

export async function afterPenaltyReceived(
  _trx: Db,
  _deps: AppDeps,
  _penaltyId: number,
  _change: RecordChange,
): Promise<void> {
  // 双公示 (src/publicity).
}
