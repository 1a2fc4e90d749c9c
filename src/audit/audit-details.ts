import { permissionCatalog } from '../auth/permissions';
import { auditFieldName, auditValueName, settingName } from './audit-field-labels';
import { auditEntityTypeNames } from './audit-labels';

/** Names the details show instead of ids and codes kept in the database. */
export interface AuditNames {
  departments: ReadonlyMap<number, string>;
  roles: ReadonlyMap<string, string>;
  /** Tag names by code (a sampling item's scope names tags by code). */
  tags: ReadonlyMap<string, string>;
}

/** One changed field of an audit entry as the audit page shows it: Chinese name, values in words. */
export interface AuditDetail {
  field: string;
  label: string;
  before: string;
  after: string;
}

const departmentKeys = new Set([
  'departmentId',
  'departmentIds',
  'invitedDepartmentIds',
  'initiatingDepartmentId',
  'parentId',
]);
const tagKeys = new Set(['tags', 'tag']);
const roleKeys = new Set(['roles', 'roleCode']);
const permissionNames = new Map<string, string>(permissionCatalog.map((p) => [p.code, p.name]));
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
/** A calendar line as the calendar load recorded it before the kinds were named: `2027-01-01 holiday 元旦`. */
const calendarLine = /^(\d{4}-\d{2}-\d{2}) (holiday|workday) (.*)$/;
const hasChinese = /[\u4e00-\u9fff]/;
const EMPTY = '—';

/** 'YYYY-MM-DD HH:mm' in China Standard Time (UTC+8, no daylight saving). */
const chinaTime = (iso: string): string =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Keys in Chinese (a department name keying a risk level) are names already. */
const keyName = (key: string): string => (hasChinese.test(key) ? key : auditFieldName(key));

function text(key: string, value: string, names: AuditNames): string {
  if (value === '') return EMPTY;
  if (isoInstant.test(value)) return chinaTime(value);
  if (value === 'true' || value === 'false') return value === 'true' ? '是' : '否';
  if (roleKeys.has(key)) return names.roles.get(value) ?? value;
  if (key === 'permissions') return permissionNames.get(value) ?? value;
  if (tagKeys.has(key)) return names.tags.get(value) ?? value;
  const line = key === 'days' ? calendarLine.exec(value) : null;
  if (line) return `${line[1]} ${auditValueName('kind', line[2]!)} ${line[3]}`;
  return auditValueName(key, value) ?? value;
}

/** A recorded value in words: 是/否, China time, Chinese names of codes, departments and roles, nested fields named. */
export function displayValue(key: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number')
    return departmentKeys.has(key) ? (names.departments.get(value) ?? `部门 ${value}`) : String(value);
  if (typeof value === 'string') return text(key, value, names);
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    const parts = value.map((v) => displayValue(key, v, names));
    return value.some((v) => v !== null && typeof v === 'object') ? parts.join('；') : parts.join('、');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const span = value as { from?: unknown; to?: unknown };
    if (entries.length === 2 && typeof span.from === 'string' && typeof span.to === 'string')
      return `${text('from', span.from, names)} 至 ${text('to', span.to, names)}`;
    if (entries.length === 0) return EMPTY;
    return entries.map(([k, v]) => `${keyName(k)}：${displayValue(k, v, names)}`).join('，');
  }
  return String(value);
}

/** The changed fields of an entry (`changes` as recordAudit stored them) in the order they were recorded. */
export function auditDetails(changes: Record<string, [unknown, unknown]> | null, names: AuditNames): AuditDetail[] {
  return Object.entries(changes ?? {}).map(([field, [before, after]]) => ({
    field,
    label: keyName(field),
    before: displayValue(field, before, names),
    after: displayValue(field, after, names),
  }));
}

/**
 * The entry's object in words: a role or a setting by its name, a read of personal data by its kind and record
 * (`inspector:57` → 执法检查人员 57); other ids (task numbers, user ids …) as they are.
 */
export function entityText(entityType: string, entityId: string | null, names: AuditNames): string {
  if (entityId === null || entityId === '') return EMPTY;
  if (entityType === 'setting') return settingName(entityId) ?? entityId;
  if (entityType === 'role') return names.roles.get(entityId) ?? entityId;
  const read = entityType === 'personal_data' ? /^([a-z_]+)(?::(.+))?$/.exec(entityId) : null;
  if (read) return [auditEntityTypeNames[read[1]!] ?? read[1], read[2]].filter(Boolean).join(' ');
  return entityId;
}
