import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePermission } from '../auth/actor';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  idParams,
  notificationList,
  notificationQuery,
  notificationView,
  outboundList,
  outboundQuery,
  outboundView,
  readAllResult,
  reminderReport,
  unreadCount as unreadSchema,
} from './notification.schemas';
import {
  listMyNotifications,
  listOutbound,
  markAllRead,
  markRead,
  retryOutbound,
  unreadCount,
} from './notification.service';
import { kickOutbox } from './dispatcher';
import { sendDeadlineReminders } from './reminders.service';

const tags = ['消息通知'];

/** The user's own notifications; the outbound message log and the reminder run for administrators. */
export const notificationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的消息（未读在前），含未读数',
        querystring: notificationQuery,
        response: { 200: notificationList },
      },
    },
    async (request) => listMyNotifications(deps, actorOf(request), request.query),
  );
  // Polled by the bell every minute: it must not count as activity, or the idle timeout would never end a session.
  app.get(
    '/api/notifications/unread-count',
    {
      config: { passive: true },
      schema: { tags, summary: '我的未读消息数（轮询用，不延长会话）', response: { 200: unreadSchema } },
    },
    async (request) => ({ unread: await unreadCount(deps, actorOf(request)) }),
  );
  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 200: readAllResult } } },
    async (request) => ({ updated: await markAllRead(deps, actorOf(request)) }),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      schema: { tags, summary: '标为已读（只能是本人的消息）', params: idParams, response: { 200: notificationView } },
    },
    async (request) => markRead(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/notifications/reminders/run',
    {
      config: { permission: 'system:notify:write' },
      schema: {
        tags,
        summary: '立即执行期限提醒（同一任务、部门、类型每天至多提醒一次）',
        response: { 200: reminderReport },
      },
    },
    async (request) => {
      requirePermission(actorOf(request), 'system:notify:write');
      const report = await sendDeadlineReminders(deps, deps.clock.now());
      kickOutbox(deps);
      return report;
    },
  );
  app.get(
    '/api/outbound-messages',
    {
      config: { permission: 'system:notify:read', personalData: 'outbound_message' },
      schema: {
        tags,
        summary: '消息推送记录：短信、政务微信网关的待发送、已发送与发送失败消息',
        querystring: outboundQuery,
        response: { 200: outboundList },
      },
    },
    async (request) => listOutbound(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/outbound-messages/:id/retry',
    {
      config: { permission: 'system:notify:write' },
      schema: { tags, summary: '重发一条发送失败的消息', params: idParams, response: { 200: outboundView } },
    },
    async (request) => retryOutbound(deps, actorOf(request), request.params.id),
  );
};
