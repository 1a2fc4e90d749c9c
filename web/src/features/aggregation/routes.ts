import type { RouteRecordRaw } from 'vue-router';

/** 数据汇聚, children of the main layout. */
export const aggregationRoutes: RouteRecordRaw[] = [
  {
    path: 'aggregation/batches',
    name: 'aggregation-batches',
    component: () => import('./BatchesPage.vue'),
    meta: { title: '汇聚批次', permission: 'aggregation:read' },
  },
  {
    path: 'aggregation/anomalies',
    name: 'aggregation-anomalies',
    component: () => import('./AnomaliesPage.vue'),
    meta: { title: '异常数据', permission: 'aggregation:read' },
  },
  {
    path: 'aggregation/entry',
    name: 'aggregation-entry',
    component: () => import('./EntryPage.vue'),
    meta: { title: '在线填报', permission: 'aggregation:write' },
  },
  {
    path: 'aggregation/records',
    name: 'aggregation-records',
    component: () => import('./ActionRecordsPage.vue'),
    meta: { title: '监管行为信息库', permission: 'aggregation:read' },
  },
  {
    path: 'aggregation/spec',
    name: 'aggregation-spec',
    component: () => import('./SpecPage.vue'),
    meta: { title: '接口说明', permission: 'aggregation:read' },
  },
  {
    path: 'aggregation/exchange',
    name: 'aggregation-exchange',
    component: () => import('./ExchangePage.vue'),
    meta: { title: '省级交换导出', permission: 'aggregation:manage' },
  },
];
