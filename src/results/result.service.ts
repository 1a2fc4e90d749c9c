import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { publicationDueOn, resultsDueOn } from '../tasks/task-dates';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import type { DeadlineOverview, OverviewTask, PublicResult, PublicResultQuery } from './result.schemas';
import type { PublishedDepartment } from './result.table';
import { departmentInspections } from '../inspections/department-inspections';
import { pagePublishedResults } from './published-result.repository';
import { listInspectedOpenTasks, listPublishedLate } from './result-deadline.repository';
import { listApprovals, listDepartments } from './result-review.repository';

/** The results announcement (结果公告): published results, newest first; keyword by name or USCC. */
export async function listPublicResults(deps: AppDeps, q: PublicResultQuery): Promise<Page<PublicResult>> {
  const { rows, total } = await pagePublishedResults(deps.db, q);
  return {
    total,
    items: rows.map((r) => ({
      taskNo: r.task_no,
      subjectName: r.subject_name,
      uscc: r.uscc,
      planTitle: r.plan_title,
      inspectedOn: r.inspected_on,
      departments: JSON.parse(r.departments) as PublishedDepartment[],
      publishedAt: new Date(r.published_at).toISOString(),
    })),
  };
}

/**
 * Deadlines per department (《黄浦区精准高效协同监管实施办法（试行）》第十六条: results within 7 working days of the inspection; 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十七条:
 * published within 20): tasks awaiting results, awaiting approval, awaiting publication, and published late.
 */
export async function deadlineOverview(deps: AppDeps, actor: Actor | null): Promise<DeadlineOverview> {
  requirePermission(actor, 'task:task:read');
  const only = departmentFilter(actor, 'task:task:read');
  const today = chinaDate(deps.clock.now());
  const cal = await workCalendar(deps.db);
  // The inspection date and deadlines of src/tasks/task-dates.ts; tasks nobody has inspected yet are not listed. A deadline
  // falling in a year whose holidays are not loaded yet is shown as unknown, not an error for the whole list.
  const [rows, lateRows] = await Promise.all([listInspectedOpenTasks(deps.db, only), listPublishedLate(deps.db, only)]);
  const taskIds = [...new Set(rows.map((r) => Number(r.id)))];
  const [inspections, approvals] = taskIds.length
    ? await Promise.all([
        departmentInspections(deps.db, taskIds).then((list) =>
          list.map((i) => ({ task_id: i.taskId, department_id: i.departmentId })),
        ),
        listApprovals(deps.db, taskIds),
      ])
    : [[], []];
  const has = (list: { task_id: number; department_id: number }[], task: number, dept: number) =>
    list.some((x) => Number(x.task_id) === task && Number(x.department_id) === dept);
  const deptIds = [
    ...new Set([
      ...rows.map((r) => Number(r.department_id)),
      ...lateRows.map((r) => Number(r.department_id)),
      ...(only !== null ? [only] : []),
    ]),
  ];
  const names = deptIds.length ? await listDepartments(deps.db, deptIds) : [];
  return {
    today,
    departments: names.map((d) => {
      const id = Number(d.id);
      const mine = rows.filter((r) => Number(r.department_id) === id);
      const task = (r: (typeof rows)[number], dueOf: typeof resultsDueOn): OverviewTask => {
        const dueOn = dueOf(cal, r.checked_in_on!);
        return {
          taskNo: r.task_no,
          subjectName: r.name,
          inspectedOn: r.checked_in_on!,
          dueOn,
          overdue: dueOn !== null && today > dueOn,
        };
      };
      const awaitingResults = mine.filter((r) => !has(inspections, Number(r.id), id)).map((r) => task(r, resultsDueOn));
      const awaitingApproval = mine
        .filter((r) => has(inspections, Number(r.id), id) && !has(approvals, Number(r.id), id))
        .map((r) => task(r, resultsDueOn));
      const awaitingPublication = mine.map((r) => task(r, publicationDueOn));
      const publishedLate = lateRows
        .filter((r) => Number(r.department_id) === id)
        .map((r) => ({
          taskNo: r.task_no,
          subjectName: r.subject_name,
          inspectedOn: r.inspected_on,
          dueOn: r.publish_due_on,
          overdue: true,
        }));
      return {
        id,
        name: d.name,
        awaitingResults,
        awaitingApproval,
        awaitingPublication,
        publishedLate,
        counts: {
          awaitingResults: awaitingResults.length,
          resultsOverdue: awaitingResults.filter((x) => x.overdue).length,
          awaitingApproval: awaitingApproval.length,
          awaitingPublication: awaitingPublication.length,
          publicationOverdue: awaitingPublication.filter((x) => x.overdue).length,
          publishedLate: publishedLate.length,
        },
      };
    }),
  };
}
