import { type Actor, can, requirePermission } from '../auth/actor';
import { type AuditSubject, auditSubjectOf } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import type { Db } from '../db/database';
import { loadRegisterSubjects, sectionOfDivision } from '../draw/draw-frame-lookup.service';
import { subjectInScope } from '../draw/engine/frame';
import { notify } from '../notifications/notify';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { ComplaintRow } from './complaint.table';
import { ackDueOn } from './complaint-deadline';
import { candidateDepartments, departmentsByRules } from './complaint-dispatch-rules';
import { activeDepartmentIds, enabledDispatchRules, itemsInForce } from './complaint-dispatch.repository';
import { complaintForAction } from './complaint-handling-access';
import {
  departmentName,
  findMatter,
  findRepeatHead,
  insertComplaintEvent,
  updateComplaint,
  usersWithPermission,
} from './complaint-handling.repository';
import { applyStep, type ComplaintWrite, lockedComplaint } from './complaint-handling-step';

/** The platform acting on an arriving complaint (dispatch by the rules, grouping of repeats). */
export const complaintSystem: AuditSubject = { userId: null, name: '系统（投诉分派）', departmentId: null, ip: null };

const REPEAT_DAYS = 90;

export const complaintLink = (ticketNo: string) => `/complaints/${encodeURIComponent(ticketNo)}`;

/**
 * The departments whose sampling items in force cover the subject (its supervising departments), or null when the
 * complaint names no subject of the register.
 */
async function supervisingDepartments(trx: Db, subjectId: number | null): Promise<number[] | null> {
  if (subjectId === null) return null;
  const [subject] = await loadRegisterSubjects(trx, [subjectId]);
  if (!subject) return null;
  const sections = sectionOfDivision();
  const items = await itemsInForce(trx);
  const ids = items
    .filter((i) => i.scope.industries.length > 0 && subjectInScope(subject, i.scope, sections))
    .map((i) => Number(i.department_id));
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** The candidate departments of a complaint (complaint-dispatch-rules.ts): rules, narrowed by the subject's departments. */
export async function dispatchCandidates(trx: Db, c: ComplaintRow): Promise<number[]> {
  const rules = (await enabledDispatchRules(trx)).map((r) => ({
    matterCode: r.matter_code,
    industryPrefix: r.industry_prefix,
    divisionPrefix: r.division_prefix,
    departmentId: Number(r.department_id),
    priority: r.priority,
    enabled: r.enabled,
  }));
  const supervising = await supervisingDepartments(trx, c.subject_id === null ? null : Number(c.subject_id));
  let industryCodes = c.industry_code ? [c.industry_code] : [];
  if (industryCodes.length === 0 && c.subject_id !== null)
    industryCodes = (await loadRegisterSubjects(trx, [Number(c.subject_id)]))[0]?.industryCodes ?? [];
  const byRules = departmentsByRules(rules, {
    matterCode: c.matter_code,
    industryCodes,
    divisionCode: c.division_code,
  });
  return activeDepartmentIds(trx, candidateDepartments(byRules, supervising));
}

/** Tells the department's handlers (complaint:write) of a complaint now theirs. */
async function tellDepartment(w: ComplaintWrite, c: ComplaintRow, departmentId: number, ackDue: string, how: string) {
  await notify(w.trx, w.now, {
    userIds: await usersWithPermission(w.trx, 'complaint:write', [departmentId]),
    kind: 'complaint',
    title: `${how}投诉举报 ${c.ticket_no}：${c.title}`,
    body: `${c.subject_name}：${c.title}。请于 ${ackDue} 前受理（或说明理由退回）。`,
    link: complaintLink(c.ticket_no),
  });
}

/** 分派 or 改派: names the department, starts the 受理 deadline (working days of the matter) and tells it. */
async function dispatchTo(
  w: ComplaintWrite,
  c: ComplaintRow,
  departmentId: number,
  transition: 'dispatch' | 'redispatch',
  note: string,
): Promise<void> {
  if ((await activeDepartmentIds(w.trx, [departmentId])).length === 0)
    throw new AppError('VALIDATION', '请选择承办部门', [{ field: 'departmentId', message: '部门不存在或已停用' }]);
  if (transition === 'redispatch' && departmentId === c.department_id)
    throw new AppError('VALIDATION', '改派须选择另一个部门', [
      { field: 'departmentId', message: '与当前承办部门相同' },
    ]);
  const matter = await findMatter(w.trx, c.matter_code);
  if (!matter) throw new AppError('CONFLICT', `投诉事项 ${c.matter_code} 不存在`);
  const cal = await workCalendar(w.trx);
  const ackDue = ackDueOn(cal, chinaDate(w.now), matter);
  const name = (await departmentName(w.trx, departmentId)) ?? '';
  await applyStep(w, c, {
    action: transition === 'dispatch' ? 'complaint.dispatch' : 'complaint.redispatch',
    transition,
    patch: {
      department_id: departmentId,
      dispatched_at: w.now,
      ack_due: ackDue,
      // 改派 starts over: the new department acknowledges and verifies itself.
      acknowledged_at: null,
      verify_due: null,
      task_id: transition === 'redispatch' ? null : c.task_id,
      verification_method: null,
    },
    note: `${name}${note ? `：${note}` : ''}`,
    detail: { departmentId, reason: note, ackDue },
  });
  await tellDepartment(w, c, departmentId, ackDue, transition === 'dispatch' ? '分派' : '改派');
}

/** Repeats (same subject and matter, open or within 90 days) join the group of the first one. */
async function groupRepeat(w: ComplaintWrite, c: ComplaintRow): Promise<void> {
  const since = new Date(w.now.getTime() - REPEAT_DAYS * 86_400_000);
  const head = await findRepeatHead(
    w.trx,
    { ...c, subject_id: c.subject_id === null ? null : Number(c.subject_id) },
    since,
  );
  if (head === null) return;
  await updateComplaint(w.trx, c.id, { group_id: head });
  const first = await lockedComplaint(w.trx, head);
  if (first.group_id === null) await updateComplaint(w.trx, head, { group_id: head });
  await insertComplaintEvent(w.trx, {
    complaint_id: c.id,
    action: '归并重复投诉',
    from_status: c.status,
    to_status: c.status,
    department_id: c.department_id,
    actor_user_id: null,
    actor_name: complaintSystem.name,
    note: `与 ${first.ticket_no} 为同一对象、同一事项的重复投诉`,
    at: w.now,
  });
}

/**
 * On arrival (called by afterComplaintReceived in the storing transaction): groups a repeat, then dispatches by the
 * rules when exactly one department results; a repeat goes to the department already handling its group's first
 * complaint. Otherwise the complaint waits in the joint office's 待分派 queue, and the office is told.
 */
export async function dispatchOnArrival(w: ComplaintWrite, complaintId: number): Promise<void> {
  let c = await lockedComplaint(w.trx, complaintId);
  if (c.status !== '待分派') return;
  await groupRepeat(w, c);
  c = await lockedComplaint(w.trx, complaintId);
  let candidates = await dispatchCandidates(w.trx, c);
  const cal = await workCalendar(w.trx);
  if (c.group_id !== null && c.group_id !== c.id) {
    const head = await lockedComplaint(w.trx, c.group_id);
    if (head.department_id !== null && ['待受理', '核查中', '待答复'].includes(head.status))
      candidates = [Number(head.department_id)];
  }
  // The 受理 deadline needs the working calendar of its year: without it (next year's holiday notice not loaded
  // yet) the joint office dispatches by hand once it is loaded.
  const matter = await findMatter(w.trx, c.matter_code);
  const calendarReady =
    matter !== undefined && unlessYearMissing(() => ackDueOn(cal, chinaDate(w.now), matter)) !== null;
  // A complaint about a department's own inspection (检查码评价) is never dispatched to it by rule: the joint office
  // decides who handles it.
  const aboutInspection = c.channel === '检查码评价';
  if (aboutInspection) candidates = [];
  if (candidates.length === 1 && calendarReady) {
    await dispatchTo(w, c, candidates[0]!, 'dispatch', '按分派规则自动分派');
    return;
  }
  await notify(w.trx, w.now, {
    userIds: await usersWithPermission(w.trx, 'complaint:dispatch', null),
    kind: 'complaint',
    title: `待分派投诉举报 ${c.ticket_no}：${c.title}`,
    body: `${c.subject_name}：${aboutInspection ? '对部门检查行为的投诉，由联席会议办公室指定承办部门' : candidates.length === 0 ? '没有匹配的分派规则' : candidates.length === 1 ? '受理时限所在年度的工作日历尚未载入' : `${candidates.length} 个部门均可承办`}，请指定承办部门。`,
    link: complaintLink(c.ticket_no),
  });
}

const tx = <T>(deps: AppDeps, actor: Actor, run: (w: ComplaintWrite) => Promise<T>) =>
  deps.db.transaction().execute((trx) => run({ trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) }));

/** 分派 by the joint office (complaint:dispatch) from the 待分派 queue. */
export async function dispatchComplaint(
  deps: AppDeps,
  actor: Actor | null,
  ticketNo: string,
  input: { departmentId: number; note: string },
): Promise<void> {
  requirePermission(actor, 'complaint:dispatch');
  await tx(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:dispatch', ticketNo);
    await dispatchTo(w, c, input.departmentId, 'dispatch', input.note);
  });
}

/** 改派 to another department, with the reason (待受理 or 核查中). */
export async function redispatchComplaint(
  deps: AppDeps,
  actor: Actor | null,
  ticketNo: string,
  input: { departmentId: number; reason: string },
): Promise<void> {
  requirePermission(actor, 'complaint:dispatch');
  await tx(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:dispatch', ticketNo);
    await dispatchTo(w, c, input.departmentId, 'redispatch', input.reason);
  });
}

/** 退回 by the department, with the reason: back to 待分派, the joint office is told. */
export async function giveBackComplaint(
  deps: AppDeps,
  actor: Actor | null,
  ticketNo: string,
  reason: string,
): Promise<void> {
  requirePermission(actor, 'complaint:write');
  await tx(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:write', ticketNo);
    const name = c.department_id === null ? '' : ((await departmentName(w.trx, Number(c.department_id))) ?? '');
    await applyStep(w, c, {
      action: 'complaint.give_back',
      transition: 'giveBack',
      patch: { department_id: null, ack_due: null, dispatched_at: null },
      note: `${name}退回：${reason}`,
      detail: { reason },
    });
    await notify(w.trx, w.now, {
      userIds: await usersWithPermission(w.trx, 'complaint:dispatch', null),
      kind: 'complaint',
      title: `投诉举报 ${c.ticket_no} 被${name}退回`,
      body: `${c.subject_name}：${c.title}。退回理由：${reason}。请重新分派。`,
      link: complaintLink(c.ticket_no),
    });
  });
}

/**
 * 不予受理 with the reason: by the joint office from the 待分派 queue (complaint:dispatch), or by the department a
 * complaint was dispatched to (complaint:write).
 */
export async function refuseComplaint(
  deps: AppDeps,
  actor: Actor | null,
  ticketNo: string,
  reason: string,
): Promise<void> {
  requirePermission(actor, 'complaint:write');
  await tx(deps, actor, async (w) => {
    const permission = can(actor, 'complaint:dispatch') ? 'complaint:dispatch' : 'complaint:write';
    const c = await complaintForAction(w.trx, actor, permission, ticketNo);
    if (c.status === '待分派' && permission !== 'complaint:dispatch')
      throw new AppError('FORBIDDEN', '待分派的投诉举报由联席办决定是否受理');
    await applyStep(w, c, {
      action: 'complaint.refuse',
      transition: 'refuse',
      patch: { closed_at: w.now },
      note: reason,
      detail: { reason },
    });
  });
}
