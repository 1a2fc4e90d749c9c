import { type Expression, type SqlBool, sql } from 'kysely';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { inspectedOnSql } from '../tasks/task-dates';
import type { Db } from '../db/database';
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

/**
 * 检查评议 (《黄浦区精准高效协同监管实施办法（试行）》第十七条): the enterprises' evaluations of their inspections, summed up for the
 * effectiveness evaluation — per department, industry section, joint or single, on-site or off-site and month,
 * with the complaints and low ratings staff follow up. Internal (staff with task:task:read), never public.
 */

const permission = 'task:task:read';
const modeLabels = { onsite: '现场检查', offsite: '非现场检查', none: '未记录检查' } as const;
const NO_SECTION = '-';

interface Period {
  from: string;
  to: string;
  /** Instants bounding the period in China time: [start, end). */
  start: Date;
  end: Date;
}

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function periodOf(deps: AppDeps, query: SummaryQuery): Period {
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

/** The task has items of the department. */
const hasDepartment = (task: Expression<number>, departmentId: number) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM inspection_task_items dti WHERE dti.task_id = ${task} AND dti.department_id = ${departmentId})`;

/** The evaluations submitted in the period (of the department's tasks), one row each, with the task's attributes. */
function evaluationsIn(db: Db, period: Period, departmentId: number | null) {
  let q = db
    .selectFrom('inspection_evaluations as e')
    .innerJoin('inspection_tasks as t', 't.id', 'e.task_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select([
      'e.id',
      'e.task_id',
      'e.satisfaction',
      'e.complaint',
      'e.comments',
      'e.complaint_text',
      'e.submitted_at',
      't.task_no',
      's.name as subject_name',
      sql<string>`to_char((e.submitted_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`.as('month'),
      sql<string>`coalesce((SELECT i.section FROM industries i WHERE i.code = s.industry_codes[1]), ${NO_SECTION})`.as(
        'section',
      ),
      sql<boolean>`(SELECT count(DISTINCT jti.department_id) FROM inspection_task_items jti WHERE jti.task_id = t.id) >= 2`.as(
        'joint',
      ),
      sql<
        keyof typeof modeLabels
      >`CASE WHEN v.checked_in_on IS NOT NULL THEN 'onsite' WHEN EXISTS (SELECT 1 FROM offsite_inspections mo WHERE mo.task_id = t.id) THEN 'offsite' ELSE 'none' END`.as(
        'mode',
      ),
      inspectedOnSql.as('inspected_on'),
    ])
    .where('e.submitted_at', '>=', period.start)
    .where('e.submitted_at', '<', period.end);
  if (departmentId !== null) q = q.where(hasDepartment(sql.ref('t.id'), departmentId));
  return q;
}

/** Aggregates over the `ev` rows of a grouped query. */
const statColumns = [
  sql<number>`count(*)::int`.as('n'),
  sql<number>`coalesce(sum(ev.satisfaction), 0)::int`.as('total'),
  sql<number>`(count(*) FILTER (WHERE ev.satisfaction >= 4))::int`.as('satisfied'),
  sql<number>`(count(*) FILTER (WHERE ev.complaint))::int`.as('complaints'),
] as const;

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

/** Tasks whose inspection date falls in the period: in all, and per department (a joint task for each). */
async function inspectedTasks(db: Db, period: Period, departmentId: number | null) {
  const inspected = db
    .selectFrom('inspection_tasks as t')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select(['t.id', inspectedOnSql.as('inspected_on')]);
  const base = db
    .selectFrom(inspected.as('x'))
    .where('x.inspected_on', '>=', period.from)
    .where('x.inspected_on', '<=', period.to);
  let total = base.select(sql<number>`count(*)::int`.as('n'));
  if (departmentId !== null) total = total.where(hasDepartment(sql.ref('x.id'), departmentId));
  let perDepartment = base
    .innerJoin(
      db.selectFrom('inspection_task_items').select(['task_id', 'department_id']).distinct().as('d'),
      'd.task_id',
      'x.id',
    )
    .select(['d.department_id', sql<number>`count(*)::int`.as('n')])
    .groupBy('d.department_id');
  if (departmentId !== null) perDepartment = perDepartment.where('d.department_id', '=', departmentId);
  const [all, rows] = await Promise.all([total.executeTakeFirstOrThrow(), perDepartment.execute()]);
  return { total: Number(all.n), perDepartment: new Map(rows.map((r) => [Number(r.department_id), Number(r.n)])) };
}

export async function evaluationSummary(
  deps: AppDeps,
  actor: Actor | null,
  query: SummaryQuery,
): Promise<EvaluationSummary> {
  requirePermission(actor, permission);
  const period = periodOf(deps, query);
  const departmentId = departmentOf(actor, query);
  const db = deps.db;
  const ev = () => db.with('ev', () => evaluationsIn(db, period, departmentId));
  const grouped = <K extends 'month' | 'section' | 'joint' | 'mode'>(key: K) =>
    ev()
      .selectFrom('ev')
      .select([('ev.' + key) as `ev.${K}`, ...statColumns])
      .groupBy(`ev.${key}` as `ev.${K}`)
      .execute();
  const departmentItems = db
    .selectFrom('inspection_task_items')
    .select(['task_id', 'department_id'])
    .distinct()
    .as('d');
  let perDepartment = ev()
    .selectFrom('ev')
    .innerJoin(departmentItems, 'd.task_id', 'ev.task_id')
    .innerJoin('departments as dp', 'dp.id', 'd.department_id')
    .select(['dp.id', 'dp.name', ...statColumns])
    .groupBy(['dp.id', 'dp.name'])
    .orderBy('dp.id');
  if (departmentId !== null) perDepartment = perDepartment.where('dp.id', '=', departmentId);
  const [totals, evaluated, months, sections, joint, modes, departments, inspected, followRows] = await Promise.all([
    ev().selectFrom('ev').select(statColumns).executeTakeFirst(),
    ev()
      .selectFrom('ev')
      .select(sql<number>`count(DISTINCT ev.task_id)::int`.as('n'))
      .executeTakeFirstOrThrow(),
    grouped('month'),
    grouped('section'),
    grouped('joint'),
    grouped('mode'),
    perDepartment.execute(),
    inspectedTasks(db, period, departmentId),
    ev()
      .selectFrom('ev')
      .selectAll()
      .where((w) => w.or([w('ev.complaint', '=', true), w('ev.satisfaction', '<=', LOW_RATING)]))
      .orderBy('ev.satisfaction')
      .orderBy('ev.submitted_at', 'desc')
      .orderBy('ev.id', 'desc')
      .limit(FOLLOW_UP_LIMIT + 1)
      .execute(),
  ]);

  const sectionNames = new Map(
    (await db.selectFrom('industries').select(['code', 'name']).where('level', '=', 1).execute()).map((r) => [
      r.code,
      r.name,
    ]),
  );
  const follow = followRows.slice(0, FOLLOW_UP_LIMIT);
  const taskIds = [...new Set(follow.map((r) => Number(r.task_id)))];
  const deptRows = taskIds.length
    ? await db
        .selectFrom('inspection_task_items as ti')
        .innerJoin('departments as dp', 'dp.id', 'ti.department_id')
        .select(['ti.task_id', 'dp.id', 'dp.name'])
        .distinct()
        .where('ti.task_id', 'in', taskIds)
        .orderBy('dp.id')
        .execute()
    : [];
  const namesOf = (taskId: number) => deptRows.filter((d) => Number(d.task_id) === taskId).map((d) => d.name);
  const followUps: FollowUp[] = follow.map((r) => ({
    taskNo: r.task_no,
    subjectName: r.subject_name,
    inspectedOn: r.inspected_on,
    submittedOn: chinaDate(new Date(r.submitted_at)),
    satisfaction: r.satisfaction,
    comments: r.comments,
    complaint: r.complaint,
    complaintText: r.complaint_text,
    departments: namesOf(Number(r.task_id)),
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
      responseRate: ratio(totalStats.count, inspected.total),
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
    byMode: (Object.keys(modeLabels) as (keyof typeof modeLabels)[])
      .filter((m) => m !== 'none' || modeRows.has('none'))
      .map((m) => ({ key: modeLabels[m], ...statsOf(modeRows.get(m)) })),
    byMonth: monthsOf(period.from, period.to).map((month) => ({ month, ...statsOf(monthRows.get(month)) })),
    followUps,
    followUpsTruncated: followRows.length > FOLLOW_UP_LIMIT,
  };
}
