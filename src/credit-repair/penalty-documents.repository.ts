import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { PenaltyDocumentSetTable } from './credit-repair.table';

/** The penalty decision as the documents cite it, with its department and its publication. */
export const findPenaltyFacts = (db: Db, penaltyId: number) =>
  db
    .selectFrom('penalty_records as p')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .leftJoin('departments as s', 's.id', 'p.sender_department_id')
    .leftJoin('publications as pub', (j) => j.onRef('pub.record_id', '=', 'p.id').on('pub.kind', '=', '行政处罚'))
    .select([
      'p.id',
      'p.decision_doc_no',
      'p.counterpart_category',
      'p.counterpart_name',
      'p.uscc',
      'p.legal_representative',
      'p.id_number_masked',
      'p.department_id',
      'p.sender_department_id',
      'p.decided_on',
      'p.violation_type',
      'p.violation_facts',
      'p.legal_basis',
      'p.categories',
      'p.content',
      'p.fine_amount',
      'p.confiscated_amount',
      'p.licence_affected',
      'p.publicity_until',
      'p.authority_name',
      'p.authority_uscc',
      'p.status',
      'p.version',
      'd.name as department_name',
      's.name as sender_department_name',
      'pub.status as publication_status',
      'pub.due_on as publication_due_on',
      'pub.published_at',
    ])
    .where('p.id', '=', penaltyId)
    .executeTakeFirst();
export type PenaltyFacts = NonNullable<Awaited<ReturnType<typeof findPenaltyFacts>>>;

export const findSetOfPenalty = (db: Db, penaltyId: number) =>
  db.selectFrom('penalty_document_sets').selectAll().where('penalty_id', '=', penaltyId).executeTakeFirst();

export const lockSetOfPenalty = (trx: Db, penaltyId: number) =>
  trx
    .selectFrom('penalty_document_sets')
    .selectAll()
    .where('penalty_id', '=', penaltyId)
    .forUpdate()
    .executeTakeFirst();

/** The document sets of a subject (the 查询码 on a set's 《信用修复告知书》 is checked against them). */
export const setsOfUscc = (db: Db, uscc: string) =>
  db
    .selectFrom('penalty_document_sets')
    .select(['id', 'set_no', 'penalty_id'])
    .where('uscc', '=', uscc)
    .orderBy('id', 'desc')
    .execute();

export async function insertSet(trx: Db, values: Insertable<PenaltyDocumentSetTable>): Promise<number> {
  const { id } = await trx.insertInto('penalty_document_sets').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateSet(trx: Db, id: number, values: Updateable<PenaltyDocumentSetTable>): Promise<void> {
  await trx.updateTable('penalty_document_sets').set(values).where('id', '=', id).execute();
}

export const recorderName = (db: Db, userId: number | null) =>
  userId === null
    ? Promise.resolve(undefined)
    : db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
