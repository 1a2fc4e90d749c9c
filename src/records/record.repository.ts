import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type {
  BusinessRegistrationTable,
  LicenceRecordTable,
  PenaltyRecordTable,
  ReceivedRecordVersionTable,
  RecordKind,
} from './record.table';

export type RegistrationRow = Selectable<BusinessRegistrationTable>;
export type LicenceRow = Selectable<LicenceRecordTable>;
export type PenaltyRow = Selectable<PenaltyRecordTable>;

/** The stored record of a sender's record id, locked for the change that follows (two deliveries at once wait). */
export const lockRegistration = (trx: Db, senderDepartmentId: number, senderRecordId: string) =>
  trx
    .selectFrom('business_registrations')
    .selectAll()
    .where('sender_department_id', '=', senderDepartmentId)
    .where('sender_record_id', '=', senderRecordId)
    .forUpdate()
    .executeTakeFirst();
export const lockLicence = (trx: Db, senderDepartmentId: number, senderRecordId: string) =>
  trx
    .selectFrom('licence_records')
    .selectAll()
    .where('sender_department_id', '=', senderDepartmentId)
    .where('sender_record_id', '=', senderRecordId)
    .forUpdate()
    .executeTakeFirst();
export const lockPenalty = (trx: Db, senderDepartmentId: number, senderRecordId: string) =>
  trx
    .selectFrom('penalty_records')
    .selectAll()
    .where('sender_department_id', '=', senderDepartmentId)
    .where('sender_record_id', '=', senderRecordId)
    .forUpdate()
    .executeTakeFirst();

/**
 * Serialises first deliveries of one sender record id (two at once would both find nothing and both insert; the
 * unique key would refuse the second with a database error instead of an answer).
 */
export async function lockSenderRecord(trx: Db, kind: RecordKind, senderDepartmentId: number, senderRecordId: string) {
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${`${kind}:${senderDepartmentId}:${senderRecordId}`}))`.execute(
    trx,
  );
}

export const insertRegistration = (trx: Db, values: Insertable<BusinessRegistrationTable>) =>
  trx.insertInto('business_registrations').values(values).returningAll().executeTakeFirstOrThrow();
export const updateRegistration = (trx: Db, id: number, values: Updateable<BusinessRegistrationTable>) =>
  trx.updateTable('business_registrations').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
export const insertLicence = (trx: Db, values: Insertable<LicenceRecordTable>) =>
  trx.insertInto('licence_records').values(values).returningAll().executeTakeFirstOrThrow();
export const updateLicence = (trx: Db, id: number, values: Updateable<LicenceRecordTable>) =>
  trx.updateTable('licence_records').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
export const insertPenalty = (trx: Db, values: Insertable<PenaltyRecordTable>) =>
  trx.insertInto('penalty_records').values(values).returningAll().executeTakeFirstOrThrow();
export const updatePenalty = (trx: Db, id: number, values: Updateable<PenaltyRecordTable>) =>
  trx.updateTable('penalty_records').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function insertVersion(trx: Db, values: Insertable<ReceivedRecordVersionTable>): Promise<void> {
  await trx.insertInto('received_record_versions').values(values).execute();
}

/** The payload of one stored version (the audit's "before" of a change). */
export const versionPayload = (trx: Db, kind: RecordKind, recordId: number, version: number) =>
  trx
    .selectFrom('received_record_versions')
    .select('payload')
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .where('version', '=', version)
    .executeTakeFirst();

/** Serialises the numbering of one registration series (DJZC2026-…) within the transaction. */
export async function nextRegistrationNo(trx: Db, year: string): Promise<string> {
  const prefix = `DJZC${year}-`;
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${prefix}))`.execute(trx);
  // A range, not LIKE: the unique index on registration_no answers it under any collation (no scan of the series).
  const row = await trx
    .selectFrom('business_registrations')
    .select('registration_no')
    .where('registration_no', '>=', `${prefix}000000`)
    .where('registration_no', '<=', `${prefix}999999`)
    .orderBy('registration_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  const last = row ? Number(row.registration_no.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(6, '0')}`;
}

/** A task by its number, with its subject (a penalty names the inspection it follows). */
export const findTaskByNo = (db: Db, taskNo: string) =>
  db.selectFrom('inspection_tasks').select(['id', 'subject_id']).where('task_no', '=', taskNo).executeTakeFirst();

/** One stored cipher of each kind (`v1.<key id>.…`), to tell which key the database was encrypted with. */
export async function storedCiphers(db: Db): Promise<string[]> {
  const licence = await db
    .selectFrom('licence_records')
    .select('id_number_cipher as cipher')
    .where('id_number_cipher', 'like', 'v1.%')
    .limit(1)
    .executeTakeFirst();
  const penalty = await db
    .selectFrom('penalty_records')
    .select('id_number_cipher as cipher')
    .where('id_number_cipher', 'like', 'v1.%')
    .limit(1)
    .executeTakeFirst();
  return [licence?.cipher, penalty?.cipher].filter((c): c is string => typeof c === 'string');
}
