import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, likePrefix, offsetOf } from '../shared/paging';
import type { TaskStatus } from '../tasks/task-lifecycle';
import type { RecordQuery } from './inspection-record.schemas';

export interface RecordFilter extends RecordQuery {
  /** Data scope 本部门: only this department's records (null: every department). */
  scopeDepartmentId: number | null;
}

export interface RecordRow {
  task_id: number;
  department_id: number;
  date: string;
  offsite: boolean;
  result: '符合' | '发现问题';
  task_no: string;
  task_status: TaskStatus;
  subject_id: number;
  subject_name: string;
  uscc: string;
  department_name: string;
}

/**
 * Every (task, department) that has inspected — submitted on site (its overall result), or recorded off site (发现问题
 * when a result is 不符合) — with its inspection date.
 */
const records = sql`
  SELECT s.task_id, s.department_id, v.checked_in_on AS date, false AS offsite, s.overall AS result
  FROM inspection_submissions s JOIN inspection_visits v ON v.task_id = s.task_id
  UNION ALL
  SELECT o.task_id, o.department_id, o.conducted_on AS date, true AS offsite,
    CASE WHEN EXISTS (
      SELECT 1 FROM offsite_results x WHERE x.task_id = o.task_id AND x.department_id = o.department_id AND x.result = '不符合'
    ) THEN '发现问题' ELSE '符合' END AS result
  FROM offsite_inspections o`;

const transferredSql = sql`EXISTS (SELECT 1 FROM case_transfers x WHERE x.task_id = r.task_id AND x.department_id = r.department_id)`;

function conditions(f: RecordFilter): RawBuilder<unknown>[] {
  const subject = f.subject?.replace(/\s+/g, '');
  return [
    f.scopeDepartmentId !== null ? sql`r.department_id = ${f.scopeDepartmentId}` : null,
    f.departmentId !== undefined ? sql`r.department_id = ${f.departmentId}` : null,
    f.from ? sql`r.date >= ${f.from}` : null,
    f.to ? sql`r.date <= ${f.to}` : null,
    f.result ? sql`r.result = ${f.result}` : null,
    f.transfer === '已移送' ? transferredSql : null,
    f.transfer === '未移送' ? sql`r.result = '发现问题' AND NOT ${transferredSql}` : null,
    subject ? sql`(sb.name LIKE ${likeContains(subject)} OR sb.uscc = ${subject.toUpperCase()})` : null,
    f.taskNo ? sql`t.task_no LIKE ${likePrefix(f.taskNo)}` : null,
  ].filter((c): c is RawBuilder<unknown> => c !== null);
}

/** One page of the records matching the filter, newest inspection first, and how many match in all. */
export async function findRecords(db: Db, f: RecordFilter): Promise<{ total: number; rows: RecordRow[] }> {
  const where = conditions(f);
  const from = sql`
    FROM (${records}) r
    JOIN inspection_tasks t ON t.id = r.task_id
    JOIN subjects sb ON sb.id = t.subject_id
    JOIN departments d ON d.id = r.department_id
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}`;
  const [count, page] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total ${from}`.execute(db),
    sql<RecordRow>`
      SELECT r.task_id, r.department_id, r.date, r.offsite, r.result, t.task_no, t.status AS task_status,
        t.subject_id, sb.name AS subject_name, t.uscc, d.name AS department_name
      ${from}
      ORDER BY r.date DESC, r.task_id DESC, r.department_id
      LIMIT ${f.pageSize} OFFSET ${offsetOf(f)}`.execute(db),
  ]);
  return { total: Number(count.rows[0]?.total ?? 0), rows: page.rows };
}

/** What a page of records shows besides its rows: the inspectors, the 不符合 counts and the transfers of its tasks. */
export async function recordLookups(db: Db, taskIds: number[]) {
  if (taskIds.length === 0) return { inspectors: [], problems: [], transfers: [] };
  const [inspectors, problems, transfers] = await Promise.all([
    db
      .selectFrom('inspection_task_inspectors as ti')
      .innerJoin('inspectors as i', 'i.id', 'ti.inspector_id')
      .select(['ti.task_id', 'ti.department_id', 'i.name'])
      .where('ti.task_id', 'in', taskIds)
      .orderBy('i.id')
      .execute(),
    sql<{ task_id: number; department_id: number; offsite: boolean; n: number }>`
      SELECT task_id, department_id, false AS offsite, count(*)::int AS n FROM inspection_results
        WHERE result = '不符合' AND task_id IN (${sql.join(taskIds)}) GROUP BY task_id, department_id
      UNION ALL
      SELECT task_id, department_id, true AS offsite, count(*)::int AS n FROM offsite_results
        WHERE result = '不符合' AND task_id IN (${sql.join(taskIds)}) GROUP BY task_id, department_id`
      .execute(db)
      .then((r) => r.rows),
    db
      .selectFrom('case_transfers')
      .select([sql<number>`task_id`.as('task_id'), 'department_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('task_id', 'in', taskIds)
      .groupBy(['task_id', 'department_id'])
      .execute(),
  ]);
  return { inspectors, problems, transfers };
}
