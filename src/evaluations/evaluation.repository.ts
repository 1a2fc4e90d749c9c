import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database';
import { inspectedOnSql } from '../tasks/task-dates';
import { taskHasDepartment } from '../db/task-members-sql';

/** The section of a subject without a registered industry. */
export const NO_SECTION = '-';
export type InspectionMode = 'onsite' | 'offsite' | 'none';

export interface EvaluationPeriod {
  from: string;
  to: string;
  /** Instants bounding the period in China time: [start, end). */
  start: Date;
  end: Date;
}

/** The task has items of the department. */
const hasDepartment = (task: Expression<number>, departmentId: number) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM inspection_tasks dt WHERE dt.id = ${task} AND ${taskHasDepartment('dt', departmentId)})`;

/**
 * The evaluations submitted in the period (of the department's parts), one row each — an evaluation is of one
 * department's part of a visit — with the task's attributes.
 */
function evaluationsIn(db: Db, period: EvaluationPeriod, departmentId: number | null) {
  let q = db
    .selectFrom('inspection_evaluations as e')
    .innerJoin('inspection_tasks as t', 't.id', 'e.task_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .innerJoin('departments as dp', 'dp.id', 'e.department_id')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select([
      'e.id',
      'e.task_id',
      'e.department_id',
      'dp.name as department_name',
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
      // The department's own way: its off-site check, else the visit it took part in.
      sql<InspectionMode>`CASE WHEN EXISTS (SELECT 1 FROM offsite_inspections mo WHERE mo.task_id = t.id AND mo.department_id = e.department_id) THEN 'offsite' WHEN v.checked_in_on IS NOT NULL THEN 'onsite' ELSE 'none' END`.as(
        'mode',
      ),
      inspectedOnSql.as('inspected_on'),
    ])
    .where('e.submitted_at', '>=', period.start)
    .where('e.submitted_at', '<', period.end);
  if (departmentId !== null) q = q.where('e.department_id', '=', departmentId);
  return q;
}

/** Aggregates over the `ev` rows of a grouped query. */
const statColumns = [
  sql<number>`count(*)::int`.as('n'),
  sql<number>`coalesce(sum(ev.satisfaction), 0)::int`.as('total'),
  sql<number>`(count(*) FILTER (WHERE ev.satisfaction >= 4))::int`.as('satisfied'),
  sql<number>`(count(*) FILTER (WHERE ev.complaint))::int`.as('complaints'),
] as const;

/** Tasks whose inspection date falls in the period: in all, and per department (a joint task for each). */
async function inspectedTasks(db: Db, period: EvaluationPeriod, departmentId: number | null) {
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

/**
 * The figures of the evaluation summary for the period (of the department's tasks when given): totals,
 * evaluated tasks, groups by month, industry section, joint or single, mode and department, the inspected
 * tasks, and up to `followUp.limit` evaluations to follow up (complaints and ratings up to `followUp.lowRating`,
 * lowest first).
 */
export async function evaluationFigures(
  db: Db,
  period: EvaluationPeriod,
  departmentId: number | null,
  followUp: { lowRating: number; limit: number },
) {
  const ev = () => db.with('ev', () => evaluationsIn(db, period, departmentId));
  const grouped = <K extends 'month' | 'section' | 'joint' | 'mode'>(key: K) =>
    ev()
      .selectFrom('ev')
      .select([('ev.' + key) as `ev.${K}`, ...statColumns])
      .groupBy(`ev.${key}` as `ev.${K}`)
      .execute();
  const perDepartment = ev()
    .selectFrom('ev')
    .select(['ev.department_id as id', 'ev.department_name as name', ...statColumns])
    .groupBy(['ev.department_id', 'ev.department_name'])
    .orderBy('ev.department_id');
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
      .where((w) => w.or([w('ev.complaint', '=', true), w('ev.satisfaction', '<=', followUp.lowRating)]))
      .orderBy('ev.satisfaction')
      .orderBy('ev.submitted_at', 'desc')
      .orderBy('ev.id', 'desc')
      .limit(followUp.limit)
      .execute(),
  ]);

  return { totals, evaluated, months, sections, joint, modes, departments, inspected, followRows };
}

/** Names of the industry sections (门类) by code. */
export async function industrySectionNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('industries').select(['code', 'name']).where('level', '=', 1).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
