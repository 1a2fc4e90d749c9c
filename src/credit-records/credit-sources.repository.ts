import { sql } from 'kysely';
import type { Db } from '../db/database';

// Reads of the records other capabilities own, for the credit records derived from them (read only).

export const penaltySource = (db: Db, id: number) =>
  db
    .selectFrom('penalty_records as p')
    .select([
      'p.id',
      'p.uscc',
      'p.counterpart_category',
      'p.counterpart_name',
      'p.categories',
      'p.fine_amount',
      'p.confiscated_amount',
      'p.decided_on',
      'p.publicity_until',
      'p.status',
      'p.decision_doc_no',
      'p.violation_type',
      'p.violation_facts',
      'p.content',
      'p.authority_name',
      'p.department_id',
      'p.sender_department_id',
      'p.updated_at',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();

export const licenceSource = (db: Db, id: number) =>
  db
    .selectFrom('licence_records as l')
    .select([
      'l.id',
      'l.uscc',
      'l.counterpart_category',
      'l.counterpart_name',
      'l.status',
      'l.decided_on',
      'l.decision_doc_no',
      'l.certificate_name',
      'l.certificate_no',
      'l.content',
      'l.authority_name',
      'l.department_id',
      'l.sender_department_id',
      'l.updated_at',
    ])
    .where('l.id', '=', id)
    .executeTakeFirst();

/** The task, its subject, and each department's 不符合 results (on site and off site) with the check's content. */
export async function taskFindings(db: Db, taskId: number) {
  const task = await db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select(['t.id', 't.task_no', 't.subject_id', 's.uscc', 's.name as subject_name', 'v.checked_in_on'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!task) return null;
  const onSite = db
    .selectFrom('inspection_results as r')
    .select(['r.department_id', 'r.check_item_id', 'r.notes', sql<string | null>`null`.as('conducted_on')])
    .where('r.task_id', '=', taskId)
    .where('r.result', '=', '不符合');
  const offSite = db
    .selectFrom('offsite_results as r')
    .select([
      'r.department_id',
      'r.check_item_id',
      'r.notes',
      sql<string | null>`(SELECT max(o.conducted_on)::text FROM offsite_inspections o
        WHERE o.task_id = r.task_id AND o.department_id = r.department_id)`.as('conducted_on'),
    ])
    .where('r.task_id', '=', taskId)
    .where('r.result', '=', '不符合');
  const rows = await db
    .selectFrom(onSite.unionAll(offSite).as('f'))
    .innerJoin('check_items as c', 'c.id', 'f.check_item_id')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select(['f.department_id', 'd.name as department_name', 'c.content', 'f.notes', 'f.conducted_on'])
    .orderBy('f.department_id')
    .orderBy('c.id')
    .execute();
  return { task, findings: rows.map((r) => ({ ...r, department_id: Number(r.department_id) })) };
}

/** The 双跟踪 obligations a task answered (its own, or of the 跟踪 tasks merged into it), with their outcome. */
export const followUpsAnswered = (db: Db, taskId: number) =>
  db
    .selectFrom('follow_ups as f')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select([
      'f.id',
      'f.follow_up_no',
      'f.registration_id',
      'f.department_id',
      'd.name as department_name',
      'f.uscc',
      'f.subject_name',
      'f.outcome',
      'f.outcome_notes',
      'f.followed_up_on',
      sql<boolean>`EXISTS (SELECT 1 FROM dual_notice_commitments c WHERE c.registration_id = f.registration_id)`.as(
        'committed',
      ),
    ])
    .where((eb) =>
      eb.or([
        eb('f.task_id', '=', taskId),
        eb('f.task_id', 'in', eb.selectFrom('inspection_tasks').select('id').where('merged_into_task_id', '=', taskId)),
      ]),
    )
    .where('f.status', '=', '已跟踪')
    .execute();

/** Every source the derivations read, for the one-time rebuild: ids in order. */
export const allPenaltyIds = (db: Db) => db.selectFrom('penalty_records').select('id').orderBy('id').execute();
export const revokedLicenceIds = (db: Db) =>
  db.selectFrom('licence_records').select('id').where('status', 'in', ['已撤销', '已吊销']).orderBy('id').execute();
export const completedTaskIds = (db: Db) =>
  db.selectFrom('inspection_tasks').select('id').where('status', 'in', ['已检查', '已办结']).orderBy('id').execute();
