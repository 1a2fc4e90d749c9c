import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { notify } from '../notifications/notify';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  anomaliesWithoutDueDate,
  departmentUsersWith,
  findAnomaly,
  setAnomalyDueOn,
  writeOffAnomaly,
} from './aggregation.repository';
import { anomalyDueOn } from './anomaly-deadline';
import { anomaliesToRemind, recordAnomalyReminders } from './aggregation-query.repository';

/**
 * Writes an anomaly off (已核销): the joint office or the supervision office (aggregation:manage) decides the data
 * need no resend, and says why; the reason is kept and audited.
 */
export async function writeOff(deps: AppDeps, actor: Actor, id: number, reason: string): Promise<void> {
  requirePermission(actor, 'aggregation:manage');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const anomaly = await findAnomaly(trx, id);
    if (!anomaly) throw notFound('异常数据');
    if (anomaly.status !== '待整改') throw new AppError('CONFLICT', `该异常数据已${anomaly.status}，不能核销`);
    await writeOffAnomaly(trx, id, now, reason);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'data_anomaly.write_off',
      entityType: 'data_anomaly',
      entityId: id,
      summary: `核销${anomaly.record_kind}异常数据（${anomaly.problem}：${anomaly.message}）：${reason}`,
      before: { status: anomaly.status },
      after: { status: '已核销', reason },
    });
  });
}

const anomalyLink = '/aggregation/anomalies';

/**
 * Deadline reminders (hourly, with the notification dispatcher): the sending department's users who may resend
 * (aggregation:write) are told once the working day before an anomaly's deadline (临期) and once when it has passed
 * (超期); anomaly_reminders keeps one per anomaly and phase, so later runs send nothing again.
 */
export async function sendAnomalyReminders(deps: AppDeps, now: Date): Promise<{ reminders: number }> {
  const today = chinaDate(now);
  const cal = await workCalendar(deps.db);
  // Anomalies detected before next year's holiday notice was loaded get their deadline once it is (第十四条 still holds).
  for (const a of await anomaliesWithoutDueDate(deps.db)) {
    const dueOn = anomalyDueOn(cal, chinaDate(a.detected_at));
    if (dueOn) await setAnomalyDueOn(deps.db, a.id, dueOn);
  }
  const horizon = unlessYearMissing(() => cal.addWorkingDays(today, 1)) ?? today;
  const due = (await anomaliesToRemind(deps.db, horizon)).map((a) => ({
    a,
    phase: today > a.due_on! ? ('overdue' as const) : ('due_soon' as const),
  }));
  if (due.length === 0) return { reminders: 0 };
  return deps.db.transaction().execute(async (trx) => {
    const fresh = await recordAnomalyReminders(
      trx,
      due.map((d) => ({ anomaly_id: d.a.id, phase: d.phase, sent_at: now })),
    );
    let sent = 0;
    for (const { a, phase } of due) {
      if (!fresh.has(`${a.id}|${phase}`)) continue;
      sent += 1;
      const what = `${a.record_kind}${a.record_key ? `（记录 ${a.record_key}）` : ''}${a.field ? `“${a.field}”` : ''}：${a.message}`;
      await notify(trx, now, {
        userIds: await departmentUsersWith(trx, 'aggregation:write', a.department_id),
        kind: phase === 'overdue' ? 'anomaly_overdue' : 'anomaly_due',
        title: phase === 'overdue' ? `异常数据整改已超期：${a.record_kind}` : `异常数据明日到期：${a.record_kind}`,
        body:
          phase === 'overdue'
            ? `${what}。应于 ${a.due_on} 前整改并重新上报，已超期，请尽快处理。`
            : `${what}。应于 ${a.due_on} 前整改并重新上报。`,
        link: anomalyLink,
      });
    }
    return { reminders: sent };
  });
}
