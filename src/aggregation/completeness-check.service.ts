import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { type AuditSubject } from '../audit/audit.service';
import { addCalendarMonths, daysInMonth, formatIsoDate, parseIsoDate } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  claimCheck,
  departmentsWithoutInspections,
  insertAnomalies,
  missingReportKey,
  missingReportRaised,
  setCheckRaised,
} from './aggregation.repository';
import { anomalyDueOn } from './anomaly-deadline';

/** The calendar month before the China date `today`: its first and last day and its name (2026-11). */
export function previousMonth(today: string): { from: string; to: string; name: string } {
  const from = addCalendarMonths(`${today.slice(0, 7)}-01`, -1);
  const { y, m } = parseIsoDate(from);
  return { from, to: formatIsoDate({ y, m, d: daysInMonth(y, m) }), name: from.slice(0, 7) };
}

const system: AuditSubject = { userId: null, name: '系统', departmentId: null, ip: null };

/**
 * The completeness check (未报送, 《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条、第四十六条): a department with
 * supervision items in force must show inspection activity every month — a result submitted on the platform or a
 * 行政检查 record sent through the intake whose 检查时间 falls in the month. A department with neither for the
 * previous month gets one 未报送 anomaly (行政检查), due in 5 working days; it closes when the department sends
 * 行政检查 data. Runs once a China day (the hourly job claims the day), or on demand (`force`, aggregation:manage);
 * the same month is never raised twice for a department.
 */
export async function runCompletenessCheck(
  deps: AppDeps,
  now: Date,
  who: AuditSubject = system,
  force = false,
): Promise<{ period: string; raised: number; skipped: boolean }> {
  const today = chinaDate(now);
  const month = previousMonth(today);
  const dueOn = anomalyDueOn(await workCalendar(deps.db), today);
  return deps.db.transaction().execute(async (trx) => {
    const claimed = await claimCheck(trx, today, month.name, now);
    if (!claimed && !force) return { period: month.name, raised: 0, skipped: true };
    let raised = 0;
    for (const d of await departmentsWithoutInspections(trx, month.from, month.to)) {
      const message = `${month.name} 月未报送行政检查数据：本部门有 ${d.items} 项在用监管事项，该月既无平台检查结果，也无报送的行政检查记录`;
      if (await missingReportRaised(trx, d.id, '行政检查', month.name)) continue;
      await insertAnomalies(trx, [
        {
          department_id: d.id,
          batch_id: null,
          record_kind: '行政检查',
          record_key: missingReportKey(month.name),
          row_no: null,
          field: '检查时间',
          field_label: '检查时间',
          problem: '未报送',
          message,
          detected_at: now,
          due_on: dueOn,
          record_payload: null,
        },
      ]);
      raised += 1;
    }
    await setCheckRaised(trx, today, raised);
    await recordAudit(trx, deps.config.auditHash, now, who, {
      action: 'aggregation_batch.check',
      entityType: 'aggregation_batch',
      entityId: month.name,
      summary: `核查 ${month.name} 月各部门监管行为数据报送情况：${raised} 个部门未报送`,
      after: { period: month.name, raised },
    });
    return { period: month.name, raised, skipped: false };
  });
}

/** The hourly job: the check once a day. */
export const dailyCompletenessCheck = (deps: AppDeps, now: Date) => runCompletenessCheck(deps, now);

/** The button of the joint office / supervision office. */
export function checkCompletenessNow(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'aggregation:manage');
  return runCompletenessCheck(deps, deps.clock.now(), auditSubjectOf(actor), true);
}
