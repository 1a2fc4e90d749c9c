import { ElMessage } from 'element-plus';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { notifyError } from '@/api/notify';
import { useAuthStore } from '@/features/auth/store';
import MainLayout from '@/layouts/MainLayout.vue';
import './meta';

/** One page serves every register's import; the route gives the kind. */
const importPage = () => import('@/features/imports/ImportPage.vue');

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/features/auth/LoginPage.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/features/home/HomePage.vue'), meta: { title: '首页' } },
      { path: 'departments', name: 'departments', component: () => import('@/features/departments/DepartmentsPage.vue'), meta: { title: '部门管理', permission: 'system:department:read' } },
      { path: 'users', name: 'users', component: () => import('@/features/users/UsersPage.vue'), meta: { title: '用户管理', permission: 'system:user:read' } },
      { path: 'roles', name: 'roles', component: () => import('@/features/roles/RolesPage.vue'), meta: { title: '角色管理', permission: 'system:role:read' } },
      { path: 'tokens', name: 'tokens', component: () => import('@/features/tokens/TokensPage.vue'), meta: { title: '对接令牌', permission: 'system:token:write' } },
      { path: 'subjects', name: 'subjects', component: () => import('@/features/subjects/SubjectsPage.vue'), meta: { title: '监管对象', permission: 'registry:subject:read' } },
      { path: 'subjects/import', name: 'subject-import', component: importPage, props: { kind: 'subjects' }, meta: { title: '批量导入监管对象', permission: 'registry:subject:write' } },
      { path: 'subjects/:id(\\d+)', name: 'subject', component: () => import('@/features/subjects/SubjectDetailPage.vue'), meta: { title: '监管对象详情', permission: 'registry:subject:read', menu: '/subjects' } },
      { path: 'tags', name: 'tags', component: () => import('@/features/tags/TagsPage.vue'), meta: { title: '标签', permission: 'registry:tag:read' } },
      { path: 'inspectors', name: 'inspectors', component: () => import('@/features/inspectors/InspectorsPage.vue'), meta: { title: '执法检查人员', permission: 'registry:inspector:read' } },
      { path: 'inspectors/import', name: 'inspector-import', component: importPage, props: { kind: 'inspectors' }, meta: { title: '批量导入执法检查人员', permission: 'registry:inspector:write' } },
      { path: 'items', name: 'items', component: () => import('@/features/items/ItemsPage.vue'), meta: { title: '监管事项目录', permission: 'registry:item:read' } },
      { path: 'items/import', name: 'item-import', component: importPage, props: { kind: 'items' }, meta: { title: '批量导入监管事项', permission: 'registry:item:write' } },
      { path: 'items/:id(\\d+)', name: 'item', component: () => import('@/features/items/ItemDetailPage.vue'), meta: { title: '监管事项详情', permission: 'registry:item:read', menu: '/items' } },
      { path: 'sampling-items', name: 'sampling-items', component: () => import('@/features/items/SamplingItemsPage.vue'), meta: { title: '随机抽查事项清单', permission: 'registry:item:read' } },
      { path: 'audit', name: 'audit', component: () => import('@/features/audit/AuditPage.vue'), meta: { title: '审计日志', permission: 'audit:log:read' } },
      { path: 'calendar', name: 'calendar', component: () => import('@/features/calendar/CalendarPage.vue'), meta: { title: '工作日历', permission: 'calendar:year:read' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/components/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.loaded) await auth.load().catch(notifyError);
  if (to.meta.public) return auth.loggedIn && to.name === 'login' ? { name: 'home' } : true;
  if (!auth.loggedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (to.meta.permission && !auth.can(to.meta.permission)) {
    ElMessage.warning(`没有访问“${to.meta.title ?? '该页面'}”的权限`);
    return { name: 'home' };
  }
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 联检` : '联检·跨部门协同监管平台';
});
