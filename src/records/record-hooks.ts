import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { endFollowUpsOnLicence } from '../follow-ups/follow-up-licence.service';
import { planFollowUps } from '../follow-ups/follow-up-plan.service';
import { licencePublicationHandler, penaltyPublicationHandler } from '../publicity/publication.service';

/**
 * What follows when a record arrives, in the transaction that stored it: one place that lists, in order, each
 * capability's reaction (双告知 and 二告知 for a registration, 双跟踪 for a push, 二反馈 and 双公示 for a licence
 * or a penalty). `change` is 'new' for a first delivery and 'changed' for a new version of the same record.
 */
export type RecordChange = 'new' | 'changed';

export async function afterRegistrationReceived(
  _trx: Db,
  _deps: AppDeps,
  _registrationId: number,
  _change: RecordChange,
): Promise<void> {
  // 双告知: propose approval items, push to departments (src/dual-notice).
}

export async function afterPushesCreated(_trx: Db, _deps: AppDeps, _pushIds: readonly number[]): Promise<void> {
  // 双跟踪: plan the 照后证前 follow-up inspections (src/follow-ups).
  await planFollowUps(_trx, _deps, _pushIds);
}

export async function afterLicenceReceived(
  _trx: Db,
  _deps: AppDeps,
  _licenceId: number,
  _change: RecordChange,
): Promise<void> {
  // 二反馈 timeliness (src/dual-notice), end of 照后证前 follow-up (src/follow-ups), 双公示 (src/publicity).
  await endFollowUpsOnLicence(_trx, _deps, _licenceId, _change);
  await licencePublicationHandler(_trx, _deps, _licenceId, _change);
}

export async function afterPenaltyReceived(
  _trx: Db,
  _deps: AppDeps,
  _penaltyId: number,
  _change: RecordChange,
): Promise<void> {
  // 双公示 (src/publicity).
  await penaltyPublicationHandler(_trx, _deps, _penaltyId, _change);
}
