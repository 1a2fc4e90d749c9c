import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionCodeRow, InspectionCodeTable } from './notice.table';

export async function findTaskId(db: Db, taskNo: string): Promise<number> {
  const row = await db
    .selectFrom('inspection_tasks')
    .select('id')
    .where('task_no', '=', taskNo)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The task's subject and window with its row locked, so two issues of one task are serialised. */
export const lockTaskForCode = (trx: Db, taskNo: string) =>
  trx
    .selectFrom('inspection_tasks')
    .select(['id', 'uscc', 'window_from', 'window_to'])
    .where('task_no', '=', taskNo)
    .forUpdate()
    .executeTakeFirstOrThrow();

/** The task's codes, newest first. */
export const listTaskCodes = (db: Db, taskId: number): Promise<InspectionCodeRow[]> =>
  db.selectFrom('inspection_codes').selectAll().where('task_id', '=', taskId).orderBy('id', 'desc').execute();

/** The task's current (not revoked) code; with `lock`, its row is locked. */
export const findCurrentCode = (db: Db, taskId: number, options: { lock?: boolean } = {}) =>
  db
    .selectFrom('inspection_codes')
    .select(['id', 'token_id', 'token', 'department_id', 'expires_at'])
    .where('task_id', '=', taskId)
    .where('revoked_at', 'is', null)
    .$if(options.lock === true, (q) => q.forUpdate())
    .executeTakeFirst();

/** Inserts a code; its id. */
export async function insertCode(trx: Db, values: Insertable<InspectionCodeTable>): Promise<number> {
  const row = await trx.insertInto('inspection_codes').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function markCodeRevoked(
  trx: Db,
  id: number,
  revocation: { revoked_at: Date; revoked_by: number; revoke_reason: string },
): Promise<void> {
  await trx.updateTable('inspection_codes').set(revocation).where('id', '=', id).execute();
}

export const findCodeByTokenId = (db: Db, tokenId: string): Promise<InspectionCodeRow | undefined> =>
  db.selectFrom('inspection_codes').selectAll().where('token_id', '=', tokenId).executeTakeFirst();

/** The codes of the subject's tasks whose 查询码 has the given hash, newest first. */
export const listCodesByQueryCode = (db: Db, uscc: string, queryCodeHash: string) =>
  db
    .selectFrom('inspection_codes as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .select(['c.token', 't.task_no'])
    .where('t.uscc', '=', uscc)
    .where('c.query_code_hash', '=', queryCodeHash)
    .orderBy('c.id', 'desc')
    .execute();

/** The USCC of a task that has a current code, if it has one. */
export async function currentCodeSubject(db: Db, taskNo: string): Promise<string | null> {
  const row = await db
    .selectFrom('inspection_codes as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .select('t.uscc')
    .where('t.task_no', '=', taskNo)
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.uscc ?? null;
}

/** Whether a current code of the task has the given 查询码 hash. */
export async function currentCodeHasQueryCode(db: Db, taskNo: string, queryCodeHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('inspection_codes as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .select('c.id')
    .where('t.task_no', '=', taskNo)
    .where('c.revoked_at', 'is', null)
    .where('c.query_code_hash', '=', queryCodeHash)
    .executeTakeFirst();
  return row !== undefined;
}
