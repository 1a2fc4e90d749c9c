import type { Db } from '../db/database';

/** A message to a contact outside the platform: its outbound message (待发送, due now) and its text. Returns its id. */
export async function insertContactMessage(
  trx: Db,
  now: Date,
  m: {
    recipientName: string;
    phone: string | null;
    email: string | null;
    title: string;
    body: string;
    link: string | null;
    taskNo: string | null;
    secret: string | null;
  },
): Promise<number> {
  const message = await trx
    .insertInto('outbound_messages')
    .values({ notification_id: null, status: '待发送', attempts: 0, next_attempt_at: now, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('outbound_contact_messages')
    .values({
      message_id: message.id,
      recipient_name: m.recipientName,
      phone: m.phone,
      email: m.email,
      title: m.title,
      body: m.body,
      link: m.link,
      task_no: m.taskNo,
      secret: m.secret,
    })
    .execute();
  return Number(message.id);
}

/** The secret a contact message carried is erased once the message is sent or given up. */
export async function eraseContactSecret(db: Db, messageId: number): Promise<void> {
  await db
    .updateTable('outbound_contact_messages')
    .set({ secret: null })
    .where('message_id', '=', messageId)
    .where('secret', 'is not', null)
    .execute();
}

/** Whether the message goes to a contact and its secret is already erased (it can no longer be sent as written). */
export async function contactSecretErased(db: Db, messageId: number): Promise<boolean> {
  const row = await db
    .selectFrom('outbound_contact_messages')
    .select('secret')
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row !== undefined && row.secret === null;
}

/** Status, send time and last error of the messages. */
export const listMessageStates = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('outbound_messages')
        .select(['id', 'status', 'sent_at', 'last_error'])
        .where('id', 'in', [...ids])
        .execute();
