import type { RouteRecordRaw } from 'vue-router';

/** The portal's content pages (src/portal-content): children of /public, no login. */
export const publicPortalContentRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'public-home',
    component: () => import('./PublicHomePage.vue'),
    meta: { title: '服务门户', public: true },
  },
  {
    path: 'catalog',
    name: 'public-catalog',
    component: () => import('./PublicCatalogPage.vue'),
    meta: { title: '监管事项目录清单', public: true },
  },
  {
    path: 'catalog/:id(\\d+)',
    name: 'public-catalog-item',
    component: () => import('./PublicCatalogItemPage.vue'),
    props: true,
    meta: { title: '监管事项', public: true },
  },
  {
    path: 'exposure',
    name: 'public-exposure',
    component: () => import('./PublicExposurePage.vue'),
    meta: { title: '曝光台', public: true },
  },
  {
    path: 'exposure/:id(\\d+)',
    name: 'public-exposure-case',
    component: () => import('./PublicExposureCasePage.vue'),
    props: true,
    meta: { title: '曝光台', public: true },
  },
  {
    path: 'guides',
    name: 'public-guides',
    component: () => import('./PublicGuidesPage.vue'),
    meta: { title: '一业一册', public: true },
  },
  {
    path: 'guides/:code([A-T0-9]{1,4})',
    name: 'public-guide',
    component: () => import('./PublicGuidePage.vue'),
    props: true,
    meta: { title: '合规经营指南', public: true },
  },
  {
    path: 'knowledge',
    name: 'public-knowledge',
    component: () => import('./PublicKnowledgePage.vue'),
    meta: { title: '知识库', public: true },
  },
  {
    path: 'knowledge/:id(\\d+)',
    name: 'public-knowledge-entry',
    component: () => import('./PublicKnowledgeEntryPage.vue'),
    props: true,
    meta: { title: '知识库', public: true },
  },
  {
    path: 'news',
    name: 'public-news',
    component: () => import('./PublicNewsPage.vue'),
    meta: { title: '监管动态', public: true },
  },
  {
    path: 'news/:id(\\d+)',
    name: 'public-news-item',
    component: () => import('./PublicNewsItemPage.vue'),
    props: true,
    meta: { title: '监管动态', public: true },
  },
];
