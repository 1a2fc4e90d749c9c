import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { syncKeyTargetFlags } from '../subjects/subject-key-target.service';

/**
 * The hourly lapse: listings past their last day (and listings dated ahead that have begun) change the register's
 * flag on the day itself, set-based over the register. The listings stay, shown as 已到期. Returns the subjects changed.
 */
export async function lapseKeyTargets(deps: AppDeps, now: Date): Promise<number[]> {
  return deps.db.transaction().execute((trx) => syncKeyTargetFlags(trx, 'all', chinaDate(now), now));
}
