import { ElMessage } from 'element-plus';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { notifyError } from '@/api/notify';
import { useAuthStore } from '@/stores/auth';
import MainLayout from '@/layouts/MainLayout.vue';
import { publicDrawRoutes } from '@/features/draws/publicRoutes';
import { publicNoticeRoutes } from '@/features/notices/publicRoutes';
import { noticeRoutes } from '@/features/notices/routes';
import { riskAssessmentRoutes } from '@/features/risk-assessment/routes';
import { dualNoticeRoutes, publicDualNoticeRoutes } from '@/features/dual-notice/routes';
import { creditMeasureRoutes, publicCreditMeasureRoutes } from '@/features/credit-measures/routes';
import { complaintIntakeRoutes, publicComplaintRoutes } from '@/features/complaints/routes';
import { publicPortalContentRoutes } from '@/features/portal/routes';
import { portalContentRoutes } from '@/features/portal-content/routes';
import { warningRoutes } from '@/features/warnings/routes';
import { performanceRoutes } from '@/features/performance/routes';
import { transferRoutes } from '@/features/transfers/routes';
import { complaintHandlingRoutes } from '@/features/complaint-handling/routes';
import { workPortalRoutes } from '@/features/work-portal/routes';
import { aggregationRoutes } from '@/features/aggregation/routes';
import { dataUseRoutes } from '@/features/audit/dataUseRoutes';
import PublicLayout from '@/layouts/PublicLayout.vue';
import './meta';
import {
  importKinds as recordImportKinds,
  kindTitles as recordTitles,
  writePermissions as recordWrite,
} from '@/features/records/labels';

/** One page serves every register's import; the route gives the kind. */
const importPage = () => import('@/features/imports/ImportPage.vue');

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/features/auth/LoginPage.vue'),
    meta: { title: '登录', public: true },
  },
  {
    // A full page outside the main layout: after the first login or a reset nothing else opens until it is done.
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/features/auth/ChangePasswordPage.vue'),
    meta: { title: '修改密码' },
  },
  {
    // The public portal (no login); its menu is layouts/publicNavigation.ts.
    path: '/public',
    component: PublicLayout,
    meta: { public: true },
    children: [
      // The portal's home, 监管事项目录, 曝光台, 一业一册, 知识库 and 监管动态 (features/portal, src/portal-content).
      ...publicPortalContentRoutes,
      {
        path: 'plans',
        name: 'public-plans',
        component: () => import('@/features/plans/PublicPlansPage.vue'),
        meta: { title: '抽查计划公示', public: true },
      },
      {
        path: 'plans/:kind(annual|special)/:id(\\d+)',
        name: 'public-plan',
        component: () => import('@/features/plans/PublicPlanPage.vue'),
        meta: { title: '抽查计划公示', public: true },
      },
      {
        path: 'sampling-items',
        name: 'public-sampling-items',
        component: () => import('@/features/portal/PublicSamplingItemsPage.vue'),
        meta: { title: '随机抽查事项清单', public: true },
      },
      {
        path: 'audit-checkpoints',
        name: 'public-audit-checkpoints',
        component: () => import('@/features/portal/PublicAuditCheckpointsPage.vue'),
        meta: { title: '审计日志检查点', public: true },
      },
      // 任务公告 and each draw's verification page (features/draws).
      ...publicDrawRoutes,
      // 检查码 verification and the enterprise view (features/notices).
      ...publicNoticeRoutes,
      // 双告知事项目录 (features/dual-notice).
      ...publicDualNoticeRoutes,
      ...publicCreditMeasureRoutes,
      // 投诉举报 (features/portal).
      ...publicComplaintRoutes,
      // 抽查结果公告 (features/results).
      {
        path: 'results',
        name: 'public-results',
        component: () => import('@/features/results/PublicResultsPage.vue'),
        meta: { title: '抽查结果公告', public: true },
      },
      {
        path: 'publicity',
        name: 'public-publicity',
        component: () => import('@/features/portal/PublicPublicityPage.vue'),
        meta: { title: '双公示', public: true },
      },
      {
        path: 'credit-repair',
        name: 'public-credit-repair',
        component: () => import('@/features/credit-repair/PublicCreditRepairPage.vue'),
        meta: { title: '信用修复', public: true },
      },
    ],
  },
  {
    path: '/',
    component: MainLayout,
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/features/work-portal/HomePage.vue'),
        meta: { title: '首页' },
        // An inspector's home is the day's tasks (我的检查), not the desk overview: they land there after login too.
        beforeEnter: () => (useAuthStore().inspectsInField ? { name: 'my-inspections' } : true),
      },
      {
        path: 'departments',
        name: 'departments',
        component: () => import('@/features/departments/DepartmentsPage.vue'),
        meta: { title: '部门管理', permission: 'system:department:read' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/features/users/UsersPage.vue'),
        meta: { title: '用户管理', permission: 'system:user:read' },
      },
      {
        path: 'roles',
        name: 'roles',
        component: () => import('@/features/roles/RolesPage.vue'),
        meta: { title: '角色管理', permission: 'system:role:read' },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('@/features/settings/SettingsPage.vue'),
        meta: { title: '系统设置', permission: 'system:setting:write' },
      },
      {
        path: 'sessions',
        name: 'sessions',
        component: () => import('@/features/sessions/SessionsPage.vue'),
        meta: { title: '在线会话', permission: 'system:session:manage' },
      },
      {
        path: 'tokens',
        name: 'tokens',
        component: () => import('@/features/tokens/TokensPage.vue'),
        meta: { title: '对接令牌', permission: 'system:token:write' },
      },
      {
        path: 'subjects',
        name: 'subjects',
        component: () => import('@/features/subjects/SubjectsPage.vue'),
        meta: { title: '监管对象', permission: 'registry:subject:read' },
      },
      {
        path: 'subjects/import',
        name: 'subject-import',
        component: importPage,
        props: { kind: 'subjects' },
        meta: { title: '批量导入监管对象', permission: 'registry:subject:write' },
      },
      // 许可与处罚: received registrations, licences and penalties (features/records).
      ...(['registrations', 'licences', 'penalties'] as const).flatMap((kind) => [
        {
          path: `records/${kind}`,
          name: `records-${kind}`,
          component: () => import('@/features/records/RecordListPage.vue'),
          props: { kind },
          meta: { title: recordTitles[kind], permission: 'records:read' as const },
        },
        {
          path: `records/${kind}/import`,
          name: `records-${kind}-import`,
          component: importPage,
          props: { kind: recordImportKinds[kind] },
          meta: { title: `批量导入${recordTitles[kind]}`, permission: recordWrite[kind], menu: `/records/${kind}` },
        },
        {
          path: `records/${kind}/:id(\\d+)`,
          name: `records-${kind}-detail`,
          component: () => import('@/features/records/RecordDetailPage.vue'),
          props: (route: { params: Record<string, unknown> }) => ({ kind, id: String(route.params['id']) }),
          meta: { title: `${recordTitles[kind]}详情`, permission: 'records:read' as const, menu: `/records/${kind}` },
        },
      ]),
      {
        path: 'subjects/:id(\\d+)',
        name: 'subject',
        component: () => import('@/features/subjects/SubjectDetailPage.vue'),
        meta: { title: '监管对象详情', permission: 'registry:subject:read', menu: '/subjects' },
      },
      {
        path: 'tags',
        name: 'tags',
        component: () => import('@/features/tags/TagsPage.vue'),
        meta: { title: '标签', permission: 'registry:tag:read' },
      },
      {
        path: 'inspectors',
        name: 'inspectors',
        component: () => import('@/features/inspectors/InspectorsPage.vue'),
        meta: { title: '执法检查人员', permission: 'registry:inspector:read' },
      },
      {
        path: 'inspectors/import',
        name: 'inspector-import',
        component: importPage,
        props: { kind: 'inspectors' },
        meta: { title: '批量导入执法检查人员', permission: 'registry:inspector:write' },
      },
      {
        path: 'items',
        name: 'items',
        component: () => import('@/features/items/ItemsPage.vue'),
        meta: { title: '监管事项目录', permission: 'registry:item:read' },
      },
      {
        path: 'items/import',
        name: 'item-import',
        component: importPage,
        props: { kind: 'items' },
        meta: { title: '批量导入监管事项', permission: 'registry:item:write' },
      },
      {
        path: 'items/:id(\\d+)',
        name: 'item',
        component: () => import('@/features/items/ItemDetailPage.vue'),
        meta: { title: '监管事项详情', permission: 'registry:item:read', menu: '/items' },
      },
      {
        path: 'sampling-items',
        name: 'sampling-items',
        component: () => import('@/features/items/SamplingItemsPage.vue'),
        meta: { title: '随机抽查事项清单', permission: 'registry:item:read' },
      },
      {
        path: 'plans/annual',
        name: 'annual-plans',
        component: () => import('@/features/plans/AnnualPlansPage.vue'),
        meta: { title: '年度日常检查计划', permission: 'plan:plan:read' },
      },
      {
        path: 'plans/annual/:id(\\d+)',
        name: 'annual-plan',
        component: () => import('@/features/plans/AnnualPlanPage.vue'),
        meta: { title: '年度日常检查计划', permission: 'plan:plan:read', menu: '/plans/annual' },
      },
      {
        path: 'plans/special',
        name: 'special-plans',
        component: () => import('@/features/plans/SpecialPlansPage.vue'),
        meta: { title: '专项检查方案', permission: 'plan:plan:read' },
      },
      {
        path: 'plans/special/:id(\\d+)',
        name: 'special-plan',
        component: () => import('@/features/plans/SpecialPlanPage.vue'),
        meta: { title: '专项检查方案', permission: 'plan:plan:read', menu: '/plans/special' },
      },
      {
        path: 'draws',
        name: 'draws',
        component: () => import('@/features/draws/DrawRoundsPage.vue'),
        meta: { title: '双随机抽取', permission: 'draw:round:read' },
      },
      {
        path: 'draws/:roundNo',
        name: 'draw-round',
        component: () => import('./DrawRoundRoute.vue'),
        props: true,
        meta: { title: '抽取轮次', permission: 'draw:round:read', menu: '/draws' },
      },
      {
        path: 'registrations',
        name: 'registrations',
        component: () => import('@/features/registrations/RegistrationsPage.vue'),
        meta: { title: '提前登记', permission: 'plan:registration:read' },
      },
      {
        path: 'merge-proposals',
        name: 'merge-proposals',
        component: () => import('@/features/registrations/ProposalsPage.vue'),
        meta: { title: '合并入企建议', permission: 'plan:registration:read' },
      },
      {
        path: 'tasks',
        name: 'tasks',
        component: () => import('@/features/tasks/TasksPage.vue'),
        meta: { title: '检查任务单', permission: 'task:task:read' },
      },
      {
        path: 'tasks/:taskNo',
        name: 'task',
        component: () => import('@/features/tasks/TaskPage.vue'),
        props: true,
        meta: { title: '检查任务', permission: 'task:task:read', menu: '/tasks' },
      },
      {
        path: 'results/deadlines',
        name: 'result-deadlines',
        component: () => import('@/features/results/ResultsDeadlinesPage.vue'),
        meta: { title: '结果审核与期限', permission: 'task:task:read' },
      },
      {
        path: 'follow-ups',
        name: 'follow-ups',
        component: () => import('@/features/follow-ups/FollowUpsPage.vue'),
        meta: { title: '照后证前跟踪', permission: 'followup:obligation:read' },
      },
      {
        path: 'follow-ups/applications',
        name: 'licence-applications',
        component: () => import('@/features/follow-ups/ApplicationsPage.vue'),
        meta: { title: '办证时限跟踪', permission: 'followup:application:read' },
      },
      // 信用与风险: credit records (features/credit-records).
      {
        path: 'credit/records',
        name: 'credit-records',
        component: () => import('@/features/credit-records/CreditRecordListPage.vue'),
        meta: { title: '信用记录', permission: 'credit:record:read' },
      },
      {
        path: 'credit/records/import',
        name: 'credit-records-import',
        component: importPage,
        props: { kind: 'credit-records' },
        meta: { title: '批量导入信用记录', permission: 'credit:record:write', menu: '/credit/records' },
      },
      {
        path: 'credit/records/:id(\\d+)',
        name: 'credit-record',
        component: () => import('@/features/credit-records/CreditRecordDetailPage.vue'),
        props: true,
        meta: { title: '信用记录详情', permission: 'credit:record:read', menu: '/credit/records' },
      },
      {
        path: 'credit/runs',
        name: 'credit-runs',
        component: () => import('@/features/credit-evaluation/CreditRunsPage.vue'),
        meta: { title: '信用评价', permission: 'credit:run:read' },
      },
      {
        path: 'credit/runs/:id(\\d+)',
        name: 'credit-run',
        component: () => import('@/features/credit-evaluation/CreditRunPage.vue'),
        meta: { title: '信用评价详情', permission: 'credit:run:read' },
      },
      {
        path: 'credit/model',
        name: 'credit-model',
        component: () => import('@/features/credit-evaluation/CreditModelPage.vue'),
        meta: { title: '信用评价模型', permission: 'credit:run:read' },
      },
      {
        path: 'key-targets',
        name: 'key-targets',
        component: () => import('@/features/key-targets/KeyTargetsPage.vue'),
        meta: { title: '重点抽查对象', permission: 'keytarget:write' },
      },
      {
        path: 'publicity',
        name: 'publicity',
        component: () => import('@/features/publicity/PublicityPage.vue'),
        meta: { title: '双公示', permission: 'publicity:record:read' },
      },
      {
        path: 'credit-repair',
        name: 'credit-repair',
        component: () => import('@/features/credit-repair/CreditRepairPage.vue'),
        meta: { title: '信用修复', permission: 'credit:repair:read' },
      },
      {
        path: 'credit-repair/:repairNo',
        name: 'credit-repair-detail',
        component: () => import('@/features/credit-repair/CreditRepairDetailPage.vue'),
        props: true,
        meta: { title: '信用修复申请', permission: 'credit:repair:read' },
      },
      {
        path: 'evaluations',
        name: 'evaluations',
        component: () => import('@/features/evaluations/EvaluationsPage.vue'),
        meta: { title: '检查评议', permission: 'task:task:read' },
      },
      ...noticeRoutes,
      ...riskAssessmentRoutes,
      {
        path: 'risk-assessments/import',
        name: 'risk-assessment-import',
        component: importPage,
        props: { kind: 'risk-levels' },
        meta: { title: '导入第三方风险评估结果', permission: 'risk:assessment:write', menu: '/risk-assessments' },
      },
      ...dualNoticeRoutes,
      ...portalContentRoutes,
      ...creditMeasureRoutes,
      ...complaintIntakeRoutes,
      ...warningRoutes,
      ...transferRoutes,
      ...complaintHandlingRoutes,
      ...performanceRoutes,
      ...workPortalRoutes,
      ...aggregationRoutes,
      ...dataUseRoutes,
      // The inspector's phone view (features/inspections): today's tasks, check-in, results, photos, submission.
      {
        path: 'm/tasks',
        name: 'my-inspections',
        component: () => import('@/features/inspections/MyTasksPage.vue'),
        meta: { title: '我的检查', permission: 'task:task:read' },
      },
      {
        path: 'm/tasks/:taskNo',
        name: 'inspection',
        component: () => import('@/features/inspections/InspectionPage.vue'),
        props: true,
        meta: { title: '检查记录', permission: 'task:task:read', menu: '/m/tasks' },
      },
      {
        path: 'inspection-records',
        name: 'inspection-records',
        component: () => import('@/features/inspection-records/InspectionRecordsPage.vue'),
        meta: { title: '检查记录与移送', permission: 'task:task:read' },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/features/notifications/NotificationsPage.vue'),
        meta: { title: '我的消息' },
      },
      {
        path: 'outbound-messages',
        name: 'outbound-messages',
        component: () => import('@/features/notifications/OutboundMessagesPage.vue'),
        meta: { title: '消息推送记录', permission: 'system:notify:read' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/features/audit/AuditPage.vue'),
        meta: { title: '审计日志', permission: 'audit:log:read' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/features/calendar/CalendarPage.vue'),
        meta: { title: '工作日历', permission: 'calendar:year:read' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/components/NotFoundPage.vue'),
        meta: { title: '页面不存在' },
      },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.loaded) await auth.load().catch(notifyError);
  if (to.meta.public) return auth.loggedIn && to.name === 'login' ? { name: 'home' } : true;
  if (!auth.loggedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (auth.me?.mustChangePassword && to.name !== 'change-password')
    return { name: 'change-password', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (to.meta.permission && !auth.can(to.meta.permission)) {
    ElMessage.warning(`没有访问“${to.meta.title ?? '该页面'}”的权限`);
    return { name: 'home' };
  }
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 联检` : '联检·跨部门协同监管平台';
});
