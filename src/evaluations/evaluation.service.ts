import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { AppError, forbidden } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  type EvaluationStats,
  type EvaluationSummary,
  FOLLOW_UP_LIMIT,
  type FollowUp,
  LOW_RATING,
  MAX_MONTHS,
  type SummaryQuery,
} from './evaluation.schemas';
import {
  type EvaluationPeriod,
  evaluationFigures,
  industrySectionNames,
  type InspectionMode,
  NO_SECTION,
} from './evaluation.repository';

/**
 * 检查评议 (《黄浦区精准高效协同监管实施办法（试行）》第十七条): the enterprises' evaluations of their inspections — each of one
 * department's part of a visit — summed up for the
 * effectiveness evaluation — per department, industry section, joint or single, on-site or off-site and month,
 * with the complaints and low ratings staff follow up. Internal (staff with task:task:read), never public.
 */

const permission = 'task:task:read';
const modeLabels = { onsite: '现场检查', offsite: '非现场检查', none: '未记录检查' } as const satisfies Record<
  InspectionMode,
  string
>;

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function periodOf(deps: AppDeps, query: SummaryQuery): EvaluationPeriod {
  const year = chinaDate(deps.clock.now()).slice(0, 4);
  const from = query.from ?? (query.to ? `${query.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = query.to ?? (query.from ? `${query.from.slice(0, 4)}-12-31` : `${year}-12-31`);
  if (to < from)
    throw new AppError('VALIDATION', '结束日期不能早于开始日期', [{ field: 'to', message: '结束日期早于开始日期' }]);
  if (monthsOf(from, to).length > MAX_MONTHS)
    throw new AppError('VALIDATION', `统计期间最长 ${MAX_MONTHS} 个月`, [{ field: 'from', message: '统计期间过长' }]);
  return { from, to, start: new Date(`${from}T00:00:00+08:00`), end: new Date(`${nextDay(to)}T00:00:00+08:00`) };
}

function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last || months.length > MAX_MONTHS) break;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** The department the figures are limited to: the user's own when scoped to it, else the one asked for, else none. */
function departmentOf(actor: Actor, query: SummaryQuery): number | null {
  if (scopeOf(actor, permission) === 'all') return query.departmentId ?? null;
  if (query.departmentId !== undefined && query.departmentId !== actor.departmentId)
    throw forbidden('只能查看本部门的检查评议');
  return actor.departmentId;
}

interface StatRow {
  n: number | string;
  total: number | string;
  satisfied: number | string;
  complaints: number | string;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number, digits = 4): number | null => (b > 0 ? round(a / b, digits) : null);

function statsOf(row: StatRow | undefined): EvaluationStats {
  const count = Number(row?.n ?? 0);
  const satisfied = Number(row?.satisfied ?? 0);
  return {
    count,
    averageSatisfaction: ratio(Number(row?.total ?? 0), count, 2),
    satisfied,
    satisfiedShare: ratio(satisfied, count),
    complaints: Number(row?.complaints ?? 0),
  };
}

export async function evaluationSummary(
  deps: AppDeps,
  actor: Actor | null,
  query: SummaryQuery,
): Promise<EvaluationSummary> {
  requirePermission(actor, permission);
  const period = periodOf(deps, query);
  const departmentId = departmentOf(actor, query);
  const { totals, evaluated, months, sections, joint, modes, departments, inspected, followRows } =
    await evaluationFigures(deps.db, period, departmentId, {
      lowRating: LOW_RATING,
      limit: FOLLOW_UP_LIMIT + 1,
    });
  const sectionNames = await industrySectionNames(deps.db);
  const follow = followRows.slice(0, FOLLOW_UP_LIMIT);
  const followUps: FollowUp[] = follow.map((r) => ({
    taskNo: r.task_no,
    subjectName: r.subject_name,
    inspectedOn: r.inspected_on,
    submittedOn: chinaDate(new Date(r.submitted_at)),
    satisfaction: r.satisfaction,
    comments: r.comments,
    complaint: r.complaint,
    complaintText: r.complaint_text,
    departments: [r.department_name],
  }));

  const totalStats = statsOf(totals);
  const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) =>
    new Map(rows.map((r) => [String(r[key]), r as unknown as StatRow]));
  const monthRows = byKey(months, 'month');
  const jointRows = byKey(joint, 'joint');
  const modeRows = byKey(modes, 'mode');
  return {
    from: period.from,
    to: period.to,
    departmentId,
    totals: {
      ...totalStats,
      inspectedTasks: inspected.total,
      // Tasks, not parts: a joint visit evaluated for each of its departments is one evaluated task.
      responseRate: ratio(Number(evaluated.n), inspected.total),
      evaluatedTasks: Number(evaluated.n),
    },
    byDepartment: departments.map((d) => {
      const s = statsOf(d);
      const tasks = inspected.perDepartment.get(Number(d.id)) ?? 0;
      return { id: Number(d.id), name: d.name, ...s, inspectedTasks: tasks, responseRate: ratio(s.count, tasks) };
    }),
    byIndustry: sections
      .map((r) => ({ section: r.section, name: sectionNames.get(r.section) ?? '未登记行业', ...statsOf(r) }))
      .sort((a, b) =>
        a.section === NO_SECTION ? 1 : b.section === NO_SECTION ? -1 : a.section.localeCompare(b.section),
      ),
    byJoint: [
      { key: '联合检查' as const, ...statsOf(jointRows.get('true')) },
      { key: '单部门检查' as const, ...statsOf(jointRows.get('false')) },
    ],
    byMode: (Object.keys(modeLabels) as InspectionMode[])
      .filter((m) => m !== 'none' || modeRows.has('none'))
      .map((m) => ({ key: modeLabels[m], ...statsOf(modeRows.get(m)) })),
    byMonth: monthsOf(period.from, period.to).map((month) => ({ month, ...statsOf(monthRows.get(month)) })),
    followUps,
    followUpsTruncated: followRows.length > FOLLOW_UP_LIMIT,
  };
}
