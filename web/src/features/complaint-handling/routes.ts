import type { RouteRecordRaw } from 'vue-router';

/** 投诉举报 handling pages (staff side), children of the main layout. */
export const complaintHandlingRoutes: RouteRecordRaw[] = [
  {
    path: 'complaints',
    name: 'complaints',
    component: () => import('./ComplaintsPage.vue'),
    props: { mode: 'all' },
    meta: { title: '投诉举报', permission: 'complaint:read' },
  },
  {
    path: 'complaints/queue',
    name: 'complaint-queue',
    component: () => import('./ComplaintsPage.vue'),
    props: { mode: 'queue' },
    meta: { title: '待分派投诉举报', permission: 'complaint:dispatch' },
  },
  {
    path: 'complaints/supervision',
    name: 'complaint-supervision',
    component: () => import('./ComplaintsPage.vue'),
    props: { mode: 'supervision' },
    meta: { title: '投诉举报督办', permission: 'complaint:supervise' },
  },
  {
    path: 'complaints/matters',
    name: 'complaint-matters',
    component: () => import('./MattersPage.vue'),
    meta: { title: '投诉事项与办理时限', permission: 'complaint:read' },
  },
  {
    path: 'complaints/dispatch-rules',
    name: 'complaint-dispatch-rules',
    component: () => import('./DispatchRulesPage.vue'),
    meta: { title: '投诉分派规则', permission: 'complaint:read' },
  },
  {
    path: 'complaints/:ticketNo',
    name: 'complaint-detail',
    component: () => import('./ComplaintDetailPage.vue'),
    meta: { title: '投诉举报详情', permission: 'complaint:read', menu: '/complaints' },
  },
];
