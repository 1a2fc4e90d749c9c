import {
  Aim,
  Bell,
  Calendar,
  Collection,
  Connection,
  DataAnalysis,
  Document,
  EditPen,
  Finished,
  HomeFilled,
  Flag,
  Key,
  List,
  Medal,
  Memo,
  Message,
  Monitor,
  OfficeBuilding,
  Postcard,
  PriceTag,
  Setting,
  Shop,
  Stamp,
  Tickets,
  Search,
  Upload,
  User,
  UserFilled,
  Warning,
} from '@element-plus/icons-vue';
import type { Permission } from '@server/auth/permissions';
import type { Component } from 'vue';

export interface NavItem {
  path: string;
  title: string;
  icon: Component;
  testId: string;
  permission?: Permission;
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
      {
        path: '/departments',
        title: '部门管理',
        icon: OfficeBuilding,
        testId: 'menu-departments',
        permission: 'system:department:read',
        description: '部门名录、上级部门与启停用',
      },
      {
        path: '/users',
        title: '用户管理',
        icon: User,
        testId: 'menu-users',
        permission: 'system:user:read',
        description: '实名账号、角色分配、重置密码与解锁',
      },
      {
        path: '/roles',
        title: '角色管理',
        icon: UserFilled,
        testId: 'menu-roles',
        permission: 'system:role:read',
        description: '角色、权限与数据范围',
      },
      {
        path: '/settings',
        title: '系统设置',
        icon: Setting,
        testId: 'menu-settings',
        permission: 'system:setting:write',
        description: '监管规则：每年日常检查次数、同一事项检查次数、年度计划公布截止日',
      },
      {
        path: '/sessions',
        title: '在线会话',
        icon: Monitor,
        testId: 'menu-sessions',
        permission: 'system:session:manage',
        description: '当前登录的用户、登录地址与浏览器，强制结束会话',
      },
      {
        path: '/tokens',
        title: '对接令牌',
        icon: Key,
        testId: 'menu-tokens',
        permission: 'system:token:write',
        description: '外部系统对接用的 Bearer 令牌',
      },
      {
        path: '/outbound-messages',
        title: '消息推送记录',
        icon: Message,
        testId: 'menu-outbound-messages',
        permission: 'system:notify:read',
        description: '短信、政务微信网关的推送状态，重发失败消息，执行期限提醒',
      },
    ],
  },
  {
    key: 'registry',
    title: '名录库',
    icon: Collection,
    children: [
      {
        path: '/subjects',
        title: '监管对象',
        icon: Shop,
        testId: 'menu-subjects',
        permission: 'registry:subject:read',
        description: '市场主体名录：信用代码校验、行业、信用分类与标签',
      },
      {
        path: '/subjects/import',
        title: '导入监管对象',
        icon: Upload,
        testId: 'menu-subject-import',
        permission: 'registry:subject:write',
        description: '从 Excel / CSV 文件新增或更新监管对象',
      },
      {
        path: '/tags',
        title: '标签',
        icon: PriceTag,
        testId: 'menu-tags',
        permission: 'registry:tag:read',
        description: '部门标签：含义、有效期，按行业/经营范围规则或名单标注',
      },
      {
        path: '/inspectors',
        title: '执法检查人员',
        icon: Postcard,
        testId: 'menu-inspectors',
        permission: 'registry:inspector:read',
        description: '执法证件有效期、执法领域与利害关系回避申报',
      },
      {
        path: '/inspectors/import',
        title: '导入检查人员',
        icon: Upload,
        testId: 'menu-inspector-import',
        permission: 'registry:inspector:write',
        description: '从 Excel / CSV 文件新增或更新执法检查人员',
      },
    ],
  },
  {
    key: 'records',
    title: '许可与处罚',
    icon: Stamp,
    children: [
      {
        path: '/records/registrations',
        title: '登记注册信息',
        icon: Postcard,
        testId: 'menu-records-registrations',
        permission: 'records:read',
        description: '市场主体设立、变更、注销登记（接口、批量、在线接收），同步名录库',
      },
      {
        path: '/records/licences',
        title: '行政许可信息',
        icon: Stamp,
        testId: 'menu-records-licences',
        permission: 'records:read',
        description: '行政许可决定（国家“双公示”数据项），含市级、国家机关作出的许可',
      },
      {
        path: '/records/penalties',
        title: '行政处罚信息',
        icon: Warning,
        testId: 'menu-records-penalties',
        permission: 'records:read',
        description: '行政处罚决定（国家“双公示”数据项），自然人证件号码只显示脱敏形式',
      },
    ],
  },
  {
    key: 'credit',
    title: '信用与风险',
    icon: Medal,
    children: [
      {
        path: '/credit/records',
        title: '信用记录',
        icon: Medal,
        testId: 'menu-credit-records',
        permission: 'credit:record:read',
        description: '行政处罚、许可撤销吊销、检查发现问题、经营异常名录等信用记录（接口、批量、在线）与更正',
      },
      {
        path: '/key-targets',
        title: '重点抽查对象',
        icon: Aim,
        testId: 'menu-key-targets',
        permission: 'keytarget:write',
        description: '依信用记录、信用评价自动列入或人工列入的重点抽查对象，含原因、来源和有效期',
      },
      {
        path: '/credit/runs',
        title: '信用评价',
        icon: DataAnalysis,
        testId: 'menu-credit-runs',
        permission: 'credit:run:read',
        description: '公共信用综合评价：按季度运行，A、B、C、D 分类的变动与原因，复核、推送各部门，分布图表',
      },
      {
        path: '/credit/model',
        title: '信用评价模型',
        icon: Tickets,
        testId: 'menu-credit-model',
        permission: 'credit:run:read',
        description: '指标、权重、时间衰减、一票否决与分类分界，起草与发布版本',
      },
      {
        path: '/risk-assessments',
        title: '风险评估',
        icon: Warning,
        testId: 'menu-risk-assessments',
        permission: 'risk:assessment:read',
        description: '行业安全风险评估：评估规则、规则计算或导入第三方结果、发布等级与风险评估报告',
      },
      {
        path: '/credit-repair',
        title: '信用修复',
        icon: Stamp,
        testId: 'menu-credit-repair',
        permission: 'credit:repair:read',
        description: '企业网上或窗口申请信用修复，受理、补正、核准或不予修复，逾期清单；核准后提前停止公示',
      },
      {
        path: '/credit-measures/measures',
        title: '联合奖惩措施清单',
        icon: Tickets,
        testId: 'menu-credit-measures',
        permission: 'credit:measure:read',
        description: '激励与惩戒措施：具体事项、实施对象、实施手段、实施主体、实施依据，发布后向社会公开',
      },
      {
        path: '/credit-measures/cases',
        title: '联合奖惩对象',
        icon: Flag,
        testId: 'menu-credit-measure-cases',
        permission: 'credit:measure:read',
        description: '发起联合奖惩、各实施部门登记实施反馈，10 个工作日逾期清单',
      },
    ],
  },
  {
    key: 'signals',
    title: '投诉与预警',
    icon: Bell,
    children: [
      // 投诉举报 (src/complaints): intake and public side
      {
        path: '/complaints/entry',
        title: '窗口录入投诉举报',
        icon: EditPen,
        testId: 'menu-complaint-entry',
        permission: 'complaint:write',
        description: '来访、来信、来电的投诉举报登记；举报人身份加密保存，12345 热线和互联网+监管系统经接口推送',
      },
      {
        path: '/complaints/rewards',
        title: '举报奖励',
        icon: Medal,
        testId: 'menu-complaint-rewards',
        permission: 'complaint:dispatch',
        description: '核查属实的举报，记录予以奖励或不予奖励的决定；举报人在门户查询中看到决定',
      },

      // 投诉举报 (src/complaints): dispatch, handling, 督办
      {
        path: '/complaints',
        title: '投诉举报',
        icon: Message,
        testId: 'menu-complaints',
        permission: 'complaint:read',
        description: '分派、受理、核查、答复，时限与超期，按状态和事项的统计',
      },
      {
        path: '/complaints/queue',
        title: '待分派',
        icon: Connection,
        testId: 'menu-complaint-queue',
        permission: 'complaint:dispatch',
        description: '分派规则未能确定唯一部门的、部门退回的投诉举报，由联席办指定承办部门',
      },
      {
        path: '/complaints/supervision',
        title: '投诉举报督办',
        icon: Warning,
        testId: 'menu-complaint-supervision',
        permission: 'complaint:supervise',
        description: '超期的投诉举报：督办、挂牌督办，超期工作日数',
      },
      {
        path: '/complaints/matters',
        title: '投诉事项与时限',
        icon: Calendar,
        testId: 'menu-complaint-matters',
        permission: 'complaint:read',
        description: '各事项受理、核查、答复的时限（工作日）',
      },
      {
        path: '/complaints/dispatch-rules',
        title: '投诉分派规则',
        icon: Setting,
        testId: 'menu-complaint-rules',
        permission: 'complaint:read',
        description: '按事项、行业、区划确定承办部门',
      },

      // 风险预警 (src/warnings)
      {
        path: '/warnings',
        title: '风险预警',
        icon: Warning,
        testId: 'menu-warnings',
        permission: 'warning:read',
        description: '预警规则定时运行，命中情形发给责任部门核查、处置、反馈；误报计入命中率；按等级、部门、状态统计',
      },

      // 移送与协查 (src/transfers)
      {
        path: '/transfers',
        title: '案件移送与线索移送',
        icon: Connection,
        testId: 'menu-transfers',
        permission: 'transfer:read',
        description: '案件移送、线索移送到平台内部门或公安机关、检察机关（行刑衔接），受理、退回和办理结果',
      },
      {
        path: '/transfers/assistance',
        title: '协查请求',
        icon: Memo,
        testId: 'menu-transfers-assistance',
        permission: 'transfer:read',
        description: '执法协助、协查协办：提出请求、受理答复，可安排现场核查任务，逾期清单',
      },
      {
        path: '/transfers/copies',
        title: '抄告抄送',
        icon: Message,
        testId: 'menu-transfers-copies',
        permission: 'transfer:read',
        description: '违法案件、处罚决定等抄告相关部门，签阅和回复',
      },
    ],
  },
  {
    key: 'analysis',
    title: '分析评价',
    icon: DataAnalysis,
    children: [
      // 领导驾驶舱 (src/work-portal)
      {
        path: '/dashboard',
        title: '领导驾驶舱',
        icon: DataAnalysis,
        testId: 'menu-dashboard',
        permission: 'dashboard:read',
        description:
          '监管对象、检查完成与计划、联合检查、期限执行、投诉预警、信用与风险分布，按部门、区划、月份，点击图表打开对应清单',
      },

      // 监管履职评价 (src/performance)
      {
        path: '/performance',
        title: '履职评价',
        icon: Medal,
        testId: 'menu-performance',
        permission: 'performance:read',
        description: '日常评价排名与年度评价，逐级查看各部门得分和失分依据，年度评价结果报告区政府',
      },
      {
        path: '/performance/indicators',
        title: '评价指标体系',
        icon: Setting,
        testId: 'menu-performance-indicators',
        permission: 'performance:read',
        description: '监管事项清单管理、数据汇聚、履职情况、系统信息维护的指标、分值和计分规则，按版本发布',
      },
      {
        path: '/performance/notices',
        title: '整改通知',
        icon: Bell,
        testId: 'menu-performance-notices',
        permission: 'performance:read',
        description: '未认领事项、未编制清单、未报送或逾期未整改数据的限期整改通知，部门反馈，逾期通报',
      },
    ],
  },
  {
    key: 'aggregation',
    title: '数据汇聚',
    icon: Upload,
    children: [
      // 汇聚批次、异常数据、在线填报、省级交换导出 (src/aggregation); 数据使用记录 (src/audit)
      {
        path: '/aggregation/anomalies',
        title: '异常数据',
        icon: Warning,
        testId: 'menu-aggregation-anomalies',
        permission: 'aggregation:read',
        description: '未报送、报送错误、报送不一致的数据，5 个工作日内整改重报',
      },
      {
        path: '/aggregation/batches',
        title: '汇聚批次',
        icon: Tickets,
        testId: 'menu-aggregation-batches',
        permission: 'aggregation:read',
        description: '各部门通过接口、批量文件、在线填报报送的监管数据',
      },
      {
        path: '/aggregation/entry',
        title: '在线填报',
        icon: EditPen,
        testId: 'menu-aggregation-entry',
        permission: 'aggregation:write',
        description: '逐条填报或上传批量文件，校验规则与接口相同',
      },
      {
        path: '/aggregation/records',
        title: '监管行为信息库',
        icon: Collection,
        testId: 'menu-aggregation-records',
        permission: 'aggregation:read',
        description: '汇聚的监管计划、行政检查、行政强制和其他监管行为',
      },
      {
        path: '/aggregation/spec',
        title: '接口说明',
        icon: Document,
        testId: 'menu-aggregation-spec',
        permission: 'aggregation:read',
        description: '数据汇聚接口的字段、示例和错误码',
      },
      {
        path: '/aggregation/exchange',
        title: '省级交换导出',
        icon: Connection,
        testId: 'menu-aggregation-exchange',
        permission: 'aggregation:manage',
        description: '按省监管数据中心交换格式导出，已交换的以 u、d 增量交换',
      },
      {
        path: '/aggregation/data-use',
        title: '数据使用记录',
        icon: Memo,
        testId: 'menu-data-use',
        permission: 'audit:export:read',
        description: '谁导出了什么、谁查阅了个人信息',
      },
    ],
  },
  {
    key: 'portal-content',
    title: '服务门户',
    icon: Document,
    children: [
      // 曝光台、监管动态、知识库、一业一册 (src/portal-content)
      {
        path: '/portal-content/exposure-cases',
        title: '曝光台',
        icon: Warning,
        testId: 'menu-portal-exposure',
        permission: 'portal:content:write',
        description: '发布、更新、撤回本部门的典型案件曝光，保留发布记录',
      },
      {
        path: '/portal-content/news',
        title: '监管动态',
        icon: Message,
        testId: 'menu-portal-news',
        permission: 'portal:content:write',
        description: '发布本部门的监管工作动态，纳入履职效能评估',
      },
      {
        path: '/portal-content/knowledge',
        title: '知识库',
        icon: Collection,
        testId: 'menu-portal-knowledge',
        permission: 'portal:content:write',
        description: '法律、法规、规章、规范性文件与典型案例，门户全文检索',
      },
      {
        path: '/portal-content/guides',
        title: '一业一册',
        icon: Tickets,
        testId: 'menu-portal-guides',
        permission: 'portal:guide:write',
        description: '各行业合规经营指南：联席办指定牵头部门，牵头部门编写、发布，门户与检查码页面展示',
      },
    ],
  },
  {
    key: 'items',
    title: '清单管理',
    icon: List,
    children: [
      {
        path: '/items',
        title: '监管事项目录',
        icon: Tickets,
        testId: 'menu-items',
        permission: 'registry:item:read',
        description: '各部门监管事项、检查实施清单与版本记录',
      },
      {
        path: '/items/import',
        title: '导入监管事项',
        icon: Upload,
        testId: 'menu-item-import',
        permission: 'registry:item:write',
        description: '从 Excel / CSV 文件新增或更新监管事项及其检查实施清单，每次修改形成新版本',
      },
      {
        path: '/sampling-items',
        title: '随机抽查事项清单',
        icon: Finished,
        testId: 'menu-sampling-items',
        permission: 'registry:item:read',
        description: '抽查频次、按信用分类的抽查比例与公布',
      },
    ],
  },
  {
    key: 'plans',
    title: '检查计划',
    icon: Memo,
    children: [
      {
        path: '/plans/annual',
        title: '年度日常检查计划',
        icon: Calendar,
        testId: 'menu-annual-plans',
        permission: 'plan:plan:read',
        description: '部门报送、联合抽查事项、审核与 3 月底前公布',
      },
      {
        path: '/plans/special',
        title: '专项检查方案',
        icon: Flag,
        testId: 'menu-special-plans',
        permission: 'plan:plan:read',
        description: '专项检查与全项彻查：报送、征求意见（5 个工作日）、批准与公布',
      },
    ],
  },
  {
    path: '/draws',
    title: '双随机抽取',
    icon: Aim,
    testId: 'menu-draws',
    permission: 'draw:round:read',
    description: '承诺、录入随机源、抽取、审核与发布任务公告',
  },
  {
    key: 'joint',
    title: '联合检查',
    icon: Connection,
    children: [
      {
        path: '/registrations',
        title: '提前登记',
        icon: EditPen,
        testId: 'menu-registrations',
        permission: 'plan:registration:read',
        description: '登记计划入企检查，按白名单、年度次数和同一事项规则校验',
      },
      {
        path: '/merge-proposals',
        title: '合并入企建议',
        icon: Connection,
        testId: 'menu-merge-proposals',
        permission: 'plan:registration:read',
        description: '自动匹配同一主体、检查期重叠的登记与抽取任务，各部门接受或拒绝',
      },
      {
        path: '/tasks',
        title: '检查任务单',
        icon: Tickets,
        testId: 'menu-tasks',
        permission: 'task:task:read',
        description: '本部门与本人的检查任务：对象、检查期、各部门事项与检查人员',
      },
      {
        path: '/results/deadlines',
        title: '结果审核与期限',
        icon: Tickets,
        testId: 'menu-result-deadlines',
        permission: 'task:task:read',
        description: '各部门待录入（7 个工作日）、待审核、待公示（20 个工作日）与逾期情况；审核通过或退回检查结果',
      },
      {
        path: '/evaluations',
        title: '检查评议',
        icon: DataAnalysis,
        testId: 'menu-evaluations',
        permission: 'task:task:read',
        description:
          '检查对象评价汇总：满意度、投诉与评价率，按部门、行业、联合与单部门、现场与非现场及月份分析，导出 Excel',
      },
      {
        path: '/m/tasks',
        title: '我的检查',
        icon: EditPen,
        testId: 'menu-my-inspections',
        permission: 'task:result:write',
        description: '执法检查人员（手机）：今日任务、现场签到、逐项录入结果与照片、提交与反馈单',
      },
      {
        path: '/inspection-records',
        title: '检查记录与移送',
        icon: Document,
        testId: 'menu-inspection-records',
        permission: 'task:task:read',
        description: '导出行政检查行为数据、法治体检报告、移送立案查处与非现场检查',
      },
      {
        path: '/publicity',
        title: '双公示',
        icon: Postcard,
        testId: 'menu-publicity',
        permission: 'publicity:record:read',
        description: '行政许可、行政处罚 7 个工作日内公示，推送信用平台，逾期清单与导出',
      },
    ],
  },
  {
    key: 'dual-notice',
    title: '双告知双反馈',
    icon: Bell,
    children: [
      {
        path: '/dual-notice/workbench',
        title: '双告知工作台',
        icon: EditPen,
        testId: 'menu-dual-notice-workbench',
        permission: 'dualnotice:notice:write',
        description: '新登记市场主体的匹配审批事项、告知书、承诺书与联合审核',
      },
      {
        path: '/dual-notice/inbox',
        title: '登记信息签收',
        icon: Bell,
        testId: 'menu-dual-notice-inbox',
        permission: 'dualnotice:push:write',
        description: '推送给本部门的登记信息：1 个工作日内签收，联合审核意见',
      },
      {
        path: '/dual-notice/pool',
        title: '登记信息共享池',
        icon: Search,
        testId: 'menu-dual-notice-pool',
        permission: 'dualnotice:push:write',
        description: '审批部门不明确的登记信息：按名称、信用代码、经营范围查询并认领',
      },
      {
        path: '/dual-notice/overdue',
        title: '双反馈逾期',
        icon: Warning,
        testId: 'menu-dual-notice-overdue',
        permission: 'dualnotice:push:read',
        description: '逾期未签收、逾期签收与许可信息逾期反馈，按部门统计',
      },
      {
        path: '/dual-notice/catalog',
        title: '双告知事项目录',
        icon: Tickets,
        testId: 'menu-dual-notice-catalog',
        permission: 'dualnotice:push:read',
        description: '后置审批事项与审批、主管、执法部门，起草与发布版本',
      },
    ],
  },
  {
    path: '/audit',
    title: '审计日志',
    icon: Document,
    testId: 'menu-audit',
    permission: 'audit:log:read',
    description: '操作留痕与哈希链校验',
  },
  {
    path: '/calendar',
    title: '工作日历',
    icon: Calendar,
    testId: 'menu-calendar',
    permission: 'calendar:year:read',
    description: '法定节假日、调休与工作日计算',
  },
  {
    key: 'follow-ups',
    title: '双跟踪',
    icon: Finished,
    children: [
      {
        path: '/follow-ups',
        title: '照后证前跟踪',
        icon: Finished,
        testId: 'menu-follow-ups',
        permission: 'followup:obligation:read',
        description: '登记注册后 2 个月内的跟踪检查：待跟踪、逾期、已跟踪、取得许可免于跟踪，纳入日常监管',
      },
      {
        path: '/follow-ups/applications',
        title: '办证时限跟踪',
        icon: DataAnalysis,
        testId: 'menu-licence-applications',
        permission: 'followup:application:read',
        description: '许可申请的已用工作日与承诺、法定办结时限，超时标色，各部门统计',
      },
    ],
  },
];

/** The entries the user may open; groups with no allowed child disappear. */
export function allowedNavigation(can: (code: Permission) => boolean): NavEntry[] {
  const allowed = (item: NavItem) => !item.permission || can(item.permission);
  return navigation.flatMap((entry): NavEntry[] => {
    if (!isNavGroup(entry)) return allowed(entry) ? [entry] : [];
    const children = entry.children.filter(allowed);
    return children.length ? [{ ...entry, children }] : [];
  });
}
