import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { LicenceFeedbackTable } from './dual-notice.table';

export const findLicence = (db: Db, id: number) =>
  db
    .selectFrom('licence_records')
    .select(['id', 'department_id', 'decided_on', 'received_at'])
    .where('id', '=', id)
    .executeTakeFirst();

/** The first delivery counts: a later version of the same licence does not make it late or on time again. */
export const insertLicenceFeedback = (db: Db, row: Insertable<LicenceFeedbackTable>) =>
  db
    .insertInto('licence_feedbacks')
    .values(row)
    .onConflict((oc) => oc.column('licence_id').doNothing())
    .execute();
