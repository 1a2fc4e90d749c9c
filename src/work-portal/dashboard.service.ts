import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import { departmentById } from '../departments/department.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { taskStatuses } from '../tasks/task-lifecycle';
import { deadlineCounts } from './dashboard-deadlines.repository';
import { type DashboardFilter, monthEnd, monthsBetween } from './dashboard-filter';
import { complaintCounts, keyTargetCounts, keyTargetTotal, warningCounts } from './dashboard-signals.repository';
import { divisionNames, latestPushedCreditRun, subjectCounts } from './dashboard-subjects.repository';
import {
  departmentList,
  mergedProposals,
  planEntries,
  tasksByDepartment,
  taskMonthSpans,
} from './dashboard-tasks.repository';
import { deadlineRules } from './deadline-rules';
import { freshSubjectCounts } from './subject-snapshot.service';
import type { DashboardQuery, DashboardView } from './work-portal.schemas';

const doneStatuses = new Set(['已检查', '已办结']);

/** The period and department the query asks for, within the actor's scope (a department outside it is 404). */
async function resolveFilter(deps: AppDeps, actor: Actor, q: DashboardQuery) {
  const today = chinaDate(deps.clock.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const from = q.from ?? `${year}-01`;
  const to = q.to ?? `${year}-12`;
  if (!from.startsWith(`${year}-`) || !to.startsWith(`${year}-`))
    throw new AppError('VALIDATION', `月份范围应在 ${year} 年内`, [
      { field: 'from', message: `月份应在 ${year} 年内` },
    ]);
  const own = departmentFilter(actor, 'dashboard:read');
  if (own !== null && q.departmentId !== undefined && q.departmentId !== own) throw notFound('部门');
  const departmentId = own ?? q.departmentId ?? null;
  const department = departmentId === null ? null : await departmentById(deps.db, departmentId);
  if (departmentId !== null && !department) throw notFound('部门');
  const filter: DashboardFilter = {
    from: `${from}-01`,
    to: monthEnd(to),
    departmentId,
    departmentName: department?.name ?? null,
    divisionCode: q.divisionCode ?? null,
    today,
  };
  return { filter, year, from, to, ownDepartmentOnly: own !== null };
}

/** The page's queries by name, for the benchmark's breakdown (scripts/bench-dashboard.ts). */
export const dashboardQueries = (db: AppDeps['db'], f: DashboardFilter) => ({
  subjectCounts: () => subjectCounts(db, f),
  tasksByDepartment: () => tasksByDepartment(db, f),
  taskMonthSpans: () => taskMonthSpans(db, f),
  mergedProposals: () => mergedProposals(db, f),
  planEntries: () => planEntries(db, Number(f.from.slice(0, 4)), f.departmentId),
  deadlineCounts: () => deadlineCounts(db, f),
  complaintCounts: () => complaintCounts(db, f),
  warningCounts: () => warningCounts(db, f),
  latestPushedCreditRun: () => latestPushedCreditRun(db, f),
  keyTargetCounts: () => keyTargetCounts(db, f),
  keyTargetTotal: () => keyTargetTotal(db, f),
});

/**
 * 领导驾驶舱 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十七条：监管执法情况可视化展示、监管情况统计分析评价):
 * every figure is a grouped SQL count over the capability tables, computed in one round trip of parallel queries.
 * A department user sees their own department; the joint office, the supervision office and the credit office all.
 */
export async function dashboard(deps: AppDeps, actor: Actor | null, q: DashboardQuery): Promise<DashboardView> {
  requirePermission(actor, 'dashboard:read');
  const { filter: f, year, from, to, ownDepartmentOnly } = await resolveFilter(deps, actor, q);
  const db = deps.db;
  const subjectsAsOf = await freshSubjectCounts(deps);
  const [
    subjects,
    byDeptStatus,
    byMonth,
    merged,
    plan,
    deadlines,
    complaints,
    warnings,
    credit,
    keys,
    keyTotal,
    depts,
  ] = await Promise.all([
    subjectCounts(db, f),
    tasksByDepartment(db, f),
    taskMonthSpans(db, f),
    mergedProposals(db, f),
    planEntries(db, year, f.departmentId),
    deadlineCounts(db, f),
    complaintCounts(db, f),
    warningCounts(db, f),
    latestPushedCreditRun(db, f),
    keyTargetCounts(db, f),
    keyTargetTotal(db, f),
    departmentList(db),
  ]);
  const nameOf = new Map(depts.map((d) => [Number(d.id), d.name]));
  const deptIds = [
    ...new Set([...byDeptStatus.map((r) => Number(r.department_id)), ...plan.map((p) => Number(p.department_id))]),
  ];
  const byDepartment = deptIds
    .map((id) => {
      const rows = byDeptStatus.filter((r) => Number(r.department_id) === id);
      return {
        departmentId: id,
        name: nameOf.get(id) ?? String(id),
        planEntries: plan.find((p) => Number(p.department_id) === id)?.count ?? 0,
        tasks: rows.reduce((s, r) => s + r.count, 0),
        done: rows.filter((r) => doneStatuses.has(r.status)).reduce((s, r) => s + r.count, 0),
        byStatus: taskStatuses
          .map((status) => ({
            status,
            count: rows.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0),
          }))
          .filter((s) => s.count > 0),
      };
    })
    .sort((a, b) => b.tasks - a.tasks);
  const divisions = new Map(
    (
      await divisionNames(
        db,
        subjects.byDivision.map((d) => d.key),
      )
    ).map((d) => [d.code, d.name]),
  );
  const joint = jointBySource(byDeptStatus, f.departmentId !== null);
  const tasks = joint.reduce((s, r) => s + r.tasks, 0);
  return {
    today: f.today,
    filters: {
      year,
      from,
      to,
      departmentId: f.departmentId,
      departmentName: f.departmentName,
      divisionCode: f.divisionCode,
      ownDepartmentOnly,
      subjectsAsOf: subjectsAsOf.toISOString(),
    },
    summary: {
      subjects: subjects.total,
      tasks,
      done: joint.reduce((s, r) => s + r.done, 0),
      jointTasks: joint.reduce((s, r) => s + r.joint, 0),
      visitsSaved: joint.reduce((s, r) => s + r.saved, 0),
      complaints: complaints.byStatus.reduce((s, r) => s + r.count, 0),
      openWarnings: warnings.byStatus
        .filter((r) => ['待核查', '已核查', '处置中'].includes(r.status))
        .reduce((s, r) => s + r.count, 0),
      keyTargets: keyTotal,
    },
    subjects: {
      bySection: subjects.bySection.map((s) => ({ key: s.key, name: s.name ?? s.key, count: s.count })),
      byDivision: subjects.byDivision
        .map((d) => ({ key: d.key, name: divisions.get(d.key) ?? d.key, count: d.count }))
        .sort((a, b) => b.count - a.count),
    },
    inspections: { byDepartment, byMonth: spreadOverMonths(byMonth, from, to) },
    joint: {
      bySource: joint.map((r) => ({ source: r.source, tasks: r.tasks, joint: r.joint, visitsSaved: r.saved })),
      mergedProposals: merged,
    },
    deadlines: deadlineRules.map((rule) => {
      const row = deadlines.find((d) => d.key === rule.key);
      const onTime = row?.on_time ?? 0;
      const late = row?.late ?? 0;
      return { ...rule, total: onTime + late, onTime, late, overdueOpen: row?.overdue_open ?? null };
    }),
    complaints,
    warnings,
    credit,
    risk: { byLevel: subjects.byRisk },
    keyTargets: { byReason: keys.map((k) => ({ key: k.reason_kind, name: k.reason_kind, count: k.count })) },
    departments: (ownDepartmentOnly ? depts.filter((d) => Number(d.id) === f.departmentId) : depts).map((d) => ({
      id: Number(d.id),
      name: d.name,
    })),
  };
}

/** Each task counted in every month of the period its check window overlaps. */
function spreadOverMonths(
  spans: { first_month: string; last_month: string; done: boolean; count: number }[],
  from: string,
  to: string,
) {
  return monthsBetween(from, to).map((month) => {
    const inMonth = spans.filter((s) => s.first_month <= month && month <= s.last_month);
    return {
      month,
      tasks: inMonth.reduce((n, s) => n + s.count, 0),
      done: inMonth.filter((s) => s.done).reduce((n, s) => n + s.count, 0),
    };
  });
}

/**
 * Per source: tasks, inspected ones, joint ones (two or more departments) and visits saved (departments − 1 each),
 * from the per-department rows. Over all departments a task of n departments is in n rows, each carrying n, so each
 * row counts 1/n of its tasks (exact: the n rows of a task fall in groups of the same n); with a department set, a task
 * is in one row.
 */
function jointBySource(
  rows: { source: string; status: string; departments: number; count: number }[],
  oneDepartment: boolean,
) {
  const bySource = new Map<string, { source: string; tasks: number; done: number; joint: number; saved: number }>();
  for (const r of rows) {
    const share = oneDepartment ? r.count : r.count / r.departments;
    const s = bySource.get(r.source) ?? { source: r.source, tasks: 0, done: 0, joint: 0, saved: 0 };
    s.tasks += share;
    if (doneStatuses.has(r.status)) s.done += share;
    if (r.departments > 1) s.joint += share;
    s.saved += share * (r.departments - 1);
    bySource.set(r.source, s);
  }
  return [...bySource.values()]
    .map((s) => ({
      source: s.source,
      tasks: Math.round(s.tasks),
      done: Math.round(s.done),
      joint: Math.round(s.joint),
      saved: Math.round(s.saved),
    }))
    .sort((a, b) => a.source.localeCompare(b.source));
}
