import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { AssistanceQuery } from './assistance.schemas';
import type { AssistanceRequestTable } from './transfer.table';

export const insertRequest = async (trx: Db, values: Insertable<AssistanceRequestTable>): Promise<number> =>
  Number((await trx.insertInto('assistance_requests').values(values).returning('id').executeTakeFirstOrThrow()).id);

export const updateRequest = (trx: Db, id: number, values: Updateable<AssistanceRequestTable>) =>
  trx.updateTable('assistance_requests').set(values).where('id', '=', id).execute();

export const lockRequest = (trx: Db, requestNo: string) =>
  trx.selectFrom('assistance_requests').selectAll().where('request_no', '=', requestNo).forUpdate().executeTakeFirst();

export const requestOfTask = (trx: Db, taskId: number) =>
  trx.selectFrom('assistance_requests').selectAll().where('task_id', '=', taskId).execute();

const rows = (db: Db) =>
  db
    .selectFrom('assistance_requests as a')
    .innerJoin('departments as f', 'f.id', 'a.requesting_department_id')
    .innerJoin('departments as t', 't.id', 'a.requested_department_id')
    .select([
      'a.id',
      'a.request_no',
      'a.kind',
      'a.requesting_department_id',
      'f.name as requesting_name',
      'a.requested_department_id',
      't.name as requested_name',
      'a.help',
      'a.subject_name',
      'a.due_on',
      'a.status',
      'a.created_at',
    ]);

export async function pageRequests(db: Db, q: AssistanceQuery, departmentId: number | null, mine: number) {
  let query = rows(db);
  if (q.box === 'sent') query = query.where('a.requesting_department_id', '=', mine);
  if (q.box === 'received') query = query.where('a.requested_department_id', '=', mine);
  if (departmentId !== null)
    query = query.where((eb) =>
      eb.or([eb('a.requesting_department_id', '=', departmentId), eb('a.requested_department_id', '=', departmentId)]),
    );
  if (q.status) query = query.where('a.status', '=', q.status);
  if (q.keyword) {
    const like = likeContains(q.keyword);
    query = query.where((eb) =>
      eb.or([eb('a.request_no', 'like', like), eb('a.subject_name', 'like', like), eb('a.help', 'like', like)]),
    );
  }
  const [items, count] = await Promise.all([
    query.orderBy('a.id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
    query
      .clearSelect()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export const findRequest = (db: Db, requestNo: string) =>
  rows(db)
    .leftJoin('inspection_tasks as k', 'k.id', 'a.task_id')
    .select([
      'a.legal_ground',
      'a.subject_id',
      'a.created_by_name',
      'a.answer',
      'a.declined_reason',
      'a.answered_at',
      'k.task_no',
      'k.status as task_status',
    ])
    .where('a.request_no', '=', requestNo)
    .executeTakeFirst();

const open = ['待受理', '办理中'] as const;

export const overdueRequests = (db: Db, today: string, departmentId: number | null) =>
  rows(db)
    .where('a.status', 'in', open)
    .where('a.due_on', '<', today)
    .$if(departmentId !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('a.requesting_department_id', '=', departmentId!),
          eb('a.requested_department_id', '=', departmentId!),
        ]),
      ),
    )
    .orderBy('a.due_on')
    .execute();

export const requestsToRemind = (db: Db, today: string) =>
  rows(db)
    .where('a.status', 'in', open)
    .where('a.due_on', '<=', today)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('transfer_reminders as r')
            .select('r.item_id')
            .where('r.item_type', '=', '协查')
            .whereRef('r.item_id', '=', 'a.id')
            .whereRef('r.due_on', '=', 'a.due_on'),
        ),
      ),
    )
    .execute();

/** The department's published sampling items with these codes (what a 协查 task may check). */
export const departmentItems = (db: Db, departmentId: number, codes: string[]) =>
  db
    .selectFrom('sampling_items')
    .select(['code', 'name'])
    .where('department_id', '=', departmentId)
    .where('code', 'in', codes)
    .execute();
