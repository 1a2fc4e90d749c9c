import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { notify } from '../notifications/notify';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { ComplaintMatterRow } from './complaint.table';
import { currentDeadline, stageNames } from './complaint-deadline';
import {
  listMatters,
  openComplaintsDueBy,
  recordComplaintReminders,
  updateMatterDays,
} from './complaint-deadline.repository';
import { complaintLink } from './complaint-dispatch.service';
import { findMatter, usersWithPermission } from './complaint-handling.repository';

const matterView = (m: ComplaintMatterRow) => ({
  code: m.code,
  name: m.name,
  ackDays: m.ack_days,
  verifyDays: m.verify_days,
  replyDays: m.reply_days,
  industryCodes: m.industry_codes,
  active: m.active,
});

/** The matters with their deadlines in working days (受理、核查、答复). */
export async function complaintMatters(deps: AppDeps, actor: Actor | null) {
  requirePermission(actor, 'complaint:read');
  return (await listMatters(deps.db)).map(matterView);
}

/** Changes a matter's deadlines (complaint:dispatch); complaints already running keep the dates they were given. */
export async function updateMatterDeadlines(
  deps: AppDeps,
  actor: Actor | null,
  code: string,
  input: { ackDays: number; verifyDays: number; replyDays: number },
) {
  requirePermission(actor, 'complaint:dispatch');
  return deps.db.transaction().execute(async (trx) => {
    const before = await findMatter(trx, code);
    if (!before) throw notFound(`投诉事项 ${code} `);
    const now = deps.clock.now();
    await updateMatterDays(
      trx,
      code,
      { ack_days: input.ackDays, verify_days: input.verifyDays, reply_days: input.replyDays },
      now,
    );
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'complaint_matter.update',
      entityType: 'complaint_matter',
      entityId: code,
      summary: `投诉事项“${before.name}”的办理时限：受理 ${input.ackDays}、核查 ${input.verifyDays}、答复 ${input.replyDays} 个工作日`,
      before: { ackDays: before.ack_days, verifyDays: before.verify_days, replyDays: before.reply_days },
      after: { ackDays: input.ackDays, verifyDays: input.verifyDays, replyDays: input.replyDays },
    });
    return matterView({
      ...before,
      ack_days: input.ackDays,
      verify_days: input.verifyDays,
      reply_days: input.replyDays,
    });
  });
}

/**
 * Deadline reminders (hourly, with the notification dispatcher): the department's handlers are told once the
 * working day before a deadline (临期) and once when it has passed (超期); complaint_reminders keeps one per
 * complaint, deadline and phase, so later runs send nothing again until a new deadline is set.
 */
export async function sendComplaintReminders(deps: AppDeps, now: Date): Promise<{ reminders: number }> {
  const today = chinaDate(now);
  const cal = await workCalendar(deps.db);
  // The working day after today: a deadline on it (or before) is due within one working day.
  // (Next year's calendar not loaded yet: only the due day itself and overdue ones.)
  const horizon = unlessYearMissing(() => cal.addWorkingDays(today, 1)) ?? today;
  const open = await openComplaintsDueBy(deps.db, horizon);
  const due = open.flatMap((c) => {
    const d = currentDeadline(c);
    if (!d) return [];
    const phase: 'due_soon' | 'overdue' = today > d.dueOn ? 'overdue' : 'due_soon';
    return [{ c, ...d, phase }];
  });
  if (due.length === 0) return { reminders: 0 };
  return deps.db.transaction().execute(async (trx) => {
    const fresh = await recordComplaintReminders(
      trx,
      due.map((d) => ({ complaint_id: d.c.id, stage: d.stage, phase: d.phase, due_on: d.dueOn, created_at: now })),
    );
    let sent = 0;
    for (const d of due) {
      if (!fresh.has(`${d.c.id}|${d.stage}|${d.phase}`)) continue;
      sent += 1;
      const stage = stageNames[d.stage];
      await notify(trx, now, {
        userIds: await usersWithPermission(trx, 'complaint:write', [Number(d.c.department_id)]),
        kind: d.phase === 'overdue' ? 'complaint_overdue' : 'complaint_due',
        title: `${d.phase === 'overdue' ? `${stage}已超期` : `${stage}即将到期`}：投诉举报 ${d.c.ticket_no}`,
        body:
          d.phase === 'overdue'
            ? `${d.c.subject_name}：${d.c.title}。应于 ${d.dueOn} 前${stage}，已超期，请尽快办理。`
            : `${d.c.subject_name}：${d.c.title}。应于 ${d.dueOn} 前${stage}。`,
        link: complaintLink(d.c.ticket_no),
      });
    }
    return { reminders: sent };
  });
}
