import { sql } from 'kysely';
import type { Db } from '../db/database';
import { eraseContactSecret } from './contact-message.repository';

/**
 * Claims up to `limit` due messages (待发送, next attempt reached; only `ids` when given), pushing their next
 * attempt to `leaseUntil` so no other dispatcher takes them (FOR UPDATE SKIP LOCKED on PostgreSQL).
 * Returns the claimed messages with their recipient, oldest due first (a message to a contact with its secret).
 */
export async function claimDueMessages(trx: Db, now: Date, leaseUntil: Date, limit: number, ids?: number[]) {
  let due = trx
    .selectFrom('outbound_messages')
    .select('id')
    .where('status', '=', '待发送')
    .where('next_attempt_at', '<=', now)
    // Data messages (outbound_data_messages) go to their own endpoint: claimDueDataMessages.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbound_data_messages as d')
            .select('d.message_id')
            .whereRef('d.message_id', '=', 'outbound_messages.id'),
        ),
      ),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  if (ids) due = due.where('id', 'in', ids.length ? ids : [0]);
  const claimed = (await due.execute()).map((r) => Number(r.id));
  if (claimed.length === 0) return [];
  await trx.updateTable('outbound_messages').set({ next_attempt_at: leaseUntil }).where('id', 'in', claimed).execute();
  // A user's message (notification) or a message to a contact outside the platform (outbound_contact_messages).
  return trx
    .selectFrom('outbound_messages as m')
    .leftJoin('notifications as n', 'n.id', 'm.notification_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('outbound_contact_messages as c', 'c.message_id', 'm.id')
    .select([
      'm.id',
      'm.created_at',
      'c.email',
      'c.secret',
      sql<string>`coalesce(u.name, c.recipient_name, '')`.as('name'),
      sql<string>`coalesce(u.phone, c.phone, '')`.as('phone'),
      sql<string>`coalesce(n.title, c.title, '')`.as('title'),
      sql<string>`coalesce(n.body, c.body, '')`.as('body'),
      sql<string | null>`coalesce(n.link, c.link)`.as('link'),
      sql<string | null>`coalesce(n.task_no, c.task_no)`.as('task_no'),
      sql<boolean>`c.message_id IS NOT NULL`.as('to_contact'),
    ])
    .where('m.id', 'in', claimed)
    .orderBy('m.id')
    .execute();
}

/** Marks a message still 待发送 as sent; the secret a message to a contact carried is erased with it. */
export async function markMessageSent(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ status: '已发送', sent_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', '待发送')
    .execute();
  await eraseContactSecret(db, id);
}

export async function messageAttempts(db: Db, id: number): Promise<number> {
  const row = await db
    .selectFrom('outbound_messages')
    .select('attempts')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.attempts);
}

/** Records a failed attempt of a message still 待发送: its count, error, next status and next attempt. */
export async function recordMessageFailure(
  db: Db,
  id: number,
  f: { attempts: number; lastError: string; status: '待发送' | '发送失败'; nextAttemptAt: Date },
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ attempts: f.attempts, last_error: f.lastError, status: f.status, next_attempt_at: f.nextAttemptAt })
    .where('id', '=', id)
    .where('status', '=', '待发送')
    .execute();
  if (f.status === '发送失败') await eraseContactSecret(db, id);
}

export async function countMessagesByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbound_messages')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
