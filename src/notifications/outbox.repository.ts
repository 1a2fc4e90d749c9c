import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Claims up to `limit` due messages (待发送, next attempt reached; only `ids` when given), pushing their next
 * attempt to `leaseUntil` so no other dispatcher takes them (FOR UPDATE SKIP LOCKED on PostgreSQL).
 * Returns the claimed messages with their recipient, oldest due first.
 */
export async function claimDueMessages(trx: Db, now: Date, leaseUntil: Date, limit: number, ids?: number[]) {
  let due = trx
    .selectFrom('outbound_messages')
    .select('id')
    .where('status', '=', '待发送')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  if (ids) due = due.where('id', 'in', ids.length ? ids : [0]);
  const claimed = (await due.execute()).map((r) => Number(r.id));
  if (claimed.length === 0) return [];
  await trx.updateTable('outbound_messages').set({ next_attempt_at: leaseUntil }).where('id', 'in', claimed).execute();
  return trx
    .selectFrom('outbound_messages as m')
    .innerJoin('notifications as n', 'n.id', 'm.notification_id')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['m.id', 'u.name', 'u.phone', 'n.title', 'n.body', 'n.link', 'n.task_no', 'n.created_at'])
    .where('m.id', 'in', claimed)
    .orderBy('m.id')
    .execute();
}

/** Marks a message still 待发送 as sent. */
export async function markMessageSent(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ status: '已发送', sent_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', '待发送')
    .execute();
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
}

export async function countMessagesByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbound_messages')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
