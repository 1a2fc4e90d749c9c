import type { Db } from '../db/database';
import { syncKeyTargetFlagRows } from './subject-key-target.repository';

/**
 * Keeps the register's key-target flag (subjects.key_target, which the draw reads) in step with the key-target
 * listings (src/key-targets), set-based: key_target is true iff a listing is in force on `today` (not lifted, listed,
 * not past expires_on) and the subject is not whitelisted (a whitelisted subject is never a key target: its listings
 * are kept and take effect if the whitelist is withdrawn); key_target_reason is the newest such listing's reason.
 * Only rows whose flag or reason changes are written. Returns the ids changed.
 */
export const syncKeyTargetFlags = (
  trx: Db,
  subjectIds: readonly number[] | 'all',
  today: string,
  now: Date,
): Promise<number[]> => syncKeyTargetFlagRows(trx, subjectIds, today, now);
