import type { Selectable } from 'kysely';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { offsetOf, type Page } from '../shared/paging';
import type { NotificationQuery, NotificationView, OutboundQuery, OutboundView } from './notification.schemas';
import type { NotificationTable } from './notification.table';
import {
  countUnread,
  findNotification,
  findOutbound,
  lockOutboundMessage,
  markNotificationsRead,
  type OutboundRow,
  pageNotifications,
  pageOutbound,
  requeueOutbound,
} from './notification.repository';
import { dispatchOutbox, outboxCounts } from './outbox.service';
import { contactSecretErased } from './contact-message.repository';
import { CONTACT_SECRET, HIDDEN_SECRET } from './contact-messages';

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

export async function unreadCount(deps: AppDeps, actor: Actor): Promise<number> {
  return countUnread(deps.db, actor.userId);
}

/** The actor's own notifications, unread first, newest first. */
export async function listMyNotifications(
  deps: AppDeps,
  actor: Actor,
  query: NotificationQuery,
): Promise<Page<NotificationView> & { unread: number }> {
  const [{ total, rows }, unread] = await Promise.all([
    pageNotifications(deps.db, actor.userId, { unread: query.unread, limit: query.pageSize, offset: offsetOf(query) }),
    unreadCount(deps, actor),
  ]);
  return {
    total,
    unread,
    items: rows.map(presentNotification),
  };
}

/** Marks one of the actor's notifications read; another user's is "not found". */
export async function markRead(deps: AppDeps, actor: Actor, id: number): Promise<NotificationView> {
  const now = deps.clock.now();
  await markNotificationsRead(deps.db, actor.userId, now, id);
  const r = await findNotification(deps.db, actor.userId, id);
  if (!r) throw notFound(`消息 ${id} `);
  return presentNotification(r);
}

export async function markAllRead(deps: AppDeps, actor: Actor): Promise<number> {
  return markNotificationsRead(deps.db, actor.userId, deps.clock.now());
}

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
    toContact: r.to_contact,
    title: r.title,
    // A secret a message to a contact carries (a 企业查询码) is never shown.
    body: r.body.replaceAll(CONTACT_SECRET, HIDDEN_SECRET),
    taskNo: r.task_no,
  };
}

/** 消息推送记录 (admin): outbound messages, newest first, with counts per status. */
export async function listOutbound(deps: AppDeps, actor: Actor | null, query: OutboundQuery) {
  requirePermission(actor, 'system:notify:read');
  const [{ total, rows }, counts] = await Promise.all([
    pageOutbound(deps.db, {
      status: query.status,
      keyword: query.keyword,
      limit: query.pageSize,
      offset: offsetOf(query),
    }),
    outboxCounts(deps),
  ]);
  return {
    total,
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
    const row = await lockOutboundMessage(trx, id);
    if (!row) throw notFound(`推送消息 ${id} `);
    if (row.status !== '发送失败')
      throw new AppError('CONFLICT', `推送消息 ${id} ${row.status}，只有发送失败的消息可以重发`);
    if (await contactSecretErased(trx, id))
      throw new AppError(
        'CONFLICT',
        `推送消息 ${id} 所带的企业查询码已在发送失败时清除，不能重发：请在检查告知书页面重新发放查询码`,
      );
    await requeueOutbound(trx, id, now);
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
  return presentOutbound(await findOutbound(deps.db, id));
}
