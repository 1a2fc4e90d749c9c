import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { SamplingScope } from '../items/sampling-item.table';
import type { ComplaintDispatchRuleTable } from './complaint-dispatch.table';

export const enabledDispatchRules = (db: Db) =>
  db.selectFrom('complaint_dispatch_rules').selectAll().where('enabled', '=', true).execute();

export const listDispatchRules = (db: Db) =>
  db
    .selectFrom('complaint_dispatch_rules as r')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .leftJoin('complaint_matters as m', 'm.code', 'r.matter_code')
    .selectAll('r')
    .select(['d.name as department_name', 'm.name as matter_name'])
    .orderBy('r.priority')
    .orderBy('r.id')
    .execute();

export const findDispatchRule = (db: Db, id: number) =>
  db.selectFrom('complaint_dispatch_rules').selectAll().where('id', '=', id).executeTakeFirst();

export const insertDispatchRule = async (db: Db, values: Insertable<ComplaintDispatchRuleTable>) =>
  Number((await db.insertInto('complaint_dispatch_rules').values(values).returning('id').executeTakeFirstOrThrow()).id);

export const updateDispatchRule = (db: Db, id: number, patch: Updateable<ComplaintDispatchRuleTable>) =>
  db.updateTable('complaint_dispatch_rules').set(patch).where('id', '=', id).execute();

export const deleteDispatchRule = (db: Db, id: number) =>
  db.deleteFrom('complaint_dispatch_rules').where('id', '=', id).execute();

/** The sampling items in force with their department and object scope (whose scope covers a subject). */
export const itemsInForce = (db: Db, departmentId?: number) => {
  let q = db
    .selectFrom('sampling_items')
    .select(['code', 'name', 'department_id', 'scope'])
    .where('status', '=', '有效')
    .orderBy('code');
  if (departmentId !== undefined) q = q.where('department_id', '=', departmentId);
  return q.execute() as Promise<{ code: string; name: string; department_id: number; scope: SamplingScope }[]>;
};

export const activeDepartmentIds = async (db: Db, ids: readonly number[]): Promise<number[]> =>
  ids.length === 0
    ? []
    : (
        await db
          .selectFrom('departments')
          .select('id')
          .where('id', 'in', [...ids])
          .where('status', '=', 'active')
          .execute()
      ).map((r) => Number(r.id));
