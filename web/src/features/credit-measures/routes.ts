import type { RouteRecordRaw } from 'vue-router';

/** 联合奖惩 pages, children of the main layout. */
export const creditMeasureRoutes: RouteRecordRaw[] = [
  {
    path: 'credit-measures/measures',
    name: 'credit-measures',
    component: () => import('./MeasuresPage.vue'),
    meta: { title: '联合奖惩措施清单', permission: 'credit:measure:read' },
  },
  {
    path: 'credit-measures/cases',
    name: 'credit-measure-cases',
    component: () => import('./CasesPage.vue'),
    meta: { title: '联合奖惩对象', permission: 'credit:measure:read' },
  },
];

/** The published list on the public portal (no login). */
export const publicCreditMeasureRoutes: RouteRecordRaw[] = [
  {
    path: 'credit-measures',
    name: 'public-credit-measures',
    component: () => import('@/features/portal/PublicCreditMeasuresPage.vue'),
    meta: { title: '联合奖惩措施清单', public: true },
  },
];
