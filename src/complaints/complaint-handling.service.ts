import type { Actor } from '../auth/actor';
import { auditSubjectOf } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { verifyDueOn } from './complaint-deadline';
import { complaintForAction } from './complaint-handling-access';
import { findMatter } from './complaint-handling.repository';
import { applyStep, type ComplaintWrite } from './complaint-handling-step';

/** Runs a department's action in one transaction, as the signed-in user. */
export const asUser = <T>(deps: AppDeps, actor: Actor, run: (w: ComplaintWrite) => Promise<T>) =>
  deps.db.transaction().execute((trx) => run({ trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) }));

/** 受理 by the department: starts the 核查 deadline (working days of the matter, from today). */
export async function acceptComplaint(deps: AppDeps, actor: Actor | null, ticketNo: string, note: string) {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  await asUser(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:write', ticketNo);
    const matter = await findMatter(w.trx, c.matter_code);
    if (!matter) throw new AppError('CONFLICT', `投诉事项 ${c.matter_code} 不存在`);
    const verifyDue = verifyDueOn(await workCalendar(w.trx), chinaDate(w.now), matter);
    await applyStep(w, c, {
      action: 'complaint.accept',
      transition: 'accept',
      patch: { acknowledged_at: w.now, verify_due: verifyDue },
      note,
      detail: { verifyDue },
    });
  });
}

/** 答复 to the complainant (text): the complaint is closed (已办结); the complainant can then rate it. */
export async function replyComplaint(deps: AppDeps, actor: Actor | null, ticketNo: string, reply: string) {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  await asUser(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:write', ticketNo);
    await applyStep(w, c, {
      action: 'complaint.reply',
      transition: 'reply',
      patch: { reply, replied_at: w.now, closed_at: w.now },
      note: reply,
    });
  });
}
