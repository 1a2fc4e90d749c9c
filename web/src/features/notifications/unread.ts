import { ref } from 'vue';
import { notificationApi } from './api';

/** The unread count the bell shows, shared with the notifications page so reading there updates the bell. */
export const unreadCount = ref(0);

export async function refreshUnread(): Promise<void> {
  // A failed poll keeps the last count; a 401 is handled by the login redirect.
  unreadCount.value = await notificationApi.unreadCount().catch(() => unreadCount.value);
}
