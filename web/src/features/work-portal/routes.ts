import type { RouteRecordRaw } from 'vue-router';

/** 领导驾驶舱, a child of the main layout (the home page with the to-dos is the layout's own first route). */
export const workPortalRoutes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('./DashboardPage.vue'),
    meta: { title: '领导驾驶舱', permission: 'dashboard:read' },
  },
];
