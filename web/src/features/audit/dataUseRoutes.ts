import type { RouteRecordRaw } from 'vue-router';

/** 数据使用记录, a child of the main layout (listed in the 数据汇聚 menu group). */
export const dataUseRoutes: RouteRecordRaw[] = [
  {
    path: 'aggregation/data-use',
    name: 'data-use',
    component: () => import('./DataUsePage.vue'),
    meta: { title: '数据使用记录', permission: 'audit:export:read' },
  },
];
