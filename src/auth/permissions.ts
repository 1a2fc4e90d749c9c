import type { DataScope } from '../roles/role.table';

/** Every permission the platform checks, named `module:entity:action`. Later capabilities add theirs here. */
export const permissionCatalog = [
  { code: 'system:department:read', module: '系统管理', name: '查看部门' },
  { code: 'system:department:write', module: '系统管理', name: '新增、修改部门' },
  { code: 'system:user:read', module: '系统管理', name: '查看用户' },
  { code: 'system:user:write', module: '系统管理', name: '新增、修改用户，重置密码，解锁' },
  { code: 'system:role:read', module: '系统管理', name: '查看角色' },
  { code: 'system:role:write', module: '系统管理', name: '新增、修改角色' },
  { code: 'system:token:write', module: '系统管理', name: '签发、吊销系统对接令牌' },
  { code: 'system:session:manage', module: '系统管理', name: '查看在线会话，强制结束会话' },
  { code: 'audit:log:read', module: '审计', name: '查看审计日志' },
  { code: 'audit:log:verify', module: '审计', name: '校验审计日志哈希链' },
  { code: 'calendar:year:read', module: '工作日历', name: '查看工作日历' },
  { code: 'calendar:year:write', module: '工作日历', name: '载入年度节假日安排' },
  { code: 'registry:subject:read', module: '名录库', name: '查看监管对象' },
  { code: 'registry:subject:write', module: '名录库', name: '新增、修改监管对象（行业风险只改本部门的评级）' },
  {
    code: 'registry:subject:credit',
    module: '名录库',
    name: '维护监管对象的信用风险分类和白名单（信用主管部门）',
  },
  { code: 'registry:inspector:read', module: '名录库', name: '查看执法检查人员' },
  { code: 'registry:inspector:write', module: '名录库', name: '新增、修改执法检查人员，登记利害关系回避' },
  { code: 'registry:tag:read', module: '名录库', name: '查看标签' },
  { code: 'registry:tag:write', module: '名录库', name: '管理本部门标签并赋予对象' },
  { code: 'registry:item:read', module: '事项清单', name: '查看监管事项目录、检查实施清单和随机抽查事项' },
  { code: 'registry:item:write', module: '事项清单', name: '编制、修改本部门的监管事项和随机抽查事项' },
  { code: 'registry:item:publish', module: '事项清单', name: '公布、撤回本部门的随机抽查事项' },
  { code: 'draw:round:read', module: '双随机抽取', name: '查看抽取承诺、抽取记录和指标，下载审计包' },
  {
    code: 'draw:round:write',
    module: '双随机抽取',
    name: '承诺抽取参数、录入随机源并执行抽取（含说明理由的重新抽取）',
  },
  { code: 'task:task:read', module: '检查任务', name: '查看检查任务单（本部门或全部，含本人任务）' },
  {
    code: 'task:task:write',
    module: '检查任务',
    name: '检查任务排期、说明理由改期、选派执法检查人员、调整尚未排期的非抽取任务的检查期（本部门或全部）',
  },
  { code: 'task:result:write', module: '检查任务', name: '执法检查人员签到、录入检查结果与照片、提交结果（本人任务）' },
  { code: 'task:result:approve', module: '检查任务', name: '审核检查结果（通过或说明理由退回，本部门或全部）' },
  { code: 'task:notice:write', module: '检查任务', name: '生成检查告知书、签发和撤销检查码（本部门或全部）' },
  { code: 'plan:registration:read', module: '检查计划', name: '查看提前登记和合并入企建议（本部门或全部）' },
  { code: 'plan:registration:write', module: '检查计划', name: '提前登记、撤回登记，答复合并入企建议，执行自动匹配' },
  { code: 'plan:plan:read', module: '检查计划', name: '查看年度日常检查计划和专项检查方案' },
  { code: 'plan:plan:write', module: '检查计划', name: '报送本部门年度计划条目，起草、报送专项检查方案，答复征求意见' },
  {
    code: 'plan:plan:manage',
    module: '检查计划',
    name: '汇编、审核、公布年度计划，专项检查方案征求意见、批准与公布（联席会议办公室）',
  },
  { code: 'system:setting:write', module: '系统管理', name: '修改系统设置（随机抽查默认比例等）' },
  { code: 'system:notify:read', module: '系统管理', name: '查看消息推送记录（短信、政务微信网关）' },
  { code: 'system:notify:write', module: '系统管理', name: '重发推送失败的消息，手动执行期限提醒' },
  { code: 'dualnotice:catalog:write', module: '双告知双反馈', name: '起草、修改和发布双告知事项目录' },
  {
    code: 'dualnotice:notice:write',
    module: '双告知双反馈',
    name: '双告知工作台：调整告知事项、出具告知书、登记承诺书',
  },
  {
    code: 'dualnotice:push:read',
    module: '双告知双反馈',
    name: '查看推送的登记信息、共享池和双反馈逾期情况（本部门或全部）',
  },
  { code: 'dualnotice:push:write', module: '双告知双反馈', name: '签收推送的登记信息、从共享池认领、填写联合审核意见' },
] as const;

export type Permission = (typeof permissionCatalog)[number]['code'];
export const allPermissions: Permission[] = permissionCatalog.map((p) => p.code);

export function isPermission(code: string): code is Permission {
  return (allPermissions as string[]).includes(code);
}

interface BuiltinRole {
  code: string;
  name: string;
  description: string;
  dataScope: DataScope;
  permissions: Permission[];
}

const readBasics: Permission[] = [
  'system:department:read',
  'calendar:year:read',
  'registry:subject:read',
  'registry:tag:read',
  'registry:item:read',
  'plan:plan:read',
];

/** The built-in roles. Administrators may add roles; built-in ones can be edited but not removed. */
export const builtinRoles: BuiltinRole[] = [
  {
    code: 'platform_admin',
    name: '平台管理员',
    description: '部门、用户、角色、日历与系统设置',
    dataScope: 'all',
    permissions: allPermissions,
  },
  {
    code: 'joint_office',
    name: '联席会议办公室',
    description: '年度计划、专项检查会商与发布',
    dataScope: 'all',
    permissions: [
      ...readBasics,
      'system:user:read',
      'audit:log:read',
      'registry:inspector:read',
      'draw:round:read',
      'draw:round:write',
      'task:task:read',
      'task:task:write',
      'task:notice:write',
      'task:result:approve',
      'plan:registration:read',
      'plan:registration:write',
      'plan:plan:manage',
      'dualnotice:catalog:write',
      'dualnotice:push:read',
    ],
  },
  {
    code: 'dept_admin',
    name: '部门管理员',
    description: '管理本部门的用户与业务数据',
    dataScope: 'own_department',
    permissions: [
      ...readBasics,
      'system:department:write',
      'system:user:read',
      'system:user:write',
      'system:role:read',
      'audit:log:read',
      'registry:subject:write',
      'registry:tag:write',
      'registry:inspector:read',
      'registry:inspector:write',
      'registry:item:write',
      'registry:item:publish',
      'draw:round:read',
      'task:task:read',
      'task:task:write',
      'task:result:write',
      'task:result:approve',
      'task:notice:write',
      'plan:registration:read',
      'plan:registration:write',
      'plan:plan:write',
      'dualnotice:push:read',
      'dualnotice:push:write',
    ],
  },
  {
    code: 'dept_staff',
    name: '业务人员',
    description: '本部门的清单、计划、任务与结果',
    dataScope: 'own_department',
    permissions: [
      ...readBasics,
      'registry:tag:write',
      'registry:inspector:read',
      'registry:item:write',
      'task:task:read',
      'task:task:write',
      'task:notice:write',
      'plan:registration:read',
      'plan:registration:write',
      'plan:plan:write',
      'dualnotice:push:read',
      'dualnotice:push:write',
    ],
  },
  {
    code: 'inspector',
    name: '执法检查人员',
    description: '移动端任务、检查码与检查结果',
    dataScope: 'own_department',
    permissions: [
      'calendar:year:read',
      'registry:subject:read',
      'registry:item:read',
      'task:task:read',
      'task:result:write',
    ],
  },
  {
    code: 'licensing',
    name: '登记注册/许可审批',
    description: '双告知、双反馈的登记与许可数据',
    dataScope: 'own_department',
    permissions: [
      ...readBasics,
      'registry:subject:write',
      'dualnotice:catalog:write',
      'dualnotice:notice:write',
      'dualnotice:push:read',
      'dualnotice:push:write',
    ],
  },
  {
    code: 'credit_office',
    name: '信用主管部门',
    description: '信用评价、联合奖惩、信用修复',
    dataScope: 'all',
    permissions: [...readBasics, 'registry:subject:credit'],
  },
  {
    code: 'supervision_office',
    name: '督查部门',
    description: '时限督办、部门绩效评估',
    dataScope: 'all',
    permissions: [
      ...readBasics,
      'system:user:read',
      'audit:log:read',
      'audit:log:verify',
      'registry:inspector:read',
      'draw:round:read',
      'task:task:read',
      'plan:registration:read',
      'dualnotice:push:read',
    ],
  },
];
