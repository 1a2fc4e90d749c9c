import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { daysLate } from '../calendar/work-calendar';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { overdueRequests, requestsToRemind } from './assistance.repository';
import { assistanceLink } from './assistance-links';
import { transferLink } from './transfer-create';
import { overdueTransfers, transfersToRemind } from './transfer.repository';
import type { OverdueItem } from './transfer.schemas';
import { tell } from './transfer-write';
import { claimReminder } from './transfer-common.repository';

/**
 * 逾期: transfers not accepted by their deadline and assistance requests not answered by theirs, of the actor's
 * department (sent or received), or of all departments for the joint office and the supervision office.
 */
export async function listOverdue(deps: AppDeps, actor: Actor | null): Promise<{ items: OverdueItem[] }> {
  requirePermission(actor, 'transfer:read');
  const scope = scopeOf(actor, 'transfer:read') === 'all' ? null : actor.departmentId;
  const today = chinaDate(deps.clock.now());
  const [cal, transfers, requests] = await Promise.all([
    workCalendar(deps.db),
    overdueTransfers(deps.db, today, scope),
    overdueRequests(deps.db, today, scope),
  ]);
  const late = (dueOn: string) => daysLate(cal, dueOn, today);
  const items: OverdueItem[] = [
    ...transfers.map((t) => ({
      itemType: '移送' as const,
      no: t.transfer_no,
      title: `${t.kind}${t.subject_name ? `：${t.subject_name}` : ''}`,
      departmentName: t.sender_name,
      waitingOn: t.target_unit,
      dueOn: t.accept_due_on!,
      overdueWorkingDays: late(t.accept_due_on!),
    })),
    ...requests.map((r) => ({
      itemType: '协查' as const,
      no: r.request_no,
      title: `${r.kind}：${r.help.slice(0, 40)}`,
      departmentName: r.requesting_name,
      waitingOn: r.requested_name,
      dueOn: r.due_on,
      overdueWorkingDays: late(r.due_on),
    })),
  ];
  return { items: items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.no.localeCompare(b.no)) };
}

/**
 * Hourly (with the notification dispatcher): the department that must act is reminded once per deadline, on the
 * day it falls due or the first run after it passed.
 */
export async function sendTransferReminders(deps: AppDeps, now: Date): Promise<{ reminders: number }> {
  const today = chinaDate(now);
  const [transfers, requests] = await Promise.all([
    transfersToRemind(deps.db, today),
    requestsToRemind(deps.db, today),
  ]);
  if (transfers.length + requests.length === 0) return { reminders: 0 };
  return deps.db.transaction().execute(async (trx) => {
    const w = { trx, deps, now, who: { userId: null, name: '系统', departmentId: null, ip: null } };
    let sent = 0;
    const claim = (itemType: '移送' | '协查', itemId: number, dueOn: string) =>
      claimReminder(trx, { item_type: itemType, item_id: itemId, due_on: dueOn, reminded_at: now });
    for (const t of transfers) {
      if (!(await claim('移送', Number(t.id), t.accept_due_on!))) continue;
      const due = t.accept_due_on === today;
      const handler = Number(t.receiver_department_id ?? t.department_id);
      await tell(w, [handler], 'handlers', {
        kind: 'transfer_due',
        title: `${due ? '今日应受理' : '受理已逾期'}：${t.transfer_no}`,
        body: `${t.sender_name}的${t.kind} ${t.transfer_no}${t.subject_name ? `（${t.subject_name}）` : ''}应于 ${t.accept_due_on} 前受理${due ? '' : '，已逾期，请尽快受理或退回'}。`,
        link: transferLink(t.transfer_no),
      });
      sent += 1;
    }
    for (const r of requests) {
      if (!(await claim('协查', Number(r.id), r.due_on))) continue;
      const due = r.due_on === today;
      await tell(w, [Number(r.requested_department_id)], 'handlers', {
        kind: 'transfer_due',
        title: `${due ? '今日应答复' : '答复已逾期'}：${r.request_no}`,
        body: `${r.requesting_name}的${r.kind} ${r.request_no} 应于 ${r.due_on} 前答复${due ? '' : '，已逾期，请尽快答复'}。`,
        link: assistanceLink(r.request_no),
      });
      sent += 1;
    }
    return { reminders: sent };
  });
}
