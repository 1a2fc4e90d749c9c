import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionQueryCodeTable } from './notice.table';

/** The subject's name and registered contact (the subject register's). */
export const findSubjectContact = (db: Db, uscc: string) =>
  db
    .selectFrom('subjects')
    .select(['name', 'contact_phone', 'contact_email'])
    .where('uscc', '=', uscc)
    .executeTakeFirst();

export async function departmentNameOf(db: Db, departmentId: number | null): Promise<string | null> {
  if (departmentId === null) return null;
  const row = await db.selectFrom('departments').select('name').where('id', '=', departmentId).executeTakeFirst();
  return row?.name ?? null;
}

/** Replaces the code's 查询码 hash: the 查询码 given before stops working at once. */
export async function replaceQueryCodeHash(trx: Db, codeId: number, hash: string): Promise<void> {
  await trx.updateTable('inspection_codes').set({ query_code_hash: hash }).where('id', '=', codeId).execute();
}

/** Marks the 查询码 issues of the code still current as replaced. */
export async function supersedeQueryCodes(trx: Db, codeId: number, now: Date): Promise<void> {
  await trx
    .updateTable('inspection_query_codes')
    .set({ superseded_at: now })
    .where('code_id', '=', codeId)
    .where('superseded_at', 'is', null)
    .execute();
}

export async function insertQueryCodeIssue(trx: Db, values: Insertable<InspectionQueryCodeTable>): Promise<void> {
  await trx.insertInto('inspection_query_codes').values(values).execute();
}

/** The 查询码 issues of a code, newest first, with the issuer's name. */
export const listQueryCodeIssues = (db: Db, codeId: number) =>
  db
    .selectFrom('inspection_query_codes as q')
    .leftJoin('users as u', 'u.id', 'q.issued_by')
    .select([
      'q.id',
      'q.issued_at',
      'q.reissue',
      'q.channel',
      'q.contact_masked',
      'q.outbound_message_id',
      'q.superseded_at',
      'u.name as issued_by_name',
    ])
    .where('q.code_id', '=', codeId)
    .orderBy('q.id', 'desc')
    .execute();
