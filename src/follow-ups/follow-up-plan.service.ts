import { type AuditSubject, recordAudit } from '../audit/audit.service';
import { yearOf } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { loadRegisterSubjects, sectionOfDivision } from '../draw/draw-frame-lookup.service';
import { subjectInScope } from '../draw/engine/frame';
import type { PushDuty } from '../dual-notice/registration-push.table';
import { proposeMatches } from '../registrations/visit-matching.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createTask } from '../tasks/task-create';
import { departmentCandidateItems } from './follow-up-items.repository';
import { chooseFollowUpItems } from './follow-up-items';
import { followUpDueOn, followUpWindowFrom } from './follow-up-rules';
import {
  departmentsFollowingUp,
  insertFollowUp,
  nextNumber,
  pushesWithFollowUp,
  pushesWithRegistration,
  subjectIdByUscc,
  updateFollowUp,
} from './follow-up.repository';

/** The departments that follow a registration up before its licence (第十四条第一项); a 街镇 does not. */
const followingDuties: readonly PushDuty[] = ['许可审批', '行业主管', '综合执法'];

/** The platform acting on a received record (the hooks carry no user). */
export const followUpSystem: AuditSubject = { userId: null, name: '系统（双跟踪）', departmentId: null, ip: null };

/**
 * 一跟踪 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条、第十六条): for each push to a licensing, industry or
 * enforcement department that concerns an approval item (pushed or claimed), one follow-up obligation due 2 calendar
 * months after the push, and a 跟踪 task from the next working day to the due date through the task pipeline
 * (staffed by the seeded selection with at least 2 inspectors), which then meets other departments' planned visits
 * of the subject in the automatic matching. A push that already has its obligation is left alone.
 * Runs in the transaction that stored the pushes (src/records/record-hooks.ts afterPushesCreated).
 */
export async function planFollowUps(trx: Db, deps: AppDeps, pushIds: readonly number[]): Promise<number[]> {
  const done = await pushesWithFollowUp(trx, pushIds);
  const candidates = (await pushesWithRegistration(trx, pushIds)).filter(
    (p) =>
      !done.has(Number(p.id)) &&
      p.department_id !== null &&
      followingDuties.includes(p.duty) &&
      p.approval_item_codes.length > 0,
  );
  // A department told of one registration for several duties (行业主管 and 综合执法) follows it up once, for all
  // the items it was told of; so does a department told again later (a 变更 adding an item).
  const following = await departmentsFollowingUp(trx, [...new Set(candidates.map((p) => Number(p.registration_id)))]);
  const byDepartment = new Map<string, (typeof candidates)[number]>();
  for (const p of candidates) {
    const key = `${p.registration_id}:${p.department_id}`;
    if (following.has(key)) continue;
    const first = byDepartment.get(key);
    if (!first) byDepartment.set(key, { ...p, approval_item_codes: [...p.approval_item_codes] });
    else first.approval_item_codes = [...new Set([...first.approval_item_codes, ...p.approval_item_codes])].sort();
  }
  const pushes = [...byDepartment.values()];
  if (pushes.length === 0) return [];
  const now = deps.clock.now();
  const calendar = await workCalendar(trx);
  const w = { trx, deps, now, who: followUpSystem };
  const created: number[] = [];
  const matchSubjects = new Map<number, Set<number>>();
  for (const p of pushes) {
    const departmentId = Number(p.department_id);
    const pushedOn = chinaDate(p.pushed_at);
    const dueOn = followUpDueOn(calendar, pushedOn);
    const subjectId = p.subject_id === null ? await subjectIdByUscc(trx, p.uscc) : Number(p.subject_id);
    const followUpNo = await nextNumber(trx, 'follow_ups', `GZGZ${yearOf(pushedOn)}-`);
    const id = await insertFollowUp(trx, {
      follow_up_no: followUpNo,
      push_id: Number(p.id),
      registration_id: Number(p.registration_id),
      department_id: departmentId,
      subject_id: subjectId,
      uscc: p.uscc,
      subject_name: p.name,
      approval_item_codes: p.approval_item_codes,
      pushed_on: pushedOn,
      due_on: dueOn,
      status: '待跟踪',
      task_id: null,
      no_task_reason: null,
      followed_up_on: null,
      late: false,
      outcome: null,
      outcome_notes: '',
      unlicensed_check_item_id: null,
      transferred_at: null,
      closed_by_licence_id: null,
      closed_on: null,
      created_at: now,
      updated_at: now,
    });
    let task: { id: number; taskNo: string } | null = null;
    let noTaskReason: string | null = null;
    const items = subjectId === null ? [] : await followUpItems(trx, departmentId, p.approval_item_codes, subjectId);
    if (subjectId === null) noTaskReason = '名录库中尚无该市场主体，待登记信息入库后由部门自行安排检查';
    else if (items.length === 0)
      noTaskReason = '本部门没有适用于该许可事项或行业的检查事项，请在事项清单中增加后自行安排检查';
    else {
      task = await createTask(w, {
        source: '跟踪',
        subjectId,
        window: { from: followUpWindowFrom(calendar, pushedOn), to: dueOn },
        departments: [{ departmentId, items }],
        routine: false,
        origin: `照后证前跟踪 ${followUpNo}`,
      });
      const year = yearOf(followUpWindowFrom(calendar, pushedOn));
      matchSubjects.set(year, (matchSubjects.get(year) ?? new Set()).add(subjectId));
    }
    await updateFollowUp(trx, id, { task_id: task?.id ?? null, no_task_reason: noTaskReason, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, followUpSystem, {
      action: 'follow_up.create',
      entityType: 'follow_up',
      entityId: followUpNo,
      summary: `照后证前跟踪 ${followUpNo}：${p.name}（${p.uscc}）登记 ${p.registration_no}，应于 ${dueOn} 前完成跟踪检查${task ? `，生成检查任务 ${task.taskNo}` : `；未生成检查任务：${noTaskReason}`}`,
      after: {
        followUpNo,
        departmentId,
        approvalItemCodes: p.approval_item_codes,
        dueOn,
        taskNo: task?.taskNo ?? null,
        noTaskReason,
      },
    });
    created.push(id);
  }
  // The new tasks meet other departments' planned visits of the same subjects (自动匹配, docs/registrations.md).
  for (const [year, subjects] of matchSubjects) await proposeMatches(w, year, [...subjects]);
  return created;
}

async function followUpItems(trx: Db, departmentId: number, approvalItemCodes: string[], subjectId: number) {
  const [candidates, [subject]] = await Promise.all([
    departmentCandidateItems(trx, departmentId, approvalItemCodes),
    loadRegisterSubjects(trx, [subjectId]),
  ]);
  const sections = sectionOfDivision();
  return chooseFollowUpItems(
    candidates,
    (item) => subject !== undefined && subjectInScope(subject, item.scope, sections),
  );
}
