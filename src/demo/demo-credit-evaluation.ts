import type { Actor } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { addDays } from '../calendar/calendar-date';
import { pushCreditRun } from '../credit-evaluation/credit-push.service';
import { lastEndedQuarter, quarterEnd } from '../credit-evaluation/credit-period';
import { runQuarterlyEvaluation } from '../credit-evaluation/credit-run.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { at, atClock } from './demo-steps';

/**
 * 公共信用综合评价 in the demo city: the last ended quarter was evaluated by the timer on the first working day after
 * it (model version 1 published on that first use) and the credit office (fgw_xy) pushed it that morning, so the
 * register's classes come from it and departments have its notification.
 */
export async function seedDemoCreditEvaluation(
  deps: AppDeps,
  actorOf: (username: string) => Promise<Actor>,
): Promise<{ runNo: string; subjects: number } | null> {
  const period = lastEndedQuarter(chinaDate(deps.clock.now()));
  const end = quarterEnd(period);
  let day = addDays(end, 1);
  try {
    day = (await workCalendar(deps.db)).addWorkingDays(end, 1);
  } catch {
    // a year without a calendar: the day after the quarter
  }
  const run = await runQuarterlyEvaluation(atClock(deps, at(day, '02:00')), at(day, '02:00'));
  if (!run) return null;
  await pushCreditRun(atClock(deps, at(day, '10:30')), await actorOf('fgw_xy'), run.id);
  return { runNo: run.run_no, subjects: run.subject_count };
}
