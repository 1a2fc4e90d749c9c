import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectorConflictTable } from './inspector.table';

export const findConflict = (db: Db, inspectorId: number, subjectId: number) =>
  db
    .selectFrom('inspector_conflicts')
    .select('declared_on')
    .where('inspector_id', '=', inspectorId)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();

export async function insertConflict(db: Db, values: Insertable<InspectorConflictTable>): Promise<void> {
  await db.insertInto('inspector_conflicts').values(values).execute();
}

/** Deletes a declaration and returns what it said; undefined when there was none. */
export const deleteConflict = (db: Db, inspectorId: number, subjectId: number) =>
  db
    .deleteFrom('inspector_conflicts')
    .where('inspector_id', '=', inspectorId)
    .where('subject_id', '=', subjectId)
    .returning(['reason', 'declared_on'])
    .executeTakeFirst();
