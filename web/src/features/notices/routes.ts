import type { RouteRecordRaw } from 'vue-router';

/** The staff notice page, a child of the main layout. */
export const noticeRoutes: RouteRecordRaw[] = [
  {
    path: 'tasks/:taskNo/notice',
    name: 'task-notice',
    component: () => import('./NoticePage.vue'),
    props: true,
    meta: { title: '检查告知书', permission: 'task:task:read', menu: '/tasks' },
  },
];
