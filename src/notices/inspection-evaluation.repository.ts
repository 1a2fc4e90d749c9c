import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionEvaluationTable } from './notice.table';

export async function codeHasEvaluation(db: Db, codeId: number): Promise<boolean> {
  return (
    (await db.selectFrom('inspection_evaluations').select('id').where('code_id', '=', codeId).executeTakeFirst()) !==
    undefined
  );
}

export async function taskHasEvaluation(db: Db, taskId: number): Promise<boolean> {
  return (
    (await db.selectFrom('inspection_evaluations').select('id').where('task_id', '=', taskId).executeTakeFirst()) !==
    undefined
  );
}

/** Locks the task row, so two evaluations of one task are serialised. */
export async function lockTaskForEvaluation(trx: Db, taskId: number): Promise<void> {
  await trx.selectFrom('inspection_tasks').select('id').where('id', '=', taskId).forUpdate().execute();
}

/** Inserts the evaluation unless its code has one already; whether it was inserted. */
export async function insertEvaluation(trx: Db, values: Insertable<InspectionEvaluationTable>): Promise<boolean> {
  const inserted = await trx
    .insertInto('inspection_evaluations')
    .values(values)
    .onConflict((oc) => oc.column('code_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The task's evaluations with the token id of the code each came through. */
export const listTaskEvaluations = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_evaluations as e')
    .innerJoin('inspection_codes as c', 'c.id', 'e.code_id')
    .select(['e.id', 'c.token_id', 'e.satisfaction', 'e.comments', 'e.complaint', 'e.complaint_text', 'e.submitted_at'])
    .where('e.task_id', '=', taskId)
    .orderBy('e.id')
    .execute();
