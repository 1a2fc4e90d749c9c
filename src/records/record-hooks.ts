import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { endFollowUpsOnLicence } from '../follow-ups/follow-up-licence.service';
import { planFollowUps } from '../follow-ups/follow-up-plan.service';
import { licencePublicationHandler, penaltyPublicationHandler } from '../publicity/publication.service';
import { proposeAndPush } from '../dual-notice/registration-notice.service';
import { recordLicenceFeedback } from '../dual-notice/licence-feedback.service';
import { recordCreditFromLicence, recordCreditFromPenalty } from '../credit-records/credit-from-records.service';
import { preparePenaltyDocuments } from '../credit-repair/penalty-documents.service';

import type { RecordChange } from './record-change';

/**
 * What follows when a record arrives, in the transaction that stored it: one place that lists, in order, each
 * capability's reaction (双告知 and 二告知 for a registration, 双跟踪 for a push, 二反馈 and 双公示 for a licence
 * or a penalty). `change` is 'new' for a first delivery and 'changed' for a new version of the same record.
 */
export async function afterRegistrationReceived(
  trx: Db,
  deps: AppDeps,
  registrationId: number,
  change: RecordChange,
): Promise<void> {
  // 双告知: propose the approval items and push to the departments and the 街镇 (src/dual-notice).
  const pushIds = await proposeAndPush(trx, deps, registrationId, change);
  if (pushIds.length) await afterPushesCreated(trx, deps, pushIds);
}

/** Also called when a department claims a registration from the shared pool or staff add an item to it. */
export async function afterPushesCreated(trx: Db, deps: AppDeps, pushIds: readonly number[]): Promise<void> {
  // 双跟踪: plan the 照后证前 follow-up inspections (src/follow-ups).
  await planFollowUps(trx, deps, pushIds);
}

export async function afterLicenceReceived(
  trx: Db,
  deps: AppDeps,
  licenceId: number,
  change: RecordChange,
): Promise<void> {
  // 二反馈 timeliness (src/dual-notice), end of 照后证前 follow-up (src/follow-ups), 双公示 (src/publicity),
  // a revoked licence in the subject's credit records (src/credit-records).
  await recordLicenceFeedback(trx, licenceId);
  await endFollowUpsOnLicence(trx, deps, licenceId, change);
  await licencePublicationHandler(trx, deps, licenceId, change);
  await recordCreditFromLicence(trx, deps, licenceId, change);
}

export async function afterPenaltyReceived(
  trx: Db,
  deps: AppDeps,
  penaltyId: number,
  change: RecordChange,
): Promise<void> {
  // 双公示 (src/publicity), the subject's credit record (src/credit-records), 五书同达 (src/credit-repair).
  await penaltyPublicationHandler(trx, deps, penaltyId, change);
  await recordCreditFromPenalty(trx, deps, penaltyId, change);
  await preparePenaltyDocuments(trx, deps, penaltyId, change);
}
