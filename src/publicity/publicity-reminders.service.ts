import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { notify } from '../notifications/notify';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { PUBLICITY_WORKING_DAYS } from './publication-flow';
import {
  markReminded,
  publicationsToRemind,
  publicationsWithoutDue,
  publisherUsers,
  updatePublication,
} from './publication.repository';

/**
 * Hourly: reminds each department's publishers of records awaiting publication on the working day before the
 * deadline, on the deadline and every day after (at most once a day per record); and gives a deadline to the records
 * that arrived before their year's holidays were loaded.
 */
export async function sendPublicityReminders(deps: AppDeps, now: Date): Promise<{ reminded: number }> {
  const today = chinaDate(now);
  const calendar = await workCalendar(deps.db);
  const tomorrow = unlessYearMissing(() => calendar.addWorkingDays(today, 1)) ?? today;
  return deps.db.transaction().execute(async (trx) => {
    for (const p of await publicationsWithoutDue(trx)) {
      const due = unlessYearMissing(() => calendar.addWorkingDays(p.decided_on, PUBLICITY_WORKING_DAYS));
      if (due) await updatePublication(trx, p.id, { due_on: due });
    }
    const due = await publicationsToRemind(trx, today, tomorrow);
    for (const p of due) {
      const users = await publisherUsers(trx, p.department_id!);
      const overdue = p.due_on! < today;
      await notify(trx, now, {
        userIds: users.map((u) => Number(u.id)),
        kind: 'publicity_due',
        title: `${p.kind}“${p.counterpart_name}”${overdue ? '逾期未公示' : `应于 ${p.due_on} 前公示`}`,
        body: `${p.counterpart_name}的${p.kind}决定应在作出之日起 ${PUBLICITY_WORKING_DAYS} 个工作日内（${p.due_on} 前）审核公示${overdue ? '，已逾期' : ''}，请尽快办理。`,
        link: '/publicity',
      });
    }
    await markReminded(
      trx,
      due.map((p) => Number(p.id)),
      today,
    );
    return { reminded: due.length };
  });
}
