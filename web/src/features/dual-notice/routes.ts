import type { RouteRecordRaw } from 'vue-router';

/** 双告知 and 双反馈 pages, children of the main layout. */
export const dualNoticeRoutes: RouteRecordRaw[] = [
  {
    path: 'dual-notice/workbench',
    name: 'dual-notice-workbench',
    component: () => import('./WorkbenchPage.vue'),
    meta: { title: '双告知工作台', permission: 'dualnotice:notice:write' },
  },
  {
    path: 'dual-notice/inbox',
    name: 'dual-notice-inbox',
    component: () => import('./InboxPage.vue'),
    meta: { title: '登记信息签收', permission: 'dualnotice:push:read' },
  },
  {
    path: 'dual-notice/pool',
    name: 'dual-notice-pool',
    component: () => import('./PoolPage.vue'),
    meta: { title: '登记信息共享池', permission: 'dualnotice:push:read' },
  },
  {
    path: 'dual-notice/overdue',
    name: 'dual-notice-overdue',
    component: () => import('./OverduePage.vue'),
    meta: { title: '双反馈逾期', permission: 'dualnotice:push:read' },
  },
  {
    path: 'dual-notice/catalog',
    name: 'dual-notice-catalog',
    component: () => import('./CatalogPage.vue'),
    meta: { title: '双告知事项目录', permission: 'dualnotice:push:read' },
  },
];

/** The published catalog on the public portal (no login). */
export const publicDualNoticeRoutes: RouteRecordRaw[] = [
  {
    path: 'dual-notice-catalog',
    name: 'public-dual-notice-catalog',
    component: () => import('./PublicCatalogPage.vue'),
    meta: { title: '双告知事项目录', public: true },
  },
];
