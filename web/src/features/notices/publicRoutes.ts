import type { RouteRecordRaw } from 'vue-router';

/** 检查码 verification and the enterprise view: children of the public portal's /public route (no login). */
export const publicNoticeRoutes: RouteRecordRaw[] = [
  {
    // Everything after verify/ is the code, slashes included: a mangled link still reaches the page and shows 检查码无效.
    path: 'verify/:token(.*)',
    name: 'public-verify',
    component: () => import('./PublicVerifyPage.vue'),
    props: true,
    meta: { title: '检查码核验', public: true },
  },
  {
    path: 'enterprise',
    name: 'public-enterprise',
    component: () => import('./PublicEnterprisePage.vue'),
    meta: { title: '企业查询', public: true },
  },
];
