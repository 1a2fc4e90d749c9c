import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';

export const notificationQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  taskNo: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationList = pageOf(notificationView).extend({ unread: z.number().int() });
export const unreadCount = z.object({ unread: z.number().int() });
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const readAllResult = z.object({ updated: z.number().int() });

export const outboundStatuses = ['待发送', '已发送', '发送失败'] as const;
export const outboundQuery = pageQuery.extend({
  status: z.enum(outboundStatuses).optional(),
  keyword: z.string().trim().max(50).optional(),
});
export type OutboundQuery = z.infer<typeof outboundQuery>;

export const outboundView = z.object({
  id: z.number().int(),
  status: z.enum(outboundStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  /** For a message to a subject's registered contact: no username; `phone` is the phone or e-mail address. */
  recipient: z.object({ name: z.string(), username: z.string(), phone: z.string() }),
  /** The message goes to a contact outside the platform (a regulated subject), not to a user. */
  toContact: z.boolean(),
  title: z.string(),
  body: z.string(),
  taskNo: z.string().nullable(),
});
export type OutboundView = z.infer<typeof outboundView>;
export const outboundList = pageOf(outboundView).extend({
  counts: z.object({ 待发送: z.number().int(), 已发送: z.number().int(), 发送失败: z.number().int() }),
  adapter: z.enum(['webhook', 'log']),
});
export type OutboundPage = z.infer<typeof outboundList>;

export const reminderReport = z.object({
  reminders: z.number().int(),
  notifications: z.number().int(),
  skipped: z.number().int(),
});
export type ReminderReport = z.infer<typeof reminderReport>;
