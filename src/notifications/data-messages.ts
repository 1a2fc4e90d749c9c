import type { Db } from '../db/database';
import type { DataEndpoint } from './data-message.table';
import { insertDataMessage } from './data-message.repository';

/**
 * Queues a JSON document for an external data endpoint in the caller's transaction (outbox): it is sent at least once
 * after the commit, retried like every outbound message, and listed on the 消息推送记录 page. Returns the message id.
 */
export function queueDataMessage(
  trx: Db,
  now: Date,
  m: { endpoint: DataEndpoint; recipientName: string; title: string; payload: Record<string, unknown> },
): Promise<number> {
  return insertDataMessage(trx, now, m);
}
