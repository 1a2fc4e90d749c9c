import { auditActionNames, auditEntityTypeNames } from '@server/audit/audit-labels';

/** Display names for the audit codes the server records (kept on the server); unknown codes are shown as they are. */
export const entityTypeNames = auditEntityTypeNames;

export const actionName = (code: string): string => auditActionNames[code] ?? code;
export const entityTypeName = (code: string): string => auditEntityTypeNames[code] ?? code;

const fieldNames: Record<string, string> = {
  username: '用户名',
  name: '名称',
  idCardMasked: '身份证号（脱敏）',
  phone: '电话',
  departmentId: '部门编号',
  roles: '角色',
  status: '状态',
  code: '编码',
  kind: '类别',
  divisionCode: '行政区划代码',
  parentId: '上级部门编号',
  description: '说明',
  dataScope: '数据范围',
  permissions: '权限',
  userId: '用户编号',
  expiresAt: '有效期至',
  route: '接口',
  query: '查询条件',
  rows: '行数',
  fileName: '文件名',
};

export const fieldName = (key: string): string => (fieldNames[key] ? `${fieldNames[key]}（${key}）` : key);
