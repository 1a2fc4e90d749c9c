import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionObjectKind, InspectionObjectTable } from './inspection-object.table';

const withLinks = (db: Db) =>
  db
    .selectFrom('inspection_objects as o')
    .innerJoin('subjects as s', 's.id', 'o.responsible_subject_id')
    .innerJoin('departments as d', 'd.id', 'o.department_id')
    .selectAll('o')
    .select(['s.uscc as subject_uscc', 's.name as subject_name', 'd.name as department_name']);

/** An inspection object with its responsible subject's USCC and name and its department's name. */
export type LinkedInspectionObject = Awaited<ReturnType<ReturnType<typeof withLinks>['executeTakeFirstOrThrow']>>;

export const findLinkedObject = (db: Db, id: number): Promise<LinkedInspectionObject | undefined> =>
  withLinks(db).where('o.id', '=', id).executeTakeFirst();

export const linkedObjectsOfSubject = (db: Db, subjectId: number): Promise<LinkedInspectionObject[]> =>
  withLinks(db).where('o.responsible_subject_id', '=', subjectId).orderBy('o.id').execute();

/** The object of this kind with this identifier in the department's register, if any. */
export const findObjectByIdentifier = (db: Db, kind: InspectionObjectKind, identifier: string, departmentId: number) =>
  db
    .selectFrom('inspection_objects')
    .select(['id', 'name'])
    .where('kind', '=', kind)
    .where('identifier', '=', identifier)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();

export async function insertInspectionObject(db: Db, values: Insertable<InspectionObjectTable>): Promise<number> {
  const { id } = await db.insertInto('inspection_objects').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateInspectionObject(
  db: Db,
  id: number,
  values: Updateable<InspectionObjectTable>,
): Promise<void> {
  await db.updateTable('inspection_objects').set(values).where('id', '=', id).execute();
}
