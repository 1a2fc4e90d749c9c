import type { Db } from '../db/database';
import type { DataEndpoint } from './data-message.table';

/** A JSON document for an external data endpoint: its outbound message (待发送, due now) and its content. Returns its id. */
export async function insertDataMessage(
  trx: Db,
  now: Date,
  m: { endpoint: DataEndpoint; recipientName: string; title: string; payload: Record<string, unknown> },
): Promise<number> {
  const message = await trx
    .insertInto('outbound_messages')
    .values({ notification_id: null, status: '待发送', attempts: 0, next_attempt_at: now, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('outbound_data_messages')
    .values({
      message_id: message.id,
      endpoint: m.endpoint,
      recipient_name: m.recipientName,
      title: m.title,
      payload: JSON.stringify(m.payload),
    })
    .execute();
  return Number(message.id);
}

/**
 * Claims up to `limit` due data messages (only `ids` when given) the way claimDueMessages claims messages: the next
 * attempt pushed to `leaseUntil` in the same transaction, FOR UPDATE SKIP LOCKED on PostgreSQL.
 */
export async function claimDueDataMessages(trx: Db, now: Date, leaseUntil: Date, limit: number, ids?: number[]) {
  let due = trx
    .selectFrom('outbound_messages as m')
    .innerJoin('outbound_data_messages as d', 'd.message_id', 'm.id')
    .select('m.id')
    .where('m.status', '=', '待发送')
    .where('m.next_attempt_at', '<=', now)
    .orderBy('m.next_attempt_at')
    .orderBy('m.id')
    .limit(limit)
    .forUpdate('m')
    .skipLocked();
  if (ids) due = due.where('m.id', 'in', ids.length ? ids : [0]);
  const claimed = (await due.execute()).map((r) => Number(r.id));
  if (claimed.length === 0) return [];
  await trx.updateTable('outbound_messages').set({ next_attempt_at: leaseUntil }).where('id', 'in', claimed).execute();
  return trx
    .selectFrom('outbound_data_messages')
    .select(['message_id', 'endpoint', 'payload'])
    .where('message_id', 'in', claimed)
    .orderBy('message_id')
    .execute();
}
