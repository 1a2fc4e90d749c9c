import type { RouteRecordRaw } from 'vue-router';

/** 风险预警, a child of the main layout. */
export const warningRoutes: RouteRecordRaw[] = [
  {
    path: 'warnings',
    name: 'warnings',
    component: () => import('./WarningsPage.vue'),
    meta: { title: '风险预警', permission: 'warning:read' },
  },
];
