import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionVisitChangeTable, InspectionVisitTable } from './inspection.table';

/** The task's visit (planned date and check-in), if it has one. */
export const findVisit = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_visits')
    .select(['visit_on', 'checked_in_at', 'checked_in_on'])
    .where('task_id', '=', taskId)
    .executeTakeFirst();

export async function insertVisit(trx: Db, values: Insertable<InspectionVisitTable>): Promise<void> {
  await trx.insertInto('inspection_visits').values(values).execute();
}

export async function updateVisit(trx: Db, taskId: number, values: Updateable<InspectionVisitTable>): Promise<void> {
  await trx.updateTable('inspection_visits').set(values).where('task_id', '=', taskId).execute();
}

export async function insertVisitChange(trx: Db, values: Insertable<InspectionVisitChangeTable>): Promise<void> {
  await trx.insertInto('inspection_visit_changes').values(values).execute();
}

/** The visit with the name of the inspector who checked in. */
export const findVisitWithInspector = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_visits as v')
    .leftJoin('inspectors as i', 'i.id', 'v.checked_in_by')
    .select(['v.visit_on', 'v.checked_in_at', 'v.checked_in_on', 'i.name'])
    .where('v.task_id', '=', taskId)
    .executeTakeFirst();

export const listVisitChanges = (db: Db, taskId: number) =>
  db.selectFrom('inspection_visit_changes').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
