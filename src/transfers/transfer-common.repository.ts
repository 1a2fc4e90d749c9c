import { type Insertable, sql } from 'kysely';
import type { Permission } from '../auth/permissions';
import type { Db } from '../db/database';
import type { ItemType, TransferEventTable, TransferReminderTable } from './transfer.table';

export const insertEvent = (db: Db, values: Insertable<TransferEventTable>) =>
  db.insertInto('transfer_events').values(values).execute();

/** The item's history in order, with the acting department's name. */
export const eventsOf = (db: Db, itemType: ItemType, itemId: number) =>
  db
    .selectFrom('transfer_events as e')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .select(['e.action', 'd.name as department_name', 'e.actor_name', 'e.note', 'e.at'])
    .where('e.item_type', '=', itemType)
    .where('e.item_id', '=', itemId)
    .orderBy('e.id')
    .execute();

export const filesOf = (db: Db, itemType: ItemType, itemId: number) =>
  db
    .selectFrom('transfer_files as f')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select(['f.id', 'f.file_name', 'd.name as department_name', 'f.uploaded_by_name', 'f.uploaded_at'])
    .where('f.item_type', '=', itemType)
    .where('f.item_id', '=', itemId)
    .orderBy('f.id')
    .execute();

/** The active users of the departments whose roles grant `permission`: who is told of a step. */
export async function departmentUsers(db: Db, departmentIds: readonly number[], permission: Permission) {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.department_id', 'in', [...departmentIds])
    .where('u.status', '=', 'active')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND ${permission} = ANY(r.permissions))`,
    )
    .execute();
  return rows.map((r) => Number(r.id));
}

export const findDepartment = (db: Db, id: number) =>
  db.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

export const findSubject = (db: Db, id: number) =>
  db.selectFrom('subjects').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

/** The penalty record (双公示) with this 行政处罚决定书文号, the latest when the number was reused. */
export const findPenaltyByDocNo = (db: Db, docNo: string) =>
  db
    .selectFrom('penalty_records')
    .select(['id', 'decision_doc_no', 'decided_on', 'content', 'counterpart_name'])
    .where('decision_doc_no', '=', docNo)
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const findPenaltyById = (db: Db, id: number) =>
  db
    .selectFrom('penalty_records')
    .select(['decision_doc_no', 'decided_on', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Records a reminder for an item's deadline; false when one was already sent for it. */
export async function claimReminder(trx: Db, values: Insertable<TransferReminderTable>): Promise<boolean> {
  const row = await trx
    .insertInto('transfer_reminders')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .returning('item_id')
    .executeTakeFirst();
  return row !== undefined;
}
