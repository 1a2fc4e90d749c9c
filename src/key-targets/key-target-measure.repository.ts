import type { Db } from '../db/database';

/** The listing in force that came from `sourceRef` for the subject, if any. */
export const findOpenKeyTarget = (db: Db, subjectId: number, sourceRef: string) =>
  db
    .selectFrom('key_targets')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('source_ref', '=', sourceRef)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
