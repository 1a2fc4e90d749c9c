import type { RecordKindName } from './api';

export const kindTitles: Record<RecordKindName, string> = {
  registrations: '登记注册信息',
  licences: '行政许可信息',
  penalties: '行政处罚信息',
};

/** The permission that lets a user send records of a kind (the list's 录入 and 导入 buttons). */
export const writePermissions = {
  registrations: 'records:registration:write',
  licences: 'records:licence:write',
  penalties: 'records:penalty:write',
} as const;

export const statusTypes: Record<string, 'success' | 'info' | 'warning' | 'danger'> = {
  有效: 'success',
  已变更: 'info',
  已撤销: 'danger',
  已注销: 'info',
  已吊销: 'danger',
};

/** The server's import kind of each (the import page and its template). */
export const importKinds = {
  registrations: 'business-registrations',
  licences: 'licence-records',
  penalties: 'penalty-records',
} as const;
