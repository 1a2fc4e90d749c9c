import type {
  NotificationView,
  OutboundPage,
  OutboundQuery,
  OutboundView,
  ReminderReport,
} from '@server/notifications/notification.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export type { NotificationView, OutboundPage, OutboundView };

export const notificationApi = {
  list: (query: { page: number; pageSize: number; unread?: boolean }) =>
    http.get<Page<NotificationView> & { unread: number }>('/api/notifications', {
      ...query,
      unread: query.unread ? 'true' : undefined,
    }),
  unreadCount: () => http.get<{ unread: number }>('/api/notifications/unread-count').then((r) => r.unread),
  read: (id: number) => http.post<NotificationView>(`/api/notifications/${id}/read`),
  readAll: () => http.post<{ updated: number }>('/api/notifications/read-all'),
};

export const outboundApi = {
  list: (query: OutboundQuery) => http.get<OutboundPage>('/api/outbound-messages', query),
  retry: (id: number) => http.post<OutboundView>(`/api/outbound-messages/${id}/retry`),
  runReminders: () => http.post<ReminderReport>('/api/notifications/reminders/run'),
};
