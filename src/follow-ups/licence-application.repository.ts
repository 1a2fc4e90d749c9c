import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { ApplicationStatus, LicenceApplicationTable } from './follow-up.table';

export async function findApplicationBySender(db: Db, departmentId: number, senderRecordId: string) {
  return db
    .selectFrom('licence_applications')
    .select('id')
    .where('sender_department_id', '=', departmentId)
    .where('sender_record_id', '=', senderRecordId)
    .executeTakeFirst();
}

export async function insertApplication(trx: Db, values: Insertable<LicenceApplicationTable>): Promise<number> {
  const { id } = await trx.insertInto('licence_applications').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateApplication(trx: Db, id: number, values: Updateable<LicenceApplicationTable>) {
  await trx.updateTable('licence_applications').set(values).where('id', '=', id).execute();
}

/** Open applications of a subject, to be concluded by its licence. */
export async function openApplicationsOf(db: Db, uscc: string) {
  return db
    .selectFrom('licence_applications')
    .select(['id', 'application_no', 'approval_item_code'])
    .where('uscc', '=', uscc)
    .where('status', '=', '办理中')
    .orderBy('id')
    .execute();
}

export async function latestRegistrationOf(db: Db, uscc: string) {
  return db
    .selectFrom('business_registrations')
    .select(['id', 'subject_id'])
    .where('uscc', '=', uscc)
    .orderBy('registered_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export interface ApplicationFilter {
  ids?: number[];
  departmentId?: number | null;
  status?: ApplicationStatus;
}

export async function findApplications(db: Db, f: ApplicationFilter) {
  let q = db
    .selectFrom('licence_applications as a')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .leftJoin('licence_records as l', 'l.id', 'a.licence_id')
    .select([
      'a.id',
      'a.application_no',
      'a.channel',
      'a.uscc',
      'a.applicant_name',
      'a.approval_item_code',
      'a.approval_item_name',
      'a.department_id',
      'd.name as department_name',
      'a.accepted_on',
      'a.statutory_days',
      'a.promised_days',
      'a.status',
      'a.concluded_on',
      'l.decision_doc_no',
      'l.certificate_no',
    ])
    .orderBy('a.status')
    .orderBy('a.accepted_on')
    .orderBy('a.id');
  if (f.ids) q = q.where('a.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.departmentId) q = q.where('a.department_id', '=', f.departmentId);
  if (f.status) q = q.where('a.status', '=', f.status);
  return q.limit(2000).execute();
}
