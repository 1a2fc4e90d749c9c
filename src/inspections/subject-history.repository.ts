import type { Db } from '../db/database';

export async function subjectExists(db: Db, subjectId: number): Promise<boolean> {
  return (await db.selectFrom('subjects').select('id').where('id', '=', subjectId).executeTakeFirst()) !== undefined;
}

/** The tasks' check-in day and whether their result is published. */
export const listTaskInspectionFacts = (db: Db, taskNos: readonly string[]) =>
  db
    .selectFrom('inspection_tasks as t')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .leftJoin('published_results as p', 'p.task_id', 't.id')
    .select(['t.id', 't.task_no', 'v.checked_in_on', 'p.id as published_id'])
    .where('t.task_no', 'in', [...taskNos])
    .execute();
