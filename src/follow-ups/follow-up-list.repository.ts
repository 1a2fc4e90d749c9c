import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../db/schema';
import type { Db } from '../db/database';

export interface FollowUpFilter {
  departmentId: number | null;
  status?: '待跟踪' | '逾期' | '已跟踪' | '免于跟踪';
  keyword?: string;
  today: string;
}

type Eb = ExpressionBuilder<Database, 'follow_ups'>;

function statusCondition(eb: Eb, status: FollowUpFilter['status'], today: string) {
  if (status === '逾期') return eb.and([eb('follow_ups.status', '=', '待跟踪'), eb('follow_ups.due_on', '<', today)]);
  if (status === '待跟踪')
    return eb.and([eb('follow_ups.status', '=', '待跟踪'), eb('follow_ups.due_on', '>=', today)]);
  return status ? eb('follow_ups.status', '=', status) : eb.lit(true);
}

export const FOLLOW_UP_PAGE = 500;

/** Follow-ups by due date (open first), with their task, joint task and closing licence. */
export async function findFollowUps(db: Db, f: FollowUpFilter) {
  let q = db
    .selectFrom('follow_ups')
    .innerJoin('departments as d', 'd.id', 'follow_ups.department_id')
    .leftJoin('inspection_tasks as t', 't.id', 'follow_ups.task_id')
    .leftJoin('inspection_tasks as j', 'j.id', 't.merged_into_task_id')
    .leftJoin('licence_records as l', 'l.id', 'follow_ups.closed_by_licence_id')
    .select([
      'follow_ups.follow_up_no',
      'follow_ups.subject_name',
      'follow_ups.uscc',
      'follow_ups.department_id',
      'd.name as department_name',
      'follow_ups.approval_item_codes',
      // The names the registration was told of (双告知), the code where the item is not in its 告知.
      sql<string[]>`ARRAY(SELECT coalesce((SELECT ci.name FROM dual_notice_case_items ci
        WHERE ci.registration_id = follow_ups.registration_id AND ci.code = c LIMIT 1), c)
        FROM unnest(follow_ups.approval_item_codes) WITH ORDINALITY AS u(c, n) ORDER BY n)`.as('approval_item_names'),
      'follow_ups.pushed_on',
      'follow_ups.due_on',
      'follow_ups.status',
      'follow_ups.no_task_reason',
      'follow_ups.followed_up_on',
      'follow_ups.late',
      'follow_ups.outcome',
      'follow_ups.outcome_notes',
      'follow_ups.transferred_at',
      't.task_no',
      't.status as task_status',
      'j.task_no as joint_task_no',
      'l.decision_doc_no',
      'l.decided_on',
    ])
    .where((eb) => statusCondition(eb, f.status, f.today))
    .orderBy(sql`CASE follow_ups.status WHEN '待跟踪' THEN 0 ELSE 1 END`)
    .orderBy('follow_ups.due_on')
    .orderBy('follow_ups.id');
  if (f.departmentId) q = q.where('follow_ups.department_id', '=', f.departmentId);
  if (f.keyword) {
    const like = `%${f.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('follow_ups.subject_name', 'like', like),
        eb('follow_ups.uscc', 'like', like),
        eb('follow_ups.follow_up_no', 'like', like),
      ]),
    );
  }
  return q.limit(FOLLOW_UP_PAGE + 1).execute();
}

/** Per department: open, overdue, done (of which late, of which operating without a licence), closed, routine. */
export async function followUpCountsByDepartment(db: Db, departmentId: number | null, today: string) {
  let q = db
    .selectFrom('follow_ups')
    .innerJoin('departments as d', 'd.id', 'follow_ups.department_id')
    .select(['follow_ups.department_id', 'd.name as department_name'])
    .select([
      sql<string>`count(*) FILTER (WHERE follow_ups.status = '待跟踪' AND follow_ups.due_on >= ${today})`.as('open'),
      sql<string>`count(*) FILTER (WHERE follow_ups.status = '待跟踪' AND follow_ups.due_on < ${today})`.as('overdue'),
      sql<string>`count(*) FILTER (WHERE follow_ups.status = '已跟踪')`.as('done'),
      sql<string>`count(*) FILTER (WHERE follow_ups.status = '免于跟踪')`.as('closed'),
      sql<string>`count(*) FILTER (WHERE follow_ups.late)`.as('late'),
      sql<string>`count(*) FILTER (WHERE follow_ups.outcome = '发现无证经营')`.as('unlicensed'),
      sql<string>`(SELECT count(*) FROM routine_supervisions r WHERE r.department_id = follow_ups.department_id)`.as(
        'routine',
      ),
    ])
    .groupBy(['follow_ups.department_id', 'd.name'])
    .orderBy('follow_ups.department_id');
  if (departmentId) q = q.where('follow_ups.department_id', '=', departmentId);
  return q.execute();
}

/** Subjects in routine supervision after their licence, newest first. */
export async function findRoutineSupervisions(db: Db, departmentId: number | null) {
  let q = db
    .selectFrom('routine_supervisions as r')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .innerJoin('licence_records as l', 'l.id', 'r.licence_id')
    .select([
      'r.subject_id',
      'r.subject_name',
      'r.uscc',
      'r.department_id',
      'd.name as department_name',
      'l.decision_doc_no',
      'l.certificate_name',
      'l.approval_item_code',
      'r.since',
    ])
    .orderBy('r.since', 'desc')
    .orderBy('r.id', 'desc')
    .limit(500);
  if (departmentId) q = q.where('r.department_id', '=', departmentId);
  return q.execute();
}

/** Published sampling items in force of the departments, with their object scope. */
export async function samplingScopesOf(db: Db, departmentIds: readonly number[]) {
  if (departmentIds.length === 0) return [];
  return db
    .selectFrom('sampling_items')
    .select(['code', 'name', 'department_id', 'scope'])
    .where('department_id', 'in', [...departmentIds])
    .where('status', '=', '有效')
    .where('published', '=', true)
    .orderBy('code')
    .execute();
}
