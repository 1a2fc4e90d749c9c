import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { PublicResultQuery } from './result.schemas';
import type { PublishedResultTable } from './result.table';

/** The task's subject and the special plan it carries out, if any. */
export const findTaskSubject = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('special_plans as sp', 'sp.id', 't.special_plan_id')
    .select(['t.uscc', 's.name', 'sp.title as special_plan_title'])
    .where('t.id', '=', taskId)
    .executeTakeFirstOrThrow();

/** The task's items, by department and item code. */
export const listTaskItems = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_task_items')
    .select(['department_id', 'item_name'])
    .where('task_id', '=', taskId)
    .orderBy('department_id')
    .orderBy('item_code')
    .execute();

export async function insertPublishedResult(trx: Db, values: Insertable<PublishedResultTable>): Promise<void> {
  await trx.insertInto('published_results').values(values).execute();
}

export async function isPublished(db: Db, taskId: number): Promise<boolean> {
  return (
    (await db.selectFrom('published_results').select('id').where('task_id', '=', taskId).executeTakeFirst()) !==
    undefined
  );
}

/** A page of published results, newest first, with the total; keyword by name or USCC. */
export async function pagePublishedResults(db: Db, q: PublicResultQuery) {
  let base = db.selectFrom('published_results');
  if (q.keyword)
    base = base.where((eb) =>
      eb.or([eb('subject_name', 'like', likeContains(q.keyword!)), eb('uscc', '=', q.keyword!.toUpperCase())]),
    );
  const [rows, total] = await Promise.all([
    base
      .select(['task_no', 'subject_name', 'uscc', 'plan_title', 'inspected_on', 'departments', 'published_at'])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset(offsetOf(q))
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
