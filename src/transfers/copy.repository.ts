import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf } from '../shared/paging';
import type { CopyQuery } from './copy.schemas';
import type { CopyNoticeTable, CopyRecipientTable } from './transfer.table';

export const insertCopy = async (trx: Db, values: Insertable<CopyNoticeTable>): Promise<number> =>
  Number((await trx.insertInto('copy_notices').values(values).returning('id').executeTakeFirstOrThrow()).id);

export const insertRecipients = (trx: Db, rows: Insertable<CopyRecipientTable>[]) =>
  trx.insertInto('copy_recipients').values(rows).execute();

export const findCopyByNo = (db: Db, copyNo: string) =>
  db
    .selectFrom('copy_notices as c')
    .innerJoin('departments as d', 'd.id', 'c.sender_department_id')
    .selectAll('c')
    .select('d.name as sender_name')
    .where('c.copy_no', '=', copyNo)
    .executeTakeFirst();

export const recipientsOf = (db: Db, copyId: number) =>
  db
    .selectFrom('copy_recipients as r')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .select(['r.department_id', 'd.name', 'r.read_at', 'r.read_by_name', 'r.reply'])
    .where('r.copy_id', '=', copyId)
    .orderBy('d.name')
    .execute();

export const lockRecipient = (trx: Db, copyId: number, departmentId: number) =>
  trx
    .selectFrom('copy_recipients')
    .selectAll()
    .where('copy_id', '=', copyId)
    .where('department_id', '=', departmentId)
    .forUpdate()
    .executeTakeFirst();

export const markRead = (trx: Db, copyId: number, departmentId: number, now: Date, by: string, reply: string) =>
  trx
    .updateTable('copy_recipients')
    .set({ read_at: now, read_by_name: by, reply: reply || null, replied_at: reply ? now : null })
    .where('copy_id', '=', copyId)
    .where('department_id', '=', departmentId)
    .execute();

export async function pageCopies(db: Db, q: CopyQuery, departmentId: number | null, mine: number) {
  const isRecipient = (dept: number) =>
    sql<boolean>`EXISTS (SELECT 1 FROM copy_recipients r WHERE r.copy_id = c.id AND r.department_id = ${dept})`;
  let query = db
    .selectFrom('copy_notices as c')
    .innerJoin('departments as d', 'd.id', 'c.sender_department_id')
    .select([
      'c.id',
      'c.copy_no',
      'c.about',
      'c.title',
      'c.subject_name',
      'c.sender_department_id',
      'd.name as sender_name',
      'c.created_at',
      sql<string>`(SELECT count(*) FROM copy_recipients r WHERE r.copy_id = c.id)`.as('recipients'),
      sql<string>`(SELECT count(*) FROM copy_recipients r WHERE r.copy_id = c.id AND r.read_at IS NOT NULL)`.as('read'),
      sql<
        boolean | null
      >`(SELECT r.read_at IS NOT NULL FROM copy_recipients r WHERE r.copy_id = c.id AND r.department_id = ${mine})`.as(
        'read_by_mine',
      ),
    ]);
  if (q.box === 'sent') query = query.where('c.sender_department_id', '=', mine);
  if (q.box === 'received') query = query.where(isRecipient(mine));
  if (departmentId !== null)
    query = query.where((eb) => eb.or([eb('c.sender_department_id', '=', departmentId), isRecipient(departmentId)]));
  if (q.unread)
    query = query.where(
      sql<boolean>`EXISTS (SELECT 1 FROM copy_recipients r WHERE r.copy_id = c.id AND r.department_id = ${mine} AND r.read_at IS NULL)`,
    );
  if (q.keyword) {
    const like = likeContains(q.keyword);
    query = query.where((eb) =>
      eb.or([eb('c.copy_no', 'like', like), eb('c.title', 'like', like), eb('c.subject_name', 'like', like)]),
    );
  }
  const [items, count] = await Promise.all([
    query.orderBy('c.id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
    query
      .clearSelect()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
