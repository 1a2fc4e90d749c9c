import { requireTaskAction } from '../tasks/task-access';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { kickOutbox } from '../notifications/dispatcher';
import { notifyVisitScheduled } from '../notifications/task-events';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { assertAllowed } from '../tasks/task-lifecycle';
import { lockTaskHead } from '../tasks/task-lookup.service';
import { transitionTask } from '../tasks/task-transition';
import { requireRestDayConfirmed } from '../tasks/visit-day';
import type { CheckInInput, InspectionView, ScheduleInput } from './inspection.schemas';
import { dueOf, entity, recorderOf } from './inspection-recorder';
import { getInspection } from './inspection.service';
import { findVisit, insertVisit, insertVisitChange, updateVisit } from './inspection-visit.repository';

/**
 * Sets the visit date within the task's window (已发布 → 已排期). Changing it again is 改期 and needs a
 * reason; every setting is kept in inspection_visit_changes and written to the audit trail.
 */
export async function scheduleVisit(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ScheduleInput,
): Promise<InspectionView> {
  requirePermission(actor, 'task:task:write');
  // Read before the transaction: on the embedded database it holds the one connection.
  const calendar = await workCalendar(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const head = await lockTaskHead(trx, taskNo);
    requireTaskAction(actor, 'task:task:write', head.departmentIds, '只能为有本部门检查事项的任务排期');
    // Setting the date again (改期) keeps the task 已排期; a first date takes it from 已发布 through the lifecycle.
    if (head.status !== '已排期') assertAllowed(taskNo, head.status, 'schedule');
    const now = deps.clock.now();
    const today = chinaDate(now);
    if (input.visitOn < head.windowFrom || input.visitOn > head.windowTo) {
      throw new AppError('VALIDATION', `检查日期应在检查期 ${head.windowFrom} 至 ${head.windowTo} 之内`, [
        { field: 'visitOn', message: '不在检查期内' },
      ]);
    }
    if (input.visitOn < today)
      throw new AppError('VALIDATION', '检查日期不能早于今天', [{ field: 'visitOn', message: '早于今天' }]);
    const existing = await findVisit(trx, head.id);
    if (existing?.visit_on === input.visitOn) throw new AppError('CONFLICT', `检查日期已是 ${input.visitOn}`);
    const reason = input.reason?.trim() || null;
    if (existing && !reason)
      throw new AppError('VALIDATION', '改期须说明理由', [{ field: 'reason', message: '请填写改期理由' }]);
    // Asked last, so the user confirms a rest day only for a request that would otherwise go through.
    const restDay = requireRestDayConfirmed(calendar, input.visitOn, input.confirmNonWorkingDay, '安排检查');
    const onRestDay = restDay ? `（休息日：${restDay}，已确认）` : '';
    if (existing) await updateVisit(trx, head.id, { visit_on: input.visitOn, updated_at: now });
    else
      await insertVisit(trx, {
        task_id: head.id,
        visit_on: input.visitOn,
        checked_in_at: null,
        checked_in_on: null,
        checked_in_by: null,
        updated_at: now,
      });
    await insertVisitChange(trx, {
      task_id: head.id,
      previous_on: existing?.visit_on ?? null,
      visit_on: input.visitOn,
      reason,
      changed_by: actor.userId,
      changed_by_name: actor.name,
      changed_at: now,
    });
    if (head.status !== '已排期')
      await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, head.id, 'schedule');
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: existing ? 'inspection.reschedule' : 'inspection.schedule',
      entityType: entity,
      entityId: taskNo,
      summary: existing
        ? `检查任务 ${taskNo} 改期：${existing.visit_on} → ${input.visitOn}${onRestDay}，理由：${reason}`
        : `检查任务 ${taskNo} 排期于 ${input.visitOn}${onRestDay}`,
      before: existing ? { visitOn: existing.visit_on } : null,
      after: { visitOn: input.visitOn, reason, ...(restDay ? { restDayConfirmed: restDay } : {}) },
    });
    await notifyVisitScheduled(trx, now, {
      taskId: head.id,
      taskNo,
      visitOn: input.visitOn,
      previousOn: existing?.visit_on ?? null,
      reason,
    });
  });
  kickOutbox(deps);
  return getInspection(deps, actor, taskNo);
}

/** Check-in on site: records the time; the inspection date counts from here (已发布/已排期 → 检查中). */
export async function checkIn(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input?: CheckInInput,
): Promise<InspectionView> {
  const calendar = await workCalendar(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const r = await recorderOf(trx, actor, taskNo);
    if (r.head.status === '检查中' || r.head.status === '已检查') throw new AppError('CONFLICT', '本任务已签到');
    assertAllowed(taskNo, r.head.status, 'checkIn');
    const now = deps.clock.now();
    const today = chinaDate(now);
    if (today < r.head.windowFrom || today > r.head.windowTo) {
      throw new AppError(
        'CONFLICT',
        `今天（${today}）不在本任务的检查期 ${r.head.windowFrom} 至 ${r.head.windowTo} 之内，不能签到`,
      );
    }
    const restDay = requireRestDayConfirmed(calendar, today, input?.confirmNonWorkingDay, '签到');
    const existing = await findVisit(trx, r.head.id);
    const checkedIn = { checked_in_at: now, checked_in_on: today, checked_in_by: r.inspector.id, updated_at: now };
    if (existing) await updateVisit(trx, r.head.id, checkedIn);
    else await insertVisit(trx, { task_id: r.head.id, visit_on: today, ...checkedIn });
    await transitionTask({ trx, deps, now, who: auditSubjectOf(r.actor) }, r.head.id, 'checkIn');
    const due = await dueOf(trx, today);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(r.actor), {
      action: 'inspection.check_in',
      entityType: entity,
      entityId: taskNo,
      summary: `${r.inspector.name} 在检查任务 ${taskNo} 签到${existing && existing.visit_on !== today ? `（排期 ${existing.visit_on}）` : ''}${restDay ? `（休息日：${restDay}，已确认）` : ''}，结果录入期限 ${due ?? '待节假日安排载入后确定'}`,
      after: {
        checkedInAt: now.toISOString(),
        checkedInOn: today,
        dueOn: due,
        ...(restDay ? { restDayConfirmed: restDay } : {}),
      },
    });
  });
  return getInspection(deps, actor, taskNo);
}
