import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import { offsetOf } from '../shared/paging';
import type { KeyTargetQuery } from './key-target.schemas';

/** Listings with the subject, department, people and source named; the filters of the list page. */
function base(db: Db) {
  return db
    .selectFrom('key_targets as k')
    .innerJoin('subjects as s', 's.id', 'k.subject_id')
    .leftJoin('departments as d', 'd.id', 'k.department_id')
    .leftJoin('users as cu', 'cu.id', 'k.created_by')
    .leftJoin('users as lu', 'lu.id', 'k.lifted_by');
}

const columns = [
  'k.id',
  'k.subject_id',
  's.name as subject_name',
  's.uscc',
  's.whitelisted',
  'k.reason_kind',
  'k.reason',
  'k.source_ref',
  'k.department_id',
  'd.name as department_name',
  'k.listed_on',
  'k.expires_on',
  'k.lifted_at',
  'lu.name as lifted_by_name',
  'k.lift_reason',
  'cu.name as created_by_name',
] as const;

/** Source in words: the record's or run's number, the follow-up's. */
const sourceLabel = sql<string | null>`CASE
  WHEN k.source_ref LIKE 'credit_record:%' THEN
    (SELECT '信用记录 ' || r.record_no FROM credit_records r WHERE r.id = substr(k.source_ref, 15)::int)
  WHEN k.source_ref LIKE 'credit_run:%' THEN
    (SELECT '信用评价 ' || c.run_no FROM credit_runs c WHERE c.id = substr(k.source_ref, 12)::int)
  WHEN k.source_ref LIKE 'follow_up:%' THEN '照后证前跟踪 ' || substr(k.source_ref, 11)
  ELSE k.source_ref END`.as('source_label');

export async function searchKeyTargets(db: Db, q: KeyTargetQuery, departmentId: number | null, today: string) {
  let query = base(db);
  if (departmentId !== null) query = query.where('k.department_id', '=', departmentId);
  if (q.departmentId !== undefined) query = query.where('k.department_id', '=', q.departmentId);
  if (q.reasonKind) query = query.where('k.reason_kind', '=', q.reasonKind);
  if (q.q) {
    const text = q.q;
    query = query.where((eb) =>
      eb.or([eb('s.name', 'like', likeContains(text)), eb('s.uscc', '=', text.toUpperCase())]),
    );
  }
  if (q.state === '已解除') query = query.where('k.lifted_at', 'is not', null);
  else if (q.state !== '全部') {
    query = query.where('k.lifted_at', 'is', null);
    if (q.state === '已到期') query = query.where('k.expires_on', '<', today);
    if (q.state === '未生效') query = query.where('k.listed_on', '>', today);
    if (q.state === '有效')
      query = query
        .where('k.listed_on', '<=', today)
        .where((eb) => eb.or([eb('k.expires_on', 'is', null), eb('k.expires_on', '>=', today)]));
  }
  const [rows, total] = await Promise.all([
    query
      .select(columns)
      .select(sourceLabel)
      .orderBy('k.listed_on', 'desc')
      .orderBy('k.id', 'desc')
      .limit(q.pageSize)
      .offset(offsetOf(q))
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const listingsOfSubject = (db: Db, subjectId: number) =>
  base(db)
    .select(columns)
    .select(sourceLabel)
    .where('k.subject_id', '=', subjectId)
    .orderBy('k.listed_on', 'desc')
    .orderBy('k.id', 'desc')
    .limit(200)
    .execute();

export const listingById = (db: Db, id: number) =>
  base(db).select(columns).select(sourceLabel).where('k.id', '=', id).executeTakeFirst();

export type ListingRow = NonNullable<Awaited<ReturnType<typeof listingById>>>;
