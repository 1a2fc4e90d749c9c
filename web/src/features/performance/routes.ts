import type { RouteRecordRaw } from 'vue-router';

/** 监管履职评价: the evaluation with its ranking and drill-down, the indicator system, the 整改通知. Children of the main layout. */
export const performanceRoutes: RouteRecordRaw[] = [
  {
    path: 'performance',
    name: 'performance',
    component: () => import('./PerformancePage.vue'),
    meta: { title: '履职评价', permission: 'performance:read' },
  },
  {
    path: 'performance/indicators',
    name: 'performance-indicators',
    component: () => import('./IndicatorsPage.vue'),
    meta: { title: '评价指标体系', permission: 'performance:read' },
  },
  {
    path: 'performance/notices',
    name: 'performance-notices',
    component: () => import('./NoticesPage.vue'),
    meta: { title: '整改通知', permission: 'performance:read' },
  },
];
