import { type Kysely, sql } from 'kysely';

/**
 * Notifications: in-platform messages to a user, the outbound message (SMS / 政务微信 gateway)
 * each one creates in the same transaction (outbox), and the key that keeps deadline reminders to one a day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      task_no text,
      created_at timestamptz NOT NULL,
      read_at timestamptz
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
    CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
    CREATE TABLE outbound_messages (
      id bigserial PRIMARY KEY,
      notification_id bigint NOT NULL UNIQUE REFERENCES notifications(id),
      status text NOT NULL CHECK (status IN ('待发送', '已发送', '发送失败')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at timestamptz NOT NULL,
      sent_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX outbound_messages_due_idx ON outbound_messages (next_attempt_at, id) WHERE status = '待发送';
    CREATE INDEX outbound_messages_status_idx ON outbound_messages (status, id DESC);
    CREATE TABLE notification_reminders (
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      department_id bigint NOT NULL REFERENCES departments(id),
      kind text NOT NULL,
      reminded_on date NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (task_id, department_id, kind, reminded_on)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE notification_reminders; DROP TABLE outbound_messages; DROP TABLE notifications;`.execute(db);
}
