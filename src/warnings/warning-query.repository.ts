import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { likeContains } from '../shared/paging';
import type { WarningQuery } from './warning.schemas';

export interface WarningFilter extends Omit<WarningQuery, 'page' | 'pageSize'> {
  /** The actor's own department when their scope is not 'all'. */
  scopeDepartmentId: number | null;
  today: string;
}

const base = (db: Db) =>
  db
    .selectFrom('warnings as w')
    .innerJoin('warning_rules as r', 'r.code', 'w.rule_code')
    .innerJoin('subjects as s', 's.id', 'w.subject_id')
    .innerJoin('departments as d', 'd.id', 'w.department_id');

type From = ExpressionBuilder<
  Database & { w: Database['warnings']; r: Database['warning_rules']; s: Database['subjects'] },
  'w' | 'r' | 's'
>;

function where(f: WarningFilter, except?: 'level' | 'status' | 'department') {
  return (eb: From) => {
    const c = [];
    if (f.scopeDepartmentId !== null) c.push(eb('w.department_id', '=', f.scopeDepartmentId));
    if (f.level && except !== 'level') c.push(eb('w.level', '=', f.level));
    if (f.status && except !== 'status') c.push(eb('w.status', '=', f.status));
    if (f.departmentId && except !== 'department') c.push(eb('w.department_id', '=', f.departmentId));
    if (f.ruleCode) c.push(eb('w.rule_code', '=', f.ruleCode));
    if (f.overdue) c.push(eb.and([eb('w.status', 'in', ['待核查', '已核查', '处置中']), eb('w.due_on', '<', f.today)]));
    if (f.keyword)
      c.push(
        eb.or([
          eb('s.name', 'like', likeContains(f.keyword)),
          eb('s.uscc', '=', f.keyword.toUpperCase()),
          eb('w.warning_no', '=', f.keyword.toUpperCase()),
        ]),
      );
    return eb.and(c);
  };
}

const columns = [
  'w.id',
  'w.warning_no',
  'w.rule_code',
  'r.name as rule_name',
  'w.level',
  'w.subject_id',
  's.name as subject_name',
  's.uscc',
  'w.department_id',
  'd.name as department_name',
  'w.status',
  'w.raised_on',
  'w.due_on',
  'w.facts',
] as const;

export async function pageWarnings(db: Db, f: WarningFilter, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    base(db)
      .select(columns)
      .where(where(f))
      .orderBy('w.raised_on', 'desc')
      .orderBy('w.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    base(db)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(where(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Counts for the charts: each one ignores its own dimension's filter, so a chart shows the choices. */
export async function warningCounts(db: Db, f: WarningFilter) {
  const [byLevel, byStatus, byDepartment] = await Promise.all([
    base(db)
      .select(['w.level as name', sql<number>`count(*)::int`.as('count')])
      .where(where(f, 'level'))
      .groupBy('w.level')
      .execute(),
    base(db)
      .select(['w.status as name', sql<number>`count(*)::int`.as('count')])
      .where(where(f, 'status'))
      .groupBy('w.status')
      .execute(),
    base(db)
      .select(['d.name as name', sql<number>`count(*)::int`.as('count')])
      .where(where(f, 'department'))
      .groupBy('d.name')
      .orderBy(sql`count(*)`, 'desc')
      .execute(),
  ]);
  return { byLevel, byStatus, byDepartment };
}

export const findWarning = (db: Db, id: number) =>
  base(db)
    .leftJoin('inspection_tasks as t', 't.id', 'w.task_id')
    .select(columns)
    .select([
      'w.disposal_method',
      't.task_no',
      't.status as task_status',
      'w.task_inspected_on',
      'w.check_note',
      'w.measure',
      'w.result',
      'w.feedback',
      'w.false_reason',
      'w.closed_at',
      'w.closed_late',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();

export const departmentNames = (db: Db) => db.selectFrom('departments').select(['id', 'name']).execute();
