import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { AnnualPlanEntryTable, AnnualPlanJointItemTable } from './plan.table';

export const findSamplingItem = (db: Db, id: number) =>
  db
    .selectFrom('sampling_items')
    .select(['id', 'name', 'department_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();

/** The plan's entry for the sampling item, if any. */
export async function entryIdForItem(db: Db, planId: number, samplingItemId: number): Promise<number | null> {
  const row = await db
    .selectFrom('annual_plan_entries')
    .select('id')
    .where('plan_id', '=', planId)
    .where('sampling_item_id', '=', samplingItemId)
    .executeTakeFirst();
  return row ? row.id : null;
}

export const findEntry = (db: Db, planId: number, entryId: number) =>
  db
    .selectFrom('annual_plan_entries')
    .selectAll()
    .where('id', '=', entryId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();

/** The entry with its sampling item's name. */
export const findEntryWithItem = (db: Db, planId: number, entryId: number) =>
  db
    .selectFrom('annual_plan_entries as e')
    .innerJoin('sampling_items as s', 's.id', 'e.sampling_item_id')
    .select(['e.id', 'e.status', 'e.joint_item_id', 's.name'])
    .where('e.id', '=', entryId)
    .where('e.plan_id', '=', planId)
    .executeTakeFirst();

export const entriesById = (db: Db, planId: number, ids: readonly number[]) =>
  db
    .selectFrom('annual_plan_entries')
    .select(['id', 'department_id', 'joint_item_id', 'status'])
    .where('plan_id', '=', planId)
    .where('id', 'in', [...ids])
    .execute();

export async function insertEntry(db: Db, values: Insertable<AnnualPlanEntryTable>): Promise<number> {
  const { id } = await db.insertInto('annual_plan_entries').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateEntries(
  db: Db,
  ids: readonly number[],
  values: Updateable<AnnualPlanEntryTable>,
): Promise<void> {
  await db
    .updateTable('annual_plan_entries')
    .set(values)
    .where('id', 'in', [...ids])
    .execute();
}

/** How many departments have entries in the joint item. */
export async function jointItemDepartmentCount(db: Db, jointItemId: number): Promise<number> {
  const { n } = await db
    .selectFrom('annual_plan_entries')
    .select((eb) => eb.fn.count<number>('department_id').distinct().as('n'))
    .where('joint_item_id', '=', jointItemId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertJointItem(db: Db, values: Insertable<AnnualPlanJointItemTable>): Promise<number> {
  const { id } = await db
    .insertInto('annual_plan_joint_items')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Deletes the joint item (of the plan, when given); returns its name, or undefined when there was none. */
export async function deleteJointItemRow(db: Db, jointItemId: number, planId?: number): Promise<string | undefined> {
  const row = await db
    .deleteFrom('annual_plan_joint_items')
    .where('id', '=', jointItemId)
    .$if(planId !== undefined, (q) => q.where('plan_id', '=', planId!))
    .returning('name')
    .executeTakeFirst();
  return row?.name;
}

/** The revision of the year's plan being drawn up, if any. */
export async function openRevision(db: Db, year: number): Promise<number | null> {
  const row = await db
    .selectFrom('annual_plans')
    .select('revision')
    .where('year', '=', year)
    .where('status', '=', '编制中')
    .executeTakeFirst();
  return row ? row.revision : null;
}

/** Copies the plan's joint items and entries into `toPlanId` (a revision), keeping their links. */
export async function copyEntries(db: Db, fromPlanId: number, toPlanId: number, now: Date): Promise<void> {
  const joints = await db
    .selectFrom('annual_plan_joint_items')
    .selectAll()
    .where('plan_id', '=', fromPlanId)
    .orderBy('id')
    .execute();
  const jointMap = new Map<number, number>();
  for (const j of joints) {
    const { id: copy } = await db
      .insertInto('annual_plan_joint_items')
      .values({
        plan_id: toPlanId,
        name: j.name,
        initiating_department_id: j.initiating_department_id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    jointMap.set(j.id, copy);
  }
  const entries = await db
    .selectFrom('annual_plan_entries')
    .selectAll()
    .where('plan_id', '=', fromPlanId)
    .orderBy('id')
    .execute();
  if (entries.length) {
    await db
      .insertInto('annual_plan_entries')
      .values(
        entries.map(({ id: _id, plan_id: _plan, joint_item_id, ...e }) => ({
          ...e,
          plan_id: toPlanId,
          joint_item_id: joint_item_id === null ? null : jointMap.get(joint_item_id)!,
        })),
      )
      .execute();
  }
}

/** Active departments with their number of active sampling items. */
export const departmentsWithItems = (db: Db) =>
  db
    .selectFrom('sampling_items as s')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .select(['d.id', 'd.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.status', '=', '有效')
    .where('d.status', '=', 'active')
    .groupBy(['d.id', 'd.name'])
    .orderBy('d.id')
    .execute();

export const entryStates = (db: Db, planId: number) =>
  db.selectFrom('annual_plan_entries').select(['department_id', 'status']).where('plan_id', '=', planId).execute();
