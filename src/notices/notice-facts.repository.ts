import type { Db } from '../db/database';

export const listSamplingItemsByCode = (db: Db, codes: readonly string[]) =>
  db
    .selectFrom('sampling_items')
    .select(['id', 'code', 'method'])
    .where('code', 'in', [...codes])
    .execute();

/** The current check items of the sampling items, in list order. */
export const listCheckItemsOf = (db: Db, samplingItemIds: readonly number[]) =>
  db
    .selectFrom('sampling_item_check_items as sc')
    .innerJoin('check_items as c', 'c.id', 'sc.check_item_id')
    .select(['sc.sampling_item_id', 'c.code', 'c.content'])
    .where('sc.sampling_item_id', 'in', [...samplingItemIds])
    .where('c.withdrawn_at', 'is', null)
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .execute();

/** The adopted annual-plan entries of the sampling items in the year, newest first (with their materials). */
export const listAdoptedPlanEntries = (db: Db, samplingItemIds: readonly number[], year: number) =>
  db
    .selectFrom('annual_plan_entries as e')
    .innerJoin('annual_plans as p', 'p.id', 'e.plan_id')
    .select(['e.sampling_item_id', 'e.materials'])
    .where('e.sampling_item_id', 'in', [...samplingItemIds])
    .where('e.status', '=', '已采纳')
    .where('p.year', '=', year)
    .orderBy('e.id', 'desc')
    .execute();

/** The visit date agreed when the task was scheduled, if it was. */
export async function findVisitDate(db: Db, taskNo: string): Promise<string | null> {
  const visit = await db
    .selectFrom('inspection_visits as v')
    .innerJoin('inspection_tasks as t', 't.id', 'v.task_id')
    .select('v.visit_on')
    .where('t.task_no', '=', taskNo)
    .executeTakeFirst();
  return visit?.visit_on ?? null;
}
