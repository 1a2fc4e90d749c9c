import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf, type Page } from '../shared/paging';
import {
  type CaseFilter,
  type CaseListRow,
  feedbackCounts,
  feedbacksOf,
  pageCases,
  pendingFeedbacks,
} from './case.repository';
import type { CaseQuery, CaseState, CaseView } from './case.schemas';
import { measureCode } from './measure-presenter';

const caseState = (r: { status: string; valid_to: string }, today: string): CaseState =>
  r.status === '已解除' ? '已解除' : r.valid_to < today ? '已到期' : '实施中';

async function present(deps: AppDeps, rows: CaseListRow[], today: string): Promise<CaseView[]> {
  const feedbacks = await feedbacksOf(
    deps.db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    caseNo: r.case_no,
    kind: r.kind,
    measureId: Number(r.measure_id),
    measureCode: measureCode(r.kind, Number(r.measure_id)),
    measureMatter: r.matter,
    measureVersion: r.measure_version,
    subjectId: Number(r.subject_id),
    subjectName: r.subject_name,
    uscc: r.uscc,
    initiatingDepartment: r.initiating_department,
    reason: r.reason,
    basisDocument: r.basis_document,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    state: caseState(r, today),
    status: r.status,
    endReason: r.end_reason,
    createdAt: r.created_at.toISOString(),
    feedbacks: feedbacks
      .filter((f) => Number(f.case_id) === Number(r.id))
      .map((f) => ({
        departmentId: Number(f.department_id),
        departmentName: f.department_name,
        dueOn: f.due_on,
        outcome: f.outcome,
        appliedOn: f.applied_on,
        action: f.action,
        recordedBy: f.recorded_by_name,
        recordedAt: f.recorded_at?.toISOString() ?? null,
        late: f.late,
        overdue: f.outcome === '待反馈' && r.status === '实施中' && f.due_on !== null && f.due_on < today,
      })),
  }));
}

/**
 * 联合奖惩对象: the credit office and the offices see all; a department sees the cases it initiated or implements
 * (with credit:measure:read scoped to its own department).
 */
export async function listCases(deps: AppDeps, actor: Actor, query: CaseQuery): Promise<Page<CaseView>> {
  requirePermission(actor, 'credit:measure:read');
  const today = chinaDate(deps.clock.now());
  const filter: CaseFilter = {
    departmentId: departmentFilter(actor, 'credit:measure:read'),
    kind: query.kind,
    measureId: query.measureId,
    state: query.state,
    keyword: query.keyword,
    awaitingDepartmentId: query.awaitingMine ? actor.departmentId : undefined,
    today,
    limit: query.pageSize,
    offset: offsetOf(query),
  };
  const { total, rows } = await pageCases(deps.db, filter);
  return { total, items: await present(deps, rows, today) };
}

export async function getCase(deps: AppDeps, actor: Actor, id: number): Promise<CaseView> {
  const [found] = await casesWhere(deps, actor, { caseId: id });
  if (!found) throw notFound('联合奖惩对象');
  return found;
}

/** The cases of one subject (subject page), newest first. */
export const subjectCases = (deps: AppDeps, actor: Actor, subjectId: number): Promise<CaseView[]> =>
  casesWhere(deps, actor, { subjectId });

async function casesWhere(deps: AppDeps, actor: Actor, where: { subjectId?: number; caseId?: number }) {
  requirePermission(actor, 'credit:measure:read');
  const today = chinaDate(deps.clock.now());
  const { rows } = await pageCases(deps.db, {
    ...where,
    departmentId: departmentFilter(actor, 'credit:measure:read'),
    today,
    limit: 200,
    offset: 0,
  });
  return present(deps, rows, today);
}

/** Feedback overdue (10 working days passed, nothing recorded), and per department what is awaited, given and late. */
export async function overdueFeedback(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'credit:measure:read');
  const today = chinaDate(deps.clock.now());
  const scope = departmentFilter(actor, 'credit:measure:read');
  const [pending, counts, calendar] = await Promise.all([
    pendingFeedbacks(deps.db, scope),
    feedbackCounts(deps.db, scope),
    workCalendar(deps.db),
  ]);
  const overdue = pending.filter((p) => p.due_on !== null && p.due_on < today);
  const names = [...new Set([...counts.map((c) => c.department_name), ...pending.map((p) => p.department_name)])];
  return {
    today,
    items: overdue.map((p) => ({
      caseId: Number(p.case_id),
      caseNo: p.case_no,
      subjectName: p.subject_name,
      measureMatter: p.matter,
      departmentName: p.department_name,
      dueOn: p.due_on!,
      overdueDays: unlessYearMissing(() => calendar.countWorkingDays(p.due_on!, today)) ?? 0,
    })),
    byDepartment: names.sort().map((name) => {
      const c = counts.find((x) => x.department_name === name);
      return {
        departmentName: name,
        pending: pending.filter((p) => p.department_name === name).length,
        overdue: overdue.filter((p) => p.department_name === name).length,
        done: Number(c?.done ?? 0),
        late: Number(c?.late ?? 0),
      };
    }),
  };
}
