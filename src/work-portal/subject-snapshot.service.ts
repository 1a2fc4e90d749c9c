import type { AppDeps } from '../shared/context';
import { replaceSubjectCounts, subjectSnapshotTime } from './dashboard-subjects.repository';

/**
 * A dashboard visit counts the register itself only when there is no count yet or the hourly job has missed a run
 * (the counts are over two hours old, e.g. the dispatcher is off): a million subjects take about two seconds.
 */
const MAX_AGE_MS = 2 * 60 * 60 * 1000;

/** Counts the subject register for the dashboard now (the hourly job, and a dashboard asked before any count). */
export async function refreshSubjectCounts(deps: AppDeps, now: Date = deps.clock.now()): Promise<Date> {
  await deps.db.transaction().execute((trx) => replaceSubjectCounts(trx, now));
  return now;
}

/** The time of the counts the dashboard shows: taken now when there are none yet or they are over two hours old. */
export async function freshSubjectCounts(deps: AppDeps): Promise<Date> {
  const now = deps.clock.now();
  const at = await subjectSnapshotTime(deps.db);
  if (at && now.getTime() - at.getTime() < MAX_AGE_MS && at.getTime() <= now.getTime()) return at;
  return refreshSubjectCounts(deps, now);
}

/** The hourly job (src/http/app.ts): keeps the counts at most an hour old without a dashboard visit paying for it. */
export const refreshSubjectCountsHourly = (deps: AppDeps, now: Date) => refreshSubjectCounts(deps, now);
