import { z } from 'zod';
import { pageQuery } from '../shared/paging';
import { creditClasses, subjectKinds, subjectStatuses } from './subject.table';

// Other capabilities' schemas take the kinds from here, not from the table definition.
export { creditClasses, subjectKinds, subjectStatuses };

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const subjectInput = z.object({
  uscc: z.string().trim().toUpperCase().min(1, '请填写统一社会信用代码'),
  /** Keep a code that fails the GB 32100 / GB 11714 checks (real registers contain such codes). */
  keepFlaggedUscc: z.boolean().default(false),
  legacyRegNo: z
    .string()
    .trim()
    .regex(/^[0-9]{15}$/, '原注册号应为 15 位数字')
    .nullable()
    .default(null),
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称不超过 100 个字'),
  kind: z.enum(subjectKinds, { message: '主体类型无效' }),
  legalRepresentative: z.string().trim().max(50).default(''),
  /**
   * Where the platform sends the subject its messages (the 企业查询码 of a 检查告知书): a mobile takes SMS, else the
   * e-mail. Left out, the stored contact stays as it is (an import or an older form that does not carry it).
   */
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, '联系电话应为 11 位手机号或带区号的固定电话')
    .nullable()
    .optional(),
  contactEmail: z.email({ message: '电子邮箱格式不正确' }).max(100).nullable().optional(),
  divisionCode: z.string().regex(/^[0-9]{6}$/, '行政区划代码应为 6 位数字'),
  registeredAddress: z.string().trim().max(200).default(''),
  businessAddress: z.string().trim().max(200).default(''),
  businessScope: z.string().trim().max(2000).default(''),
  industryCodes: z.array(z.string().trim()).max(10, '行业代码最多 10 个').default([]),
  registrationDate: isoDate.nullable().default(null),
  status: z.enum(subjectStatuses, { message: '登记状态无效' }).default('存续'),
  creditClass: z.enum(creditClasses, { message: '信用风险分类应为 A、B、C、D' }).nullable().default(null),
  industryRisk: z.record(z.string(), z.enum(['低', '一般', '较高', '高'])).default({}),
  whitelisted: z.boolean().default(false),
});
export type SubjectInput = z.infer<typeof subjectInput>;

/**
 * A row of the subject import: the register's fields, and 重点抽查对象 with its reason, which lists the subject through
 * src/key-targets (人工列入) rather than setting the register's flag (the form shows the flag read-only).
 */
export const subjectImportInput = subjectInput.extend({
  keyTarget: z.boolean().default(false),
  keyTargetReason: z.string().trim().max(200).nullable().default(null),
});
export type SubjectImportInput = z.infer<typeof subjectImportInput>;

/** The credit office's edit (src/subjects/subject-credit.service.ts). */
export const subjectCreditInput = subjectInput.pick({ whitelisted: true }).extend({
  /** Refused when it differs from the register's: classes come from the credit evaluation. */
  creditClass: z.enum(creditClasses, { message: '信用风险分类应为 A、B、C、D' }).nullable().optional(),
});
export type SubjectCreditInput = z.infer<typeof subjectCreditInput>;

/** What the signed-in user may change in the subject form (src/subjects/subject-field-ownership.ts). */
export const subjectFieldOwnershipView = z.object({
  creditClass: z.boolean(),
  whitelisted: z.boolean(),
  riskDepartments: z.union([z.literal('all'), z.array(z.string())]),
  otherFields: z.boolean(),
  creditMaintainer: z.string(),
});
export type SubjectFieldOwnershipView = z.infer<typeof subjectFieldOwnershipView>;

export const subjectListQuery = pageQuery.extend({
  /** A full 18-character code finds that subject; other text searches names (2 characters or more). */
  q: z.string().trim().max(100).optional(),
  industry: z.string().trim().max(5).optional(),
  /** A tag code: subjects carrying that tag. */
  tag: z.string().trim().max(40).optional(),
  division: z
    .string()
    .regex(/^[0-9]{2,6}$/, '行政区划代码应为 2–6 位数字')
    .optional(),
  creditClass: z.enum(creditClasses).optional(),
  kind: z.enum(subjectKinds).optional(),
  status: z.enum(subjectStatuses).optional(),
  whitelisted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  keyTarget: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type SubjectListQuery = z.infer<typeof subjectListQuery>;

export const subjectView = z.object({
  id: z.number(),
  uscc: z.string(),
  usccProblem: z.string().nullable(),
  legacyRegNo: z.string().nullable(),
  name: z.string(),
  kind: z.enum(subjectKinds),
  legalRepresentative: z.string(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  divisionCode: z.string(),
  registeredAddress: z.string(),
  businessAddress: z.string(),
  businessScope: z.string(),
  industries: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  registrationDate: z.string().nullable(),
  status: z.enum(subjectStatuses),
  creditClass: z.enum(creditClasses).nullable(),
  industryRisk: z.record(z.string(), z.string()),
  whitelisted: z.boolean(),
  keyTarget: z.boolean(),
  keyTargetReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type SubjectView = z.infer<typeof subjectView>;

/** Counting stops here: past it the list says "more than" and asks for a narrower search. */
export const SUBJECT_COUNT_CAP = 10_000;

export const subjectPage = z.object({ items: z.array(subjectView), total: z.number(), totalCapped: z.boolean() });
export type SubjectPage = z.infer<typeof subjectPage>;
