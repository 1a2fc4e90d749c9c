import { Calendar, Collection, Document, Finished, HomeFilled, Key, List, OfficeBuilding, Postcard, PriceTag, Setting, Shop, Tickets, Upload, User, UserFilled } from '@element-plus/icons-vue';
import type { Component } from 'vue';

export interface NavItem {
  path: string;
  title: string;
  icon: Component;
  testId: string;
  permission?: string;
  description?: string;
}

export interface NavGroup {
  key: string;
  title: string;
  icon: Component;
  children: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

export const isNavGroup = (entry: NavEntry): entry is NavGroup => 'children' in entry;

export const navigation: NavEntry[] = [
  { path: '/', title: '首页', icon: HomeFilled, testId: 'menu-home' },
  {
    key: 'system',
    title: '系统管理',
    icon: Setting,
    children: [
      { path: '/departments', title: '部门管理', icon: OfficeBuilding, testId: 'menu-departments', permission: 'system:department:read', description: '部门名录、上级部门与启停用' },
      { path: '/users', title: '用户管理', icon: User, testId: 'menu-users', permission: 'system:user:read', description: '实名账号、角色分配、重置密码与解锁' },
      { path: '/roles', title: '角色管理', icon: UserFilled, testId: 'menu-roles', permission: 'system:role:read', description: '角色、权限与数据范围' },
      { path: '/tokens', title: '对接令牌', icon: Key, testId: 'menu-tokens', permission: 'system:token:write', description: '外部系统对接用的 Bearer 令牌' },
    ],
  },
  {
    key: 'registry',
    title: '名录库',
    icon: Collection,
    children: [
      { path: '/subjects', title: '监管对象', icon: Shop, testId: 'menu-subjects', permission: 'registry:subject:read', description: '市场主体名录：信用代码校验、行业、信用分类与标签' },
      { path: '/subjects/import', title: '导入监管对象', icon: Upload, testId: 'menu-subject-import', permission: 'registry:subject:write', description: '从 Excel / CSV 文件新增或更新监管对象' },
      { path: '/tags', title: '标签', icon: PriceTag, testId: 'menu-tags', permission: 'registry:tag:read', description: '部门标签：含义、有效期，按行业/经营范围规则或名单标注' },
      { path: '/inspectors', title: '执法检查人员', icon: Postcard, testId: 'menu-inspectors', permission: 'registry:inspector:read', description: '执法证件有效期、执法领域与利害关系回避申报' },
      { path: '/inspectors/import', title: '导入检查人员', icon: Upload, testId: 'menu-inspector-import', permission: 'registry:inspector:write', description: '从 Excel / CSV 文件新增或更新执法检查人员' },
    ],
  },
  {
    key: 'items',
    title: '清单管理',
    icon: List,
    children: [
      { path: '/items', title: '监管事项目录', icon: Tickets, testId: 'menu-items', permission: 'registry:item:read', description: '各部门监管事项、检查实施清单与版本记录' },
      { path: '/items/import', title: '导入监管事项', icon: Upload, testId: 'menu-item-import', permission: 'registry:item:write', description: '从 Excel / CSV 文件新增或更新监管事项及其检查实施清单，每次修改形成新版本' },
      { path: '/sampling-items', title: '随机抽查事项清单', icon: Finished, testId: 'menu-sampling-items', permission: 'registry:item:read', description: '抽查频次、按信用分类的抽查比例与公布' },
    ],
  },
  { path: '/audit', title: '审计日志', icon: Document, testId: 'menu-audit', permission: 'audit:log:read', description: '操作留痕与哈希链校验' },
  { path: '/calendar', title: '工作日历', icon: Calendar, testId: 'menu-calendar', permission: 'calendar:year:read', description: '法定节假日、调休与工作日计算' },
];

/** The entries the user may open; groups with no allowed child disappear. */
export function allowedNavigation(can: (code: string) => boolean): NavEntry[] {
  const allowed = (item: NavItem) => !item.permission || can(item.permission);
  return navigation.flatMap((entry): NavEntry[] => {
    if (!isNavGroup(entry)) return allowed(entry) ? [entry] : [];
    const children = entry.children.filter(allowed);
    return children.length ? [{ ...entry, children }] : [];
  });
}
