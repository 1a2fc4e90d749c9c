import type { RouteRecordRaw } from 'vue-router';

/** 服务门户 editing pages (src/portal-content), children of the main layout. */
export const portalContentRoutes: RouteRecordRaw[] = [
  {
    path: 'portal-content/exposure-cases',
    name: 'portal-exposure-cases',
    component: () => import('./ExposureCasesPage.vue'),
    meta: { title: '曝光台', permission: 'portal:content:write' },
  },
  {
    path: 'portal-content/news',
    name: 'portal-news',
    component: () => import('./NewsPage.vue'),
    meta: { title: '监管动态', permission: 'portal:content:write' },
  },
  {
    path: 'portal-content/knowledge',
    name: 'portal-knowledge',
    component: () => import('./KnowledgePage.vue'),
    meta: { title: '知识库', permission: 'portal:content:write' },
  },
  {
    path: 'portal-content/guides',
    name: 'portal-guides',
    component: () => import('./GuidesPage.vue'),
    meta: { title: '一业一册', permission: 'portal:guide:write' },
  },
  {
    path: 'portal-content/guides/:code([A-T0-9]{1,4})',
    name: 'portal-guide',
    component: () => import('./GuidePage.vue'),
    props: true,
    meta: { title: '一业一册', permission: 'portal:guide:write', menu: '/portal-content/guides' },
  },
];
