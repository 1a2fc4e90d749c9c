import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { SpecialPlanConsultationTable, SpecialPlanTable } from './plan.table';

/** Whether the department is consulted on the plan. */
export async function isConsulted(db: Db, planId: number, departmentId: number): Promise<boolean> {
  const row = await db
    .selectFrom('special_plan_consultations')
    .select('plan_id')
    .where('plan_id', '=', planId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function samplingItemsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('sampling_items')
    .select(['id', 'name', 'department_id', 'status'])
    .where('id', 'in', [...ids])
    .execute();
}

export const subjectIdsByUscc = (db: Db, usccs: readonly string[]) =>
  db
    .selectFrom('subjects')
    .select(['id', 'uscc'])
    .where('uscc', 'in', [...usccs])
    .execute();

/** How many of the departments exist and are active. */
export async function activeDepartmentCount(db: Db, ids: readonly number[]): Promise<number> {
  const rows = await db
    .selectFrom('departments')
    .select('id')
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
  return rows.length;
}

export async function insertSpecialPlan(db: Db, values: Insertable<SpecialPlanTable>): Promise<number> {
  const { id } = await db.insertInto('special_plans').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateSpecialPlan(db: Db, id: number, values: Updateable<SpecialPlanTable>): Promise<void> {
  await db.updateTable('special_plans').set(values).where('id', '=', id).execute();
}

/** Locks the plan's row. */
export async function lockSpecialPlan(trx: Db, id: number): Promise<void> {
  await trx.selectFrom('special_plans').select('id').where('id', '=', id).forUpdate().execute();
}

/** The plan's consultations become exactly `rows`. */
export async function replaceConsultations(
  trx: Db,
  planId: number,
  rows: Insertable<SpecialPlanConsultationTable>[],
): Promise<void> {
  await trx.deleteFrom('special_plan_consultations').where('plan_id', '=', planId).execute();
  await trx.insertInto('special_plan_consultations').values(rows).execute();
}

export async function updateConsultation(
  trx: Db,
  planId: number,
  departmentId: number,
  values: Updateable<SpecialPlanConsultationTable>,
): Promise<void> {
  await trx
    .updateTable('special_plan_consultations')
    .set(values)
    .where('plan_id', '=', planId)
    .where('department_id', '=', departmentId)
    .execute();
}

/** The departments that joined the plan, with the sampling items they bring. */
export const joinedConsultations = (db: Db, planId: number) =>
  db
    .selectFrom('special_plan_consultations')
    .select(['department_id', 'sampling_item_ids'])
    .where('plan_id', '=', planId)
    .where('answer', '=', '参加')
    .execute();
