import type { RouteRecordRaw } from 'vue-router';

/** 投诉举报 intake pages, children of the main layout. */
export const complaintIntakeRoutes: RouteRecordRaw[] = [
  {
    path: 'complaints/entry',
    name: 'complaint-entry',
    component: () => import('./ComplaintEntryPage.vue'),
    meta: { title: '窗口录入投诉举报', permission: 'complaint:write' },
  },
  {
    path: 'complaints/rewards',
    name: 'complaint-rewards',
    component: () => import('./ComplaintRewardsPage.vue'),
    meta: { title: '举报奖励', permission: 'complaint:dispatch' },
  },
];

/** 投诉举报 on the public portal (no login). */
export const publicComplaintRoutes: RouteRecordRaw[] = [
  {
    path: 'complaints',
    name: 'public-complaints',
    component: () => import('@/features/portal/PublicComplaintPage.vue'),
    meta: { title: '投诉举报', public: true },
  },
];
