import { z } from 'zod';
import { pageQuery } from '../shared/paging';
import { idCardNumber, phoneNumber } from '../users/person.schemas';

/** 执法领域: the enforcement fields an inspector may work in (validated; extend here). */
export const inspectorFields = [
  '市场监管',
  '安全生产',
  '生态环境',
  '卫生健康',
  '交通运输',
  '文化旅游',
  '消防',
  '城市管理',
  '住房城乡建设',
  '农业农村',
  '自然资源',
  '水利',
  '海洋渔业',
  '商务',
  '教育',
  '医疗保障',
  '体育',
] as const;
export type InspectorField = (typeof inspectorFields)[number];
export const inspectorStatuses = ['在岗', '停用'] as const;
export type InspectorStatus = (typeof inspectorStatuses)[number];
export const certificateStates = ['有效', '即将到期', '已过期'] as const;
export type CertificateState = (typeof certificateStates)[number];
/** A certificate with this many days left or fewer is shown as 即将到期. */
export const CERTIFICATE_EXPIRING_DAYS = 30;
const MS_PER_DAY = 86_400_000;
const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;

/** Days from `today` to the certificate's last valid day: 0 on that day, negative once expired. */
export const certificateDaysLeft = (validUntil: string, today: string): number =>
  dayNumber(validUntil) - dayNumber(today);

/** The state a page shows for a certificate valid through `validUntil`, seen on `today` (China date). */
export function certificateStateOn(validUntil: string, today: string): CertificateState {
  const left = certificateDaysLeft(validUntil, today);
  return left < 0 ? '已过期' : left <= CERTIFICATE_EXPIRING_DAYS ? '即将到期' : '有效';
}

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const idCard = idCardNumber;
const distinct = <T>(items: T[]): T[] => [...new Set(items)];

const inspectorFieldsInput = {
  name: z.string().trim().min(2, '姓名至少 2 个字').max(30, '姓名不超过 30 个字'),
  phone: phoneNumber,
  departmentId: z.number().int().positive({ message: '请选择部门' }),
  /** The inspector's platform account, if any (an account belongs to at most one inspector). */
  userId: z.number().int().positive().nullable().default(null),
  certificateNo: z.string().trim().toUpperCase().min(1, '请填写执法证号').max(40, '执法证号不超过 40 个字符'),
  certificateIssuedOn: isoDate,
  certificateValidUntil: isoDate,
  fields: z
    .array(z.enum(inspectorFields, { message: '执法领域无效' }))
    .min(1, '至少选择一个执法领域')
    .transform(distinct),
  qualifiedSamplingItemCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z._-]{1,64}$/, '抽查事项编码应为 1–64 位字母、数字或 . _ -'),
    )
    .max(200, '抽查事项最多 200 个')
    .default([])
    .transform(distinct),
  status: z.enum(inspectorStatuses, { message: '状态应为在岗或停用' }).default('在岗'),
  capacityPerMonth: z
    .number()
    .int('每月可承担检查次数应为整数')
    .min(1, '每月可承担检查次数至少 1')
    .max(200, '每月可承担检查次数不超过 200')
    .default(20),
};

export const inspectorCreate = z.object({ ...inspectorFieldsInput, idCard });
export type InspectorCreate = z.infer<typeof inspectorCreate>;
/** Editing keeps the stored masked ID number unless a corrected full number is given. */
export const inspectorUpdate = z.object({ ...inspectorFieldsInput, idCard: idCard.optional() });
export type InspectorUpdate = z.infer<typeof inspectorUpdate>;

export const conflictDeclare = z.object({
  subjectId: z.number().int().positive({ message: '请选择监管对象' }),
  reason: z.string().trim().min(2, '请说明利害关系（至少 2 个字）').max(200, '利害关系说明不超过 200 个字'),
  /** Defaults to today (China date). */
  declaredOn: isoDate.optional(),
});
export type ConflictDeclare = z.infer<typeof conflictDeclare>;

export const inspectorListQuery = pageQuery.extend({
  /** Part of a name or certificate number. */
  q: z.string().trim().max(40).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  field: z.enum(inspectorFields).optional(),
  status: z.enum(inspectorStatuses).optional(),
  certificate: z.enum(['expired', 'expiring', 'valid']).optional(),
});
export type InspectorListQuery = z.infer<typeof inspectorListQuery>;
export type CertificateFilter = NonNullable<InspectorListQuery['certificate']>;

export const inspectorView = z.object({
  id: z.number(),
  name: z.string(),
  idCardMasked: z.string(),
  phone: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  certificateNo: z.string(),
  certificateIssuedOn: z.string(),
  certificateValidUntil: z.string(),
  /** Computed from today's China date; independent of `status`. */
  certificateState: z.enum(certificateStates),
  certificateDaysLeft: z.number(),
  fields: z.array(z.string()),
  qualifiedSamplingItemCodes: z.array(z.string()),
  status: z.enum(inspectorStatuses),
  capacityPerMonth: z.number(),
  conflictCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InspectorView = z.infer<typeof inspectorView>;

export const inspectorConflictView = z.object({
  subjectId: z.number(),
  subjectName: z.string(),
  uscc: z.string(),
  reason: z.string(),
  declaredOn: z.string(),
});
export type InspectorConflictView = z.infer<typeof inspectorConflictView>;
export const inspectorDetail = inspectorView.extend({ conflicts: z.array(inspectorConflictView) });
export type InspectorDetail = z.infer<typeof inspectorDetail>;

/** Counts of the filtered register (every filter except `certificate`) by certificate state, and how many are 停用. */
export const certificateSummary = z.object({
  valid: z.number(),
  expiring: z.number(),
  expired: z.number(),
  disabled: z.number(),
});
export type CertificateSummary = z.infer<typeof certificateSummary>;
export const inspectorPage = z.object({
  items: z.array(inspectorView),
  total: z.number(),
  summary: certificateSummary,
  today: z.string(),
});
export type InspectorPage = z.infer<typeof inspectorPage>;

/** What a subject's page shows about declared conflicts: who and which department, not the reason. */
export const subjectInspectorConflict = z.object({
  name: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
});
export type SubjectInspectorConflict = z.infer<typeof subjectInspectorConflict>;
