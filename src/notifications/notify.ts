import { type RawBuilder, sql } from 'kysely';
import type { Permission } from '../auth/permissions';
import type { Db } from '../db/database';
import type { NotificationKind } from './notification.table';

export interface NotificationInput {
  userIds: number[];
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string | null;
  taskNo?: string | null;
}

/**
 * Writes notifications and their outbound messages from a query yielding the columns
 * (user_id, kind, title, body, link, task_no): one INSERT … SELECT however many rows, so a draw publishing
 * tens of thousands of tasks costs one statement. Call it inside the business transaction (outbox):
 * the messages commit with the change or not at all. Disabled users get nothing. Returns the count.
 */
export async function notifyFromQuery(trx: Db, now: Date, rows: RawBuilder<unknown>): Promise<number> {
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

/** One notification to each of `userIds` (duplicates collapse), with its outbound message; inside the business transaction. */
export async function notify(trx: Db, now: Date, input: NotificationInput): Promise<number> {
  const userIds = [...new Set(input.userIds.map(Number))];
  if (userIds.length === 0) return 0;
  return notifyFromQuery(
    trx,
    now,
    sql`
    SELECT uid AS user_id, ${input.kind}::text AS kind, ${input.title}::text AS title, ${input.body}::text AS body, ${input.link ?? null}::text AS link, ${input.taskNo ?? null}::text AS task_no
    FROM unnest(${userIds}::bigint[]) AS uid
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

