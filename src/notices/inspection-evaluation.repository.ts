import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionEvaluationTable } from './notice.table';

/** The departments whose part of the task the subject has evaluated. */
export async function evaluatedDepartments(db: Db, taskId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('inspection_evaluations')
    .select('department_id')
    .where('task_id', '=', taskId)
    .execute();
  return new Set(rows.map((r) => Number(r.department_id)));
}

/** Locks the task row, so two evaluations of one task are serialised. */
export async function lockTaskForEvaluation(trx: Db, taskId: number): Promise<void> {
  await trx.selectFrom('inspection_tasks').select('id').where('id', '=', taskId).forUpdate().execute();
}

/** Inserts the evaluation unless the department's part of the task has one already; whether it was inserted. */
/** The new evaluation's id, or null when the department's part was already evaluated. */
export async function insertEvaluation(trx: Db, values: Insertable<InspectionEvaluationTable>): Promise<number | null> {
  const inserted = await trx
    .insertInto('inspection_evaluations')
    .values(values)
    .onConflict((oc) => oc.columns(['task_id', 'department_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** The task's evaluations with the department evaluated and the token id of the code each came through. */
export const listTaskEvaluations = (db: Db, taskId: number) =>
  db
    .selectFrom('inspection_evaluations as e')
    .innerJoin('inspection_codes as c', 'c.id', 'e.code_id')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .select([
      'e.id',
      'c.token_id',
      'd.name as department',
      'e.satisfaction',
      'e.comments',
      'e.complaint',
      'e.complaint_text',
      'e.submitted_at',
    ])
    .where('e.task_id', '=', taskId)
    .orderBy('e.id')
    .execute();
