import { type RawBuilder, sql } from 'kysely';
import type { Permission } from '../auth/permissions';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { NotificationKind } from './notification.table';

/**
 * Writes notifications and their outbound messages from a query yielding the columns
 * (user_id, kind, title, body, link, task_no): one INSERT … SELECT however many rows, so a draw publishing
 * tens of thousands of tasks costs one statement. Disabled users get nothing. Returns the count.
 */
export async function insertNotificationsFrom(trx: Db, now: Date, rows: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ count: string | number }>`
    WITH targets AS (${rows}),
    created AS (
      INSERT INTO notifications (user_id, kind, title, body, link, task_no, created_at)
      SELECT t.user_id, t.kind, t.title, t.body, t.link, t.task_no, ${now}::timestamptz
      FROM targets t JOIN users u ON u.id = t.user_id AND u.status = 'active'
      RETURNING id
    ),
    queued AS (
      INSERT INTO outbound_messages (notification_id, status, attempts, next_attempt_at, created_at)
      SELECT id, '待发送', 0, ${now}::timestamptz, ${now}::timestamptz FROM created
      RETURNING id
    )
    SELECT count(*) AS count FROM queued
  `.execute(trx);
  return Number(result.rows[0]?.count ?? 0);
}

/** One notification (and outbound message) to each of `userIds`. */
export function insertNotificationsTo(
  trx: Db,
  now: Date,
  userIds: readonly number[],
  n: { kind: NotificationKind; title: string; body: string; link: string | null; taskNo: string | null },
): Promise<number> {
  return insertNotificationsFrom(
    trx,
    now,
    sql`
    SELECT uid AS user_id, ${n.kind}::text AS kind, ${n.title}::text AS title, ${n.body}::text AS body, ${n.link}::text AS link, ${n.taskNo}::text AS task_no
    FROM unnest(${[...userIds]}::bigint[]) AS uid
  `,
  );
}

/** 任务公告发布: a notification for each published task of the draw record to each of its inspectors' users. */
export function insertAnnouncementNotifications(trx: Db, now: Date, drawRecordId: number): Promise<number> {
  return insertNotificationsFrom(
    trx,
    now,
    sql`
    SELECT DISTINCT i.user_id, 'task_published' AS kind,
      '新检查任务 ' || t.task_no || '（' || s.name || '）' AS title,
      '检查期 ' || t.window_from || ' 至 ' || t.window_to || '，请在检查期内排期并入企检查。' AS body,
      '/m/tasks/' || t.task_no AS link,
      t.task_no
    FROM inspection_tasks t
    JOIN subjects s ON s.id = t.subject_id
    JOIN inspection_task_inspectors ti ON ti.task_id = t.id
    JOIN inspectors i ON i.id = ti.inspector_id
    WHERE t.draw_record_id = ${drawRecordId} AND t.status = '已发布' AND i.user_id IS NOT NULL
  `,
  );
}

/** SQL condition: the user `userColumn` has a role granting `permission`. */
export const grants = (userColumn: RawBuilder<unknown>, permission: Permission) =>
  sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = ${userColumn} AND ${permission} = ANY(r.permissions))`;

/** The users linked to the task's inspectors (optionally only those assigned for one department). */
export async function taskInspectorUsers(trx: Db, taskId: number, departmentId?: number): Promise<number[]> {
  let q = trx
    .selectFrom('inspection_task_inspectors as ti')
    .innerJoin('inspectors as i', 'i.id', 'ti.inspector_id')
    .select('i.user_id')
    .distinct()
    .where('ti.task_id', '=', taskId)
    .where('i.user_id', 'is not', null);
  if (departmentId !== undefined) q = q.where('ti.department_id', '=', departmentId);
  return (await q.execute()).map((r) => Number(r.user_id));
}

const mine = (db: Db, userId: number) => db.selectFrom('notifications').where('user_id', '=', userId);

export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await mine(db, userId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user's notifications (only unread ones, when asked), unread first, newest first. */
export async function pageNotifications(
  db: Db,
  userId: number,
  q: { unread?: boolean; limit: number; offset: number },
) {
  let base = mine(db, userId);
  if (q.unread) base = base.where('read_at', 'is', null);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end())
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ]);
  return { total: Number(total), rows };
}

export const findNotification = (db: Db, userId: number, id: number) =>
  mine(db, userId).selectAll().where('id', '=', id).executeTakeFirst();

/** Marks the user's unread notifications read (one, when `id` is given); returns how many. */
export async function markNotificationsRead(db: Db, userId: number, now: Date, id?: number): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .$if(id !== undefined, (q) => q.where('id', '=', id!))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// A user's message, or a message to a contact outside the platform (no notification, no user).
const outboundBase = (db: Db) =>
  db
    .selectFrom('outbound_messages as m')
    .leftJoin('notifications as n', 'n.id', 'm.notification_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('outbound_contact_messages as c', 'c.message_id', 'm.id')
    .leftJoin('outbound_data_messages as d', 'd.message_id', 'm.id');
const recipientName = sql<string>`coalesce(u.name, c.recipient_name, d.recipient_name, '')`;
const taskNoOf = sql<string | null>`coalesce(n.task_no, c.task_no)`;
const outboundColumns = [
  'm.id',
  'm.status',
  'm.attempts',
  'm.last_error',
  'm.next_attempt_at',
  'm.sent_at',
  'm.created_at',
  recipientName.as('name'),
  sql<string>`coalesce(u.username, '')`.as('username'),
  sql<string>`coalesce(u.phone, c.phone, c.email, '')`.as('phone'),
  sql<string>`coalesce(n.title, c.title, d.title, '')`.as('title'),
  sql<string>`coalesce(n.body, c.body, '')`.as('body'),
  taskNoOf.as('task_no'),
  sql<boolean>`c.message_id IS NOT NULL`.as('to_contact'),
] as const;
const outboundRows = (db: Db) => outboundBase(db).select(outboundColumns);
export type OutboundRow = Awaited<ReturnType<ReturnType<typeof outboundRows>['executeTakeFirstOrThrow']>>;

/** Outbound messages newest first, by status and a keyword (recipient name, username or task number). */
export async function pageOutbound(
  db: Db,
  q: { status?: OutboundRow['status']; keyword?: string; limit: number; offset: number },
): Promise<{ total: number; rows: OutboundRow[] }> {
  let base = outboundBase(db);
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.keyword)
    base = base.where((eb) =>
      eb.or([
        eb(recipientName, 'like', likeContains(q.keyword!)),
        eb(taskNoOf, '=', q.keyword!),
        eb('u.username', '=', q.keyword!),
      ]),
    );
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.select(outboundColumns).orderBy('m.id', 'desc').limit(q.limit).offset(q.offset).execute(),
  ]);
  return { total: Number(total), rows };
}

export const findOutbound = (db: Db, id: number) => outboundRows(db).where('m.id', '=', id).executeTakeFirstOrThrow();

export const lockOutboundMessage = (trx: Db, id: number) =>
  trx
    .selectFrom('outbound_messages')
    .select(['status', 'attempts', 'last_error'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/** Puts a message back to 待发送 with a fresh set of attempts, due now. */
export async function requeueOutbound(trx: Db, id: number, now: Date): Promise<void> {
  await trx
    .updateTable('outbound_messages')
    .set({ status: '待发送', attempts: 0, next_attempt_at: now })
    .where('id', '=', id)
    .execute();
}
