import type { Db } from '../db/database';
import { insertNotificationsTo } from './notification.repository';
import type { NotificationKind } from './notification.table';

export interface NotificationInput {
  userIds: number[];
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string | null;
  taskNo?: string | null;
}

/** One notification to each of `userIds` (duplicates collapse), with its outbound message; inside the business transaction. */
export async function notify(trx: Db, now: Date, input: NotificationInput): Promise<number> {
  const userIds = [...new Set(input.userIds.map(Number))];
  if (userIds.length === 0) return 0;
  return insertNotificationsTo(trx, now, userIds, {
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link ?? null,
    taskNo: input.taskNo ?? null,
  });
}

// The users to tell about a task: tasks and this capability's events ask the same question.
export { taskInspectorUsers } from './notification.repository';
