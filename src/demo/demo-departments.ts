import type { DepartmentKind } from '../departments/department.table';

/** 日照市 (GB/T 2260: 371100): the departments of 《关于深入推进跨部门综合监管的实施意见》附件, plus the joint-meeting office and the licensing bureau. */
export const DEMO_DIVISION = '371100';

export const demoDepartments: { name: string; kind: DepartmentKind; parent?: string }[] = [
  { name: '市大数据局', kind: '平台管理' },
  { name: '市市场监督管理局', kind: '登记注册' },
  { name: '市跨部门综合监管联席会议办公室', kind: '联席会议办公室', parent: '市市场监督管理局' },
  { name: '市行政审批服务局', kind: '许可审批' },
  { name: '市发展改革委', kind: '信用主管' },
  { name: '市司法局', kind: '督查' },
  { name: '市城市管理局', kind: '综合执法' },
  ...[
    '市委统战部',
    '市教育局',
    '市科技局',
    '市工业和信息化局',
    '市公安局',
    '市民政局',
    '市财政局',
    '市人力资源社会保障局',
    '市自然资源规划局',
    '市生态环境局',
    '市住房城乡建设局',
    '市交通运输局',
    '市水利局',
    '市农业农村局',
    '市海洋发展局',
    '市商务局',
    '市文化和旅游局',
    '市卫生健康委',
    '市应急管理局',
    '市体育局',
    '市统计局',
    '市医疗保障局',
    '市国动办',
    '市机关事务服务中心',
    '中国人民银行日照市分行',
    '国家金融监督管理总局日照监管分局',
    '市消防救援支队',
  ].map((name) => ({ name, kind: '行业主管' as const })),
];

export const DEMO_PASSWORD = 'Lianjian@2026';

export const demoUsers: { username: string; name: string; department: string; roles: string[]; phone: string }[] = [
  { username: 'admin', name: '系统管理员', department: '市大数据局', roles: ['platform_admin'], phone: '13906330001' },
  {
    username: 'lianxi',
    name: '王海燕',
    department: '市跨部门综合监管联席会议办公室',
    roles: ['joint_office'],
    phone: '13906330002',
  },
  {
    username: 'scjg_admin',
    name: '李建国',
    department: '市市场监督管理局',
    roles: ['dept_admin'],
    phone: '13906330003',
  },
  {
    username: 'scjg_staff',
    name: '张晓梅',
    department: '市市场监督管理局',
    roles: ['dept_staff'],
    phone: '13906330004',
  },
  { username: 'scjg_jc01', name: '刘志强', department: '市市场监督管理局', roles: ['inspector'], phone: '13906330005' },
  { username: 'yjgl_admin', name: '陈红', department: '市应急管理局', roles: ['dept_admin'], phone: '13906330006' },
  { username: 'yjgl_jc01', name: '赵磊', department: '市应急管理局', roles: ['inspector'], phone: '13906330007' },
  { username: 'sfj_dc', name: '孙丽', department: '市司法局', roles: ['supervision_office'], phone: '13906330008' },
  { username: 'fgw_xy', name: '周明', department: '市发展改革委', roles: ['credit_office'], phone: '13906330009' },
  { username: 'spj_xk', name: '吴敏', department: '市行政审批服务局', roles: ['licensing'], phone: '13906330010' },
];
