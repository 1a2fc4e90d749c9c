/**
 * The public portal's menu (公开信息, no login). A capability that publishes something adds its entry
 * here and its route under /public in router/index.ts; entries without a page yet show PortalPlaceholder.
 */
export interface PublicNavItem {
  path: string;
  title: string;
  testId: string;
}

export const publicNavigation: PublicNavItem[] = [
  { path: '/public/catalog', title: '事项目录', testId: 'public-nav-catalog' },
  { path: '/public/plans', title: '抽查计划', testId: 'public-nav-plans' },
  { path: '/public/sampling-items', title: '抽查事项', testId: 'public-nav-items' },
  { path: '/public/announcements', title: '任务公告', testId: 'public-nav-tasks' },
  { path: '/public/results', title: '抽查结果', testId: 'public-nav-results' },
  { path: '/public/publicity', title: '双公示', testId: 'public-nav-publicity' },
  { path: '/public/credit-measures', title: '联合奖惩', testId: 'public-nav-credit-measures' },
  { path: '/public/exposure', title: '曝光台', testId: 'public-nav-exposure' },
  { path: '/public/guides', title: '一业一册', testId: 'public-nav-guides' },
  { path: '/public/knowledge', title: '知识库', testId: 'public-nav-knowledge' },
  { path: '/public/news', title: '监管动态', testId: 'public-nav-news' },
  { path: '/public/complaints', title: '投诉举报', testId: 'public-nav-complaints' },
  { path: '/public/enterprise', title: '企业查询', testId: 'public-nav-enterprise' },
  { path: '/public/dual-notice-catalog', title: '双告知目录', testId: 'public-nav-dual-notice' },
  { path: '/public/credit-repair', title: '信用修复', testId: 'public-nav-credit-repair' },
  { path: '/public/audit-checkpoints', title: '审计日志检查点', testId: 'public-nav-audit-checkpoints' },
];
