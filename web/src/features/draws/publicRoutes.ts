import type { RouteRecordRaw } from 'vue-router';

/** The draw's public pages, children of the public portal's /public route (no login). */
export const publicDrawRoutes: RouteRecordRaw[] = [
  {
    path: 'announcements',
    name: 'public-announcements',
    component: () => import('./PublicAnnouncementsPage.vue'),
    meta: { title: '任务公告', public: true },
  },
  {
    path: 'announcements/:recordNo',
    name: 'public-announcement',
    component: () => import('./PublicAnnouncementPage.vue'),
    props: true,
    meta: { title: '任务公告', public: true, menu: '/public/announcements' },
  },
  {
    path: 'draws/:roundNo',
    name: 'public-draw',
    component: () => import('./PublicDrawPage.vue'),
    props: true,
    meta: { title: '抽取验证', public: true, menu: '/public/announcements' },
  },
];
