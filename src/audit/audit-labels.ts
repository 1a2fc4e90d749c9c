/** Chinese names of the audit actions and entity types the server records (shown by the audit page). */
export const auditActionNames: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.lock': '账号锁定',
  'auth.logout': '退出登录',
  'auth.change_password': '修改密码',
  'system.bootstrap': '系统初始化',
  'demo.seed': '载入演示数据',
  'department.create': '新增部门',
  'department.update': '修改部门',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解锁账号',
  'role.create': '新增角色',
  'role.update': '修改角色',
  'role.upgrade': '版本升级增加权限',
  'subject.create': '新增监管对象',
  'subject.update': '修改监管对象',
  'token.issue': '签发令牌',
  'token.revoke': '吊销令牌',
  'calendar.load': '载入节假日',
};

export const auditEntityTypeNames: Record<string, string> = {
  user: '用户',
  department: '部门',
  role: '角色',
  token: '对接令牌',
  calendar_year: '工作日历',
  system: '系统',
  subject: '监管对象',
};

