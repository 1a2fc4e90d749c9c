import { notify } from '../notifications/notify';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { pushHandlers } from './dual-notice.repository';
import { openPushesDueBy, recordPushReminders } from './push.repository';

/**
 * Reminders of the 1-working-day acknowledgement (第十一条): on the due day, and each day it is overdue, the
 * department's handlers are told once (dual_notice_reminders keeps one per push, kind and China day). Runs with
 * the hourly jobs of the notification dispatcher.
 */
export async function sendPushReminders(deps: AppDeps, now: Date): Promise<{ reminders: number }> {
  const today = chinaDate(now);
  const open = await openPushesDueBy(deps.db, today);
  if (open.length === 0) return { reminders: 0 };
  return deps.db.transaction().execute(async (trx) => {
    const kindOf = (due: string) => (due === today ? 'push_ack_due' : 'push_ack_overdue');
    const fresh = new Set(
      await recordPushReminders(
        trx,
        open.map((p) => ({ push_id: Number(p.id), kind: kindOf(p.ack_due_on), reminded_on: today, created_at: now })),
      ),
    );
    // One message per department and registration (a department told for two duties gets one reminder).
    const messages = new Map<string, (typeof open)[number]>();
    for (const p of open.filter((o) => fresh.has(Number(o.id))))
      messages.set(`${p.department_id}|${p.registration_id}|${p.ack_due_on === today}`, p);
    for (const p of messages.values()) {
      const due = p.ack_due_on === today;
      await notify(trx, now, {
        userIds: await pushHandlers(trx, [Number(p.department_id)]),
        kind: due ? 'push_ack_due' : 'push_ack_overdue',
        title: `${due ? '今日应签收' : '签收已逾期'}：${p.name}`,
        body: due
          ? `${p.registration_no} ${p.name}（${p.uscc}）的登记信息应于今日（${p.ack_due_on}）签收。`
          : `${p.registration_no} ${p.name}（${p.uscc}）的登记信息应于 ${p.ack_due_on} 签收，已逾期，请尽快签收。`,
        link: '/dual-notice/inbox',
      });
    }
    return { reminders: fresh.size };
  });
}
