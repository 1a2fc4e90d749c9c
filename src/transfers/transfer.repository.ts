import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { TransferQuery } from './transfer.schemas';
import type { CaseTransferTable } from './transfer.table';

export const insertTransfer = async (trx: Db, values: Insertable<CaseTransferTable>): Promise<number> =>
  Number((await trx.insertInto('case_transfers').values(values).returning('id').executeTakeFirstOrThrow()).id);

export const updateTransfer = (trx: Db, id: number, values: Updateable<CaseTransferTable>) =>
  trx.updateTable('case_transfers').set(values).where('id', '=', id).execute();

export const lockTransfer = (trx: Db, transferNo: string) =>
  trx.selectFrom('case_transfers').selectAll().where('transfer_no', '=', transferNo).forUpdate().executeTakeFirst();

const rows = (db: Db) =>
  db
    .selectFrom('case_transfers as x')
    .innerJoin('departments as s', 's.id', 'x.department_id')
    .select([
      'x.id',
      'x.transfer_no',
      'x.kind',
      'x.source_type',
      'x.source_ref',
      'x.subject_name',
      'x.department_id',
      's.name as sender_name',
      'x.receiver_department_id',
      'x.external_kind',
      'x.target_unit',
      'x.status',
      'x.outcome',
      'x.accept_due_on',
      'x.transferred_at',
    ]);

/** The transfers the actor's department sent or received (or all, `departmentId` null), newest first. */
export async function pageTransfers(db: Db, q: TransferQuery, departmentId: number | null, mine: number) {
  let query = rows(db);
  if (q.box === 'sent') query = query.where('x.department_id', '=', mine);
  if (q.box === 'received')
    // The sender answers for an external body, so its transfers to 公安机关 wait on the sender.
    query = query.where((eb) =>
      eb.or([
        eb('x.receiver_department_id', '=', mine),
        eb.and([
          eb('x.department_id', '=', mine),
          eb('x.external_kind', 'is not', null),
          eb('x.status', '!=', '已办结'),
        ]),
      ]),
    );
  if (departmentId !== null)
    query = query.where((eb) =>
      eb.or([eb('x.department_id', '=', departmentId), eb('x.receiver_department_id', '=', departmentId)]),
    );
  if (q.status) query = query.where('x.status', '=', q.status);
  if (q.kind) query = query.where('x.kind', '=', q.kind);
  if (q.keyword) {
    const like = likeContains(q.keyword);
    query = query.where((eb) =>
      eb.or([eb('x.transfer_no', 'like', like), eb('x.subject_name', 'like', like), eb('x.target_unit', 'like', like)]),
    );
  }
  const [items, count] = await Promise.all([
    query.orderBy('x.id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
    query
      .clearSelect()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export const findTransfer = (db: Db, transferNo: string) =>
  rows(db)
    .leftJoin('check_items as c', 'c.id', 'x.check_item_id')
    .select([
      'x.reason',
      'x.legal_ground',
      'x.transferred_by_name',
      'x.check_item_id',
      'c.content as check_content',
      'x.result',
      'x.result_notes',
      'x.photo_ids',
      'x.returned_reason',
      'x.receipt_no',
      'x.case_no',
      'x.penalty_record_id',
      'x.outcome_notes',
    ])
    .where('x.transfer_no', '=', transferNo)
    .executeTakeFirst();

/** Transfers waiting for acceptance past their deadline (of one department's, as sender or receiver, when given). */
export const overdueTransfers = (db: Db, today: string, departmentId: number | null) =>
  rows(db)
    .where('x.status', '=', '待受理')
    .where('x.accept_due_on', '<', today)
    .$if(departmentId !== null, (q) =>
      q.where((eb) =>
        eb.or([eb('x.department_id', '=', departmentId!), eb('x.receiver_department_id', '=', departmentId!)]),
      ),
    )
    .orderBy('x.accept_due_on')
    .execute();

/** Transfers whose acceptance is due by `today` and not yet reminded for that deadline. */
export const transfersToRemind = (db: Db, today: string) =>
  rows(db)
    .where('x.status', '=', '待受理')
    .where('x.accept_due_on', '<=', today)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('transfer_reminders as r')
            .select('r.item_id')
            .where('r.item_type', '=', '移送')
            .whereRef('r.item_id', '=', 'x.id')
            .whereRef('r.due_on', '=', 'x.accept_due_on'),
        ),
      ),
    )
    .execute();
