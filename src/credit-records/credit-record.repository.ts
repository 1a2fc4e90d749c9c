import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { CreditRecordHistoryTable, CreditRecordTable, CreditSource } from './credit-record.table';

/**
 * Serialises writes of one source record (two deliveries at once would both find nothing and both insert), then
 * returns the credit record it already has, locked.
 */
export async function lockBySource(trx: Db, source: CreditSource, sourceRef: string) {
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${`credit:${source}:${sourceRef}`}))`.execute(trx);
  return trx
    .selectFrom('credit_records')
    .selectAll()
    .where('source', '=', source)
    .where('source_ref', '=', sourceRef)
    .forUpdate()
    .executeTakeFirst();
}

export const lockCreditRecord = (trx: Db, id: number) =>
  trx.selectFrom('credit_records').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertCreditRecord = (trx: Db, values: Insertable<CreditRecordTable>) =>
  trx.insertInto('credit_records').values(values).returningAll().executeTakeFirstOrThrow();

export const updateCreditRecord = (trx: Db, id: number, values: Updateable<CreditRecordTable>) =>
  trx.updateTable('credit_records').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function insertHistory(trx: Db, values: Insertable<CreditRecordHistoryTable>): Promise<void> {
  await trx.insertInto('credit_record_history').values(values).execute();
}

export const recordHistory = (db: Db, recordId: number) =>
  db.selectFrom('credit_record_history').selectAll().where('record_id', '=', recordId).orderBy('id').execute();

/** The register's subject with this credit code (null: not in the register yet, matched later). */
export async function subjectIdByUscc(db: Db, uscc: string): Promise<number | null> {
  const row = await db.selectFrom('subjects').select('id').where('uscc', '=', uscc).executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Serialises the numbering of one year's series (XYJL2026-…) within the transaction. */
export async function nextCreditRecordNo(trx: Db, year: string): Promise<string> {
  const prefix = `XYJL${year}-`;
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${prefix}))`.execute(trx);
  const row = await trx
    .selectFrom('credit_records')
    .select('record_no')
    .where('record_no', '>=', `${prefix}000000`)
    .where('record_no', '<=', `${prefix}999999`)
    .orderBy('record_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  const last = row ? Number(row.record_no.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(6, '0')}`;
}

/** Links records sent before their subject was in the register (by credit code). */
export async function linkSubject(trx: Db, uscc: string, subjectId: number): Promise<void> {
  await trx
    .updateTable('credit_records')
    .set({ subject_id: subjectId })
    .where('uscc', '=', uscc)
    .where('subject_id', 'is', null)
    .execute();
}

/** The records one source keeps under a prefix of its refs (a task's per-department records). */
export const recordsBySourcePrefix = (db: Db, source: CreditSource, prefix: string) =>
  db
    .selectFrom('credit_records')
    .selectAll()
    .where('source', '=', source)
    .where('source_ref', '>=', prefix)
    .where('source_ref', '<', `${prefix}\uffff`)
    .execute();

export const findBySource = (db: Db, source: CreditSource, sourceRef: string) =>
  db
    .selectFrom('credit_records')
    .select('id')
    .where('source', '=', source)
    .where('source_ref', '=', sourceRef)
    .executeTakeFirst();
