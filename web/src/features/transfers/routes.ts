import type { RouteRecordRaw } from 'vue-router';

/** 移送与协查 pages, children of the main layout: one page, a tab per kind of work. */
export const transferRoutes: RouteRecordRaw[] = [
  {
    path: 'transfers',
    name: 'transfers',
    component: () => import('./TransfersPage.vue'),
    meta: { title: '案件移送与线索移送', permission: 'transfer:read' },
    props: { tab: 'transfers' },
  },
  {
    path: 'transfers/assistance',
    name: 'transfers-assistance',
    component: () => import('./TransfersPage.vue'),
    meta: { title: '协查请求', permission: 'transfer:read' },
    props: { tab: 'assistance' },
  },
  {
    path: 'transfers/copies',
    name: 'transfers-copies',
    component: () => import('./TransfersPage.vue'),
    meta: { title: '抄告抄送', permission: 'transfer:read' },
    props: { tab: 'copies' },
  },
];
