import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { FollowUpTable, RoutineSupervisionTable } from './follow-up.table';

/** The pushes a follow-up may come from, with their registration (read from 双告知 and the intake). */
export async function pushesWithRegistration(db: Db, pushIds: readonly number[]) {
  if (pushIds.length === 0) return [];
  return db
    .selectFrom('registration_pushes as p')
    .innerJoin('business_registrations as r', 'r.id', 'p.registration_id')
    .select([
      'p.id',
      'p.department_id',
      'p.duty',
      'p.approval_item_codes',
      'p.pushed_at',
      'r.id as registration_id',
      'r.registration_no',
      'r.subject_id',
      'r.uscc',
      'r.name',
    ])
    .where('p.id', 'in', [...pushIds])
    .orderBy('p.id')
    .execute();
}

export async function subjectIdByUscc(db: Db, uscc: string): Promise<number | null> {
  const row = await db.selectFrom('subjects').select('id').where('uscc', '=', uscc).executeTakeFirst();
  return row ? Number(row.id) : null;
}

export async function pushesWithFollowUp(db: Db, pushIds: readonly number[]): Promise<Set<number>> {
  if (pushIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('follow_ups')
    .select('push_id')
    .where('push_id', 'in', [...pushIds])
    .execute();
  return new Set(rows.map((r) => Number(r.push_id)));
}

/** `registrationId:departmentId` of the obligations the registrations already have: a department follows one up once. */
export async function departmentsFollowingUp(db: Db, registrationIds: readonly number[]): Promise<Set<string>> {
  if (registrationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('follow_ups')
    .select(['registration_id', 'department_id'])
    .where('registration_id', 'in', [...registrationIds])
    .execute();
  return new Set(rows.map((r) => `${r.registration_id}:${r.department_id}`));
}

/** The next number of a yearly series (GZGZ2026-00001, XKSQ2026-00001), handed out one at a time. */
export async function nextNumber(
  trx: Db,
  table: 'follow_ups' | 'licence_applications',
  prefix: string,
): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${prefix}))`.execute(trx);
  const column = table === 'follow_ups' ? 'follow_up_no' : 'application_no';
  const row = await sql<{ last: string | null }>`SELECT max(${sql.ref(column)}) AS last FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} LIKE ${`${prefix}%`}`.execute(trx);
  const last = row.rows[0]?.last;
  return `${prefix}${String((last ? Number(last.slice(prefix.length)) : 0) + 1).padStart(5, '0')}`;
}

export async function insertFollowUp(trx: Db, values: Insertable<FollowUpTable>): Promise<number> {
  const { id } = await trx.insertInto('follow_ups').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateFollowUp(trx: Db, id: number, values: Updateable<FollowUpTable>): Promise<void> {
  await trx.updateTable('follow_ups').set(values).where('id', '=', id).execute();
}

/** The obligations a task answers: its own, and those of the tasks merged into it (a joint visit). */
export async function followUpsOfTask(db: Db, taskId: number) {
  return db
    .selectFrom('follow_ups as f')
    .select(['f.id', 'f.follow_up_no', 'f.department_id', 'f.status', 'f.due_on', 'f.uscc', 'f.subject_name'])
    .where((eb) =>
      eb.or([
        eb('f.task_id', '=', taskId),
        eb('f.task_id', 'in', eb.selectFrom('inspection_tasks').select('id').where('merged_into_task_id', '=', taskId)),
      ]),
    )
    .where('f.status', '!=', '免于跟踪')
    .execute();
}

/** A department's results on a task (on site and off site) with the check's content, and its inspection date. */
export async function departmentInspection(db: Db, taskId: number, departmentId: number) {
  const onSite = db
    .selectFrom('inspection_results as r')
    .innerJoin('check_items as c', 'c.id', 'r.check_item_id')
    .select(['r.check_item_id', 'r.result', 'r.notes', 'c.content'])
    .where('r.task_id', '=', taskId)
    .where('r.department_id', '=', departmentId);
  const offSite = db
    .selectFrom('offsite_results as r')
    .innerJoin('check_items as c', 'c.id', 'r.check_item_id')
    .select(['r.check_item_id', 'r.result', 'r.notes', 'c.content'])
    .where('r.task_id', '=', taskId)
    .where('r.department_id', '=', departmentId);
  const results = await onSite.unionAll(offSite).execute();
  const date = await db
    .selectFrom('inspection_tasks as t')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select(
      sql<string | null>`coalesce((SELECT max(o.conducted_on)::text FROM offsite_inspections o
        WHERE o.task_id = t.id AND o.department_id = ${departmentId}), v.checked_in_on::text)`.as('inspected_on'),
    )
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  return {
    results: results.map((r) => ({ ...r, check_item_id: Number(r.check_item_id) })),
    inspectedOn: date?.inspected_on ?? null,
  };
}

/** Open (待跟踪) obligations of a subject, with their task's status. */
export async function openFollowUpsOfSubject(db: Db, uscc: string) {
  return db
    .selectFrom('follow_ups as f')
    .leftJoin('inspection_tasks as t', 't.id', 'f.task_id')
    .select([
      'f.id',
      'f.follow_up_no',
      'f.department_id',
      'f.approval_item_codes',
      'f.task_id',
      't.task_no',
      't.status as task_status',
    ])
    .where('f.uscc', '=', uscc)
    .where('f.status', '=', '待跟踪')
    .orderBy('f.id')
    .execute();
}

/** Every obligation of a subject (any status) for an approval item, or all of them: the departments that supervise it. */
export async function followUpDepartmentsOfSubject(
  db: Db,
  uscc: string,
): Promise<{ department_id: number; approval_item_codes: string[] }[]> {
  const rows = await db
    .selectFrom('follow_ups')
    .select(['department_id', 'approval_item_codes'])
    .where('uscc', '=', uscc)
    .execute();
  return rows.map((r) => ({ department_id: Number(r.department_id), approval_item_codes: r.approval_item_codes }));
}

export async function insertRoutineSupervisions(trx: Db, rows: Insertable<RoutineSupervisionTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await trx
    .insertInto('routine_supervisions')
    .values(rows)
    .onConflict((oc) => oc.columns(['licence_id', 'department_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** The licence a record hook names. */
export async function findLicence(db: Db, licenceId: number) {
  return db
    .selectFrom('licence_records')
    .select([
      'id',
      'uscc',
      'counterpart_name',
      'subject_id',
      'approval_item_code',
      'decided_on',
      'decision_doc_no',
      'status',
      'department_id',
    ])
    .where('id', '=', licenceId)
    .executeTakeFirst();
}

export async function findFollowUpByNo(db: Db, followUpNo: string) {
  return db
    .selectFrom('follow_ups as f')
    .leftJoin('inspection_tasks as t', 't.id', 'f.task_id')
    .leftJoin('inspection_tasks as j', 'j.id', 't.merged_into_task_id')
    .select([
      'f.id',
      'f.follow_up_no',
      'f.department_id',
      'f.subject_id',
      'f.uscc',
      'f.subject_name',
      'f.outcome',
      'f.unlicensed_check_item_id',
      'f.transferred_at',
      't.task_no',
      'j.task_no as joint_task_no',
    ])
    .where('f.follow_up_no', '=', followUpNo)
    .executeTakeFirst();
}

/** Whether the finding has been transferred to case handling already (src/inspection-records). */
export async function findingTransferred(db: Db, taskNo: string, checkItemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('case_transfers as x')
    .innerJoin('inspection_tasks as t', 't.id', 'x.task_id')
    .select('x.id')
    .where('t.task_no', '=', taskNo)
    .where('x.check_item_id', '=', checkItemId)
    .executeTakeFirst();
  return row !== undefined;
}
