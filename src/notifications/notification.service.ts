import type { Selectable } from 'kysely';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { likeContains, offsetOf, type Page } from '../shared/paging';
import type { NotificationQuery, NotificationView, OutboundQuery, OutboundView } from './notification.schemas';
import type { NotificationTable } from './notification.table';
import { dispatchOutbox, outboxCounts } from './outbox.service';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

type NotificationRow = Selectable<NotificationTable>;
const presentNotification = (r: NotificationRow): NotificationView => ({
  id: Number(r.id),
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  taskNo: r.task_no,
  createdAt: iso(r.created_at)!,
  readAt: iso(r.read_at),
});

function mine(deps: AppDeps, actor: Actor) {
  return deps.db.selectFrom('notifications').where('user_id', '=', actor.userId);
}

export async function unreadCount(deps: AppDeps, actor: Actor): Promise<number> {
  const row = await mine(deps, actor)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The actor's own notifications, unread first, newest first. */
export async function listMyNotifications(
  deps: AppDeps,
  actor: Actor,
  query: NotificationQuery,
): Promise<Page<NotificationView> & { unread: number }> {
  let base = mine(deps, actor);
  if (query.unread) base = base.where('read_at', 'is', null);
  const [{ total }, rows, unread] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end())
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    unreadCount(deps, actor),
  ]);
  return {
    total: Number(total),
    unread,
    items: rows.map(presentNotification),
  };
}

/** Marks one of the actor's notifications read; another user's is "not found". */
export async function markRead(deps: AppDeps, actor: Actor, id: number): Promise<NotificationView> {
  const now = deps.clock.now();
  await deps.db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .execute();
  const r = await mine(deps, actor).selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`消息 ${id} `);
  return presentNotification(r);
}

export async function markAllRead(deps: AppDeps, actor: Actor): Promise<number> {
  const result = await deps.db
    .updateTable('notifications')
    .set({ read_at: deps.clock.now() })
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const outboundBase = (deps: AppDeps) =>
  deps.db
    .selectFrom('outbound_messages as m')
    .innerJoin('notifications as n', 'n.id', 'm.notification_id')
    .innerJoin('users as u', 'u.id', 'n.user_id');
const outboundColumns = [
  'm.id',
  'm.status',
  'm.attempts',
  'm.last_error',
  'm.next_attempt_at',
  'm.sent_at',
  'm.created_at',
  'u.name',
  'u.username',
  'u.phone',
  'n.title',
  'n.body',
  'n.task_no',
] as const;
const outboundRows = (deps: AppDeps) => outboundBase(deps).select(outboundColumns);
type OutboundRow = Awaited<ReturnType<ReturnType<typeof outboundRows>['executeTakeFirstOrThrow']>>;

function presentOutbound(r: OutboundRow): OutboundView {
  return {
    id: Number(r.id),
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    nextAttemptAt: r.status === '待发送' ? iso(r.next_attempt_at) : null,
    sentAt: iso(r.sent_at),
    createdAt: iso(r.created_at)!,
    recipient: { name: r.name, username: r.username, phone: r.phone },
    title: r.title,
    body: r.body,
    taskNo: r.task_no,
  };
}

/** 消息推送记录 (admin): outbound messages, newest first, with counts per status. */
export async function listOutbound(deps: AppDeps, actor: Actor | null, query: OutboundQuery) {
  requirePermission(actor, 'system:notify:read');
  let base = outboundBase(deps);
  if (query.status) base = base.where('m.status', '=', query.status);
  if (query.keyword)
    base = base.where((eb) =>
      eb.or([
        eb('u.name', 'like', likeContains(query.keyword!)),
        eb('n.task_no', '=', query.keyword!),
        eb('u.username', '=', query.keyword!),
      ]),
    );
  const [{ total }, rows, counts] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.select(outboundColumns).orderBy('m.id', 'desc').limit(query.pageSize).offset(offsetOf(query)).execute(),
    outboxCounts(deps),
  ]);
  return {
    total: Number(total),
    items: rows.map(presentOutbound),
    adapter: deps.config.notify.webhook ? ('webhook' as const) : ('log' as const),
    counts: { 待发送: counts['待发送'] ?? 0, 已发送: counts['已发送'] ?? 0, 发送失败: counts['发送失败'] ?? 0 },
  };
}

/** 重发: a 发送失败 message goes back to 待发送 with a fresh set of attempts and is sent at once. */
export async function retryOutbound(deps: AppDeps, actor: Actor | null, id: number): Promise<OutboundView> {
  requirePermission(actor, 'system:notify:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('outbound_messages')
      .select(['status', 'attempts', 'last_error'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound(`推送消息 ${id} `);
    if (row.status !== '发送失败')
      throw new AppError('CONFLICT', `推送消息 ${id} ${row.status}，只有发送失败的消息可以重发`);
    await trx
      .updateTable('outbound_messages')
      .set({ status: '待发送', attempts: 0, next_attempt_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'outbound_message.retry',
      entityType: 'outbound_message',
      entityId: String(id),
      summary: `重发推送消息 ${id}（此前已尝试 ${row.attempts} 次，最后错误：${row.last_error ?? '无'}）`,
      before: { status: row.status, attempts: Number(row.attempts) },
      after: { status: '待发送', attempts: 0 },
    });
  });
  await dispatchOutbox(deps, { ids: [id] });
  return presentOutbound(await outboundRows(deps).where('m.id', '=', id).executeTakeFirstOrThrow());
}
