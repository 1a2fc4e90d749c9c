import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import { loadRegisterSubjects, sectionOfDivision } from '../draw/draw-frame-lookup.service';
import { subjectInScope } from '../draw/engine/frame';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  FOLLOW_UP_PAGE,
  findFollowUps,
  findRoutineSupervisions,
  followUpCountsByDepartment,
  samplingScopesOf,
} from './follow-up-list.repository';
import { daysBetween, displayStatus } from './follow-up-rules';
import type { FollowUpList, FollowUpOverview, FollowUpQuery, RoutineSupervisionView } from './follow-up.schemas';

/** The department's follow-ups (a department user sees its own; the supervision and joint offices every one). */
export async function listFollowUps(deps: AppDeps, actor: Actor | null, query: FollowUpQuery): Promise<FollowUpList> {
  requirePermission(actor, 'followup:obligation:read');
  const today = chinaDate(deps.clock.now());
  const departmentId = departmentFilter(actor, 'followup:obligation:read') ?? query.departmentId ?? null;
  const rows = await findFollowUps(deps.db, { departmentId, status: query.status, keyword: query.keyword, today });
  const counts = await followUpCountsByDepartment(deps.db, departmentId, today);
  const sum = (k: 'open' | 'overdue' | 'done' | 'closed') => counts.reduce((n, c) => n + Number(c[k]), 0);
  return {
    rows: rows.slice(0, FOLLOW_UP_PAGE).map((r) => {
      const status = displayStatus(r.status, r.due_on, today);
      return {
        followUpNo: r.follow_up_no,
        subjectName: r.subject_name,
        uscc: r.uscc,
        department: { id: Number(r.department_id), name: r.department_name },
        approvalItemCodes: r.approval_item_codes,
        approvalItemNames: r.approval_item_names,
        pushedOn: r.pushed_on,
        dueOn: r.due_on,
        daysLeft: r.status === '待跟踪' ? daysBetween(today, r.due_on) : null,
        status,
        task: r.task_no
          ? { taskNo: r.task_no, status: r.task_status ?? '', jointTaskNo: r.joint_task_no ?? null }
          : null,
        noTaskReason: r.no_task_reason,
        followedUpOn: r.followed_up_on,
        late: r.late,
        outcome: r.outcome,
        outcomeNotes: r.outcome_notes,
        transferred: r.transferred_at !== null,
        closedBy:
          r.decision_doc_no && r.decided_on ? { decisionDocNo: r.decision_doc_no, decidedOn: r.decided_on } : null,
      };
    }),
    counts: { 待跟踪: sum('open'), 逾期: sum('overdue'), 已跟踪: sum('done'), 免于跟踪: sum('closed') },
    truncated: rows.length > FOLLOW_UP_PAGE,
  };
}

/** Every department's follow-ups at a glance, for the supervision office (督查) and the joint office. */
export async function followUpOverview(deps: AppDeps, actor: Actor | null): Promise<FollowUpOverview> {
  requirePermission(actor, 'followup:obligation:read');
  const today = chinaDate(deps.clock.now());
  const rows = await followUpCountsByDepartment(deps.db, departmentFilter(actor, 'followup:obligation:read'), today);
  return {
    departments: rows.map((r) => ({
      department: { id: Number(r.department_id), name: r.department_name },
      待跟踪: Number(r.open),
      逾期: Number(r.overdue),
      已跟踪: Number(r.done),
      免于跟踪: Number(r.closed),
      late: Number(r.late),
      unlicensed: Number(r.unlicensed),
      routine: Number(r.routine),
    })),
  };
}

/**
 * Subjects that entered routine supervision once licensed (第十八条), with the department's published sampling items
 * whose object scope covers them — the items that may draw them in the next round (the frame tests the same scope).
 */
export async function listRoutineSupervisions(
  deps: AppDeps,
  actor: Actor | null,
): Promise<{ rows: RoutineSupervisionView[] }> {
  requirePermission(actor, 'followup:obligation:read');
  const rows = await findRoutineSupervisions(deps.db, departmentFilter(actor, 'followup:obligation:read'));
  const subjectIds = [...new Set(rows.flatMap((r) => (r.subject_id === null ? [] : [Number(r.subject_id)])))];
  const [registers, items] = await Promise.all([
    loadRegisterSubjects(deps.db, subjectIds),
    samplingScopesOf(deps.db, [...new Set(rows.map((r) => Number(r.department_id)))]),
  ]);
  const sections = sectionOfDivision();
  return {
    rows: rows.map((r) => {
      const subject = registers.find((s) => s.id === r.subject_id);
      return {
        subjectName: r.subject_name,
        uscc: r.uscc,
        department: { id: Number(r.department_id), name: r.department_name },
        licence: {
          decisionDocNo: r.decision_doc_no,
          certificateName: r.certificate_name,
          approvalItemCode: r.approval_item_code,
        },
        since: r.since,
        samplingItems: subject
          ? items
              .filter(
                (i) =>
                  Number(i.department_id) === Number(r.department_id) && subjectInScope(subject, i.scope, sections),
              )
              .map((i) => ({ code: i.code, name: i.name }))
          : [],
      };
    }),
  };
}
