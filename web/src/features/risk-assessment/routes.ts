import type { RouteRecordRaw } from 'vue-router';

/** 行业安全风险评估 pages (children of the main layout); the third party's file goes through the shared import page (router/index.ts). */
export const riskAssessmentRoutes: RouteRecordRaw[] = [
  {
    path: 'risk-assessments',
    name: 'risk-assessments',
    component: () => import('./RiskAssessmentsPage.vue'),
    meta: { title: '风险评估', permission: 'risk:assessment:read' },
  },
  {
    path: 'risk-assessments/new',
    name: 'risk-assessment-new',
    component: () => import('./RiskAssessmentEditor.vue'),
    meta: { title: '新建风险评估', permission: 'risk:assessment:write', menu: '/risk-assessments' },
  },
  {
    path: 'risk-assessments/:id(\\d+)/edit',
    name: 'risk-assessment-edit',
    component: () => import('./RiskAssessmentEditor.vue'),
    meta: { title: '编辑风险评估', permission: 'risk:assessment:write', menu: '/risk-assessments' },
  },
  {
    path: 'risk-assessments/:id(\\d+)',
    name: 'risk-assessment',
    component: () => import('./RiskAssessmentDetail.vue'),
    meta: { title: '风险评估详情', permission: 'risk:assessment:read', menu: '/risk-assessments' },
  },
];
