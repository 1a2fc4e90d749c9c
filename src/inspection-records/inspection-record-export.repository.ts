import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database';

export interface RecordKey {
  task_id: number;
  department_id: number;
  date: string;
  offsite: boolean;
}

/**
 * Up to `limit` (task, department) pairs that have inspected — submitted on site, or recorded off site —
 * after `after` in the order of inspection date, task and department (keyset paging).
 */
export async function recordKeysAfter(
  db: Db,
  q: { departmentId?: number; from?: string; to?: string; after: RecordKey | null; limit: number },
): Promise<RecordKey[]> {
  const conditions: RawBuilder<unknown>[] = [
    q.departmentId !== undefined ? sql`r.department_id = ${q.departmentId}` : null,
    q.from ? sql`r.date >= ${q.from}` : null,
    q.to ? sql`r.date <= ${q.to}` : null,
    q.after
      ? sql`(r.date, r.task_id, r.department_id) > (${q.after.date}, ${q.after.task_id}, ${q.after.department_id})`
      : null,
  ].filter((c): c is RawBuilder<unknown> => c !== null);
  const { rows }: { rows: RecordKey[] } = await sql<RecordKey>`
    SELECT r.task_id, r.department_id, r.date, r.offsite FROM (
      SELECT s.task_id, s.department_id, v.checked_in_on AS date, false AS offsite
      FROM inspection_submissions s JOIN inspection_visits v ON v.task_id = s.task_id
      UNION ALL
      SELECT o.task_id, o.department_id, o.conducted_on AS date, true AS offsite FROM offsite_inspections o
    ) r
    ${conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``}
    ORDER BY r.date, r.task_id, r.department_id
    LIMIT ${q.limit}`.execute(db);
  return rows;
}

/** What the export's rows need of the tasks of a page, each looked up set-based. */
export async function exportLookups(db: Db, taskIds: number[]) {
  const [tasks, inspectors, site, off, problems, transfers, registrations] = await Promise.all([
    db
      .selectFrom('inspection_tasks as t')
      .innerJoin('subjects as s', 's.id', 't.subject_id')
      .select([
        't.id',
        't.task_no',
        's.name',
        's.uscc',
        's.kind',
        's.division_code',
        's.business_address',
        's.registered_address',
      ])
      .where('t.id', 'in', taskIds)
      .execute(),
    db
      .selectFrom('inspection_task_inspectors as ti')
      .innerJoin('inspectors as i', 'i.id', 'ti.inspector_id')
      .select(['ti.task_id', 'ti.department_id', 'i.name', 'i.certificate_no'])
      .where('ti.task_id', 'in', taskIds)
      .orderBy('i.id')
      .execute(),
    db
      .selectFrom('inspection_submissions as s')
      .innerJoin('inspectors as i', 'i.id', 's.submitted_by')
      .select(['s.task_id', 's.department_id', 's.submitted_at', 'i.name'])
      .where('s.task_id', 'in', taskIds)
      .execute(),
    db
      .selectFrom('offsite_inspections')
      .select(['task_id', 'department_id', 'method', 'data_source', 'recorded_at', 'recorded_by_name'])
      .where('task_id', 'in', taskIds)
      .execute(),
    sql<{ task_id: number; department_id: number; offsite: boolean; n: string }>`
      SELECT task_id, department_id, false AS offsite, count(*) AS n FROM inspection_results WHERE result = '不符合' AND task_id IN (${sql.join(taskIds)}) GROUP BY task_id, department_id
      UNION ALL
      SELECT task_id, department_id, true AS offsite, count(*) AS n FROM offsite_results WHERE result = '不符合' AND task_id IN (${sql.join(taskIds)}) GROUP BY task_id, department_id`
      .execute(db)
      .then((r) => r.rows),
    db
      .selectFrom('case_transfers')
      .select(['task_id', 'department_id'])
      .distinct()
      .where('task_id', 'in', taskIds)
      .execute(),
    db
      .selectFrom('inspection_registrations')
      .select(['task_id', 'department_id', 'kind'])
      .where('task_id', 'in', taskIds)
      .execute(),
  ]);
  return { tasks, inspectors, site, off, problems, transfers, registrations };
}

export const exportDepartments = (db: Db) =>
  db.selectFrom('departments').select(['id', 'name', 'code', 'division_code']).execute();
