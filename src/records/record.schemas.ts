import { z } from 'zod';
import { industryCodeProblem } from '../industries/industry-catalog';
import { date, oneOf, optionalText, text } from '../shared/field-schemas';
import { pageQuery } from '../shared/paging';
import { checkUscc } from '../shared/uscc';
import { subjectKinds } from '../subjects/subject.schemas';
import { idCardProblem } from '../users/id-card';
import { licenceFieldNames, penaltyFieldNames, registrationFieldNames } from './record-fields';
import {
  counterpartCategories,
  decisionStatuses,
  licenceCategories,
  penaltyCategories,
  recordChannels,
  registrationEvents,
} from './record.table';

export { counterpartCategories, decisionStatuses, licenceCategories, penaltyCategories, recordChannels };
export { registrationEvents };

const uscc = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .toUpperCase()
    .superRefine((code, ctx) => {
      const check = checkUscc(code);
      if (!check.valid) ctx.addIssue({ code: 'custom', message: `${label}未通过校验：${check.reason}` });
    });
/** An amount in 万元: a decimal ≥ 0 with at most 6 decimals, kept as its decimal text. */
const amount = (label: string) =>
  z
    .union([z.number(), z.string().trim()], { message: `${label}应为数字（万元）` })
    .transform((v, ctx) => {
      const t = typeof v === 'number' ? String(v) : v;
      if (!/^\d{1,12}(\.\d{1,6})?$/.test(t)) {
        ctx.addIssue({ code: 'custom', message: `${label}应为不小于 0 的数字（万元），最多 6 位小数` });
        return z.NEVER;
      }
      return t
        .replace(/^0+(?=\d)/, '')
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '');
    })
    .nullable()
    .default(null);
const senderRecordId = z
  .string({ message: '请填写业务系统记录编号' })
  .trim()
  .min(1, '请填写业务系统记录编号')
  .max(64, '业务系统记录编号不超过 64 个字符')
  .regex(/^[\x21-\x7E]+$/, '业务系统记录编号只能含字母、数字和符号');

const r = registrationFieldNames;
export const registrationInput = z.object({
  senderRecordId: senderRecordId.describe(r.senderRecordId),
  event: z.enum(registrationEvents, { message: oneOf(r.event, registrationEvents) }).describe(r.event),
  uscc: uscc(r.uscc).describe(r.uscc),
  name: text(r.name, 100).describe(r.name),
  subjectKind: z.enum(subjectKinds, { message: oneOf(r.subjectKind, subjectKinds) }).describe(r.subjectKind),
  legalRepresentative: text(r.legalRepresentative, 50).describe(r.legalRepresentative),
  businessScope: text(r.businessScope, 2000).describe(r.businessScope),
  industryCodes: z
    .array(z.string().trim(), { message: `${r.industryCodes}应为代码列表` })
    .max(10, `${r.industryCodes}最多 10 个`)
    .default([])
    .superRefine((codes, ctx) => {
      for (const code of codes) {
        const problem = industryCodeProblem(code);
        if (problem) ctx.addIssue({ code: 'custom', message: `${r.industryCodes}：${problem}` });
      }
    })
    .describe(r.industryCodes),
  divisionCode: z
    .string({ message: `请填写${r.divisionCode}` })
    .regex(/^\d{6}(\d{3})?$/, `${r.divisionCode}应为 6 位或 9 位数字`)
    .describe(r.divisionCode),
  address: text(r.address, 200).describe(r.address),
  registeredOn: date(r.registeredOn).describe(r.registeredOn),
  registrationAuthority: text(r.registrationAuthority, 100).describe(r.registrationAuthority),
  priorApproval: z
    .boolean({ message: `${r.priorApproval}应为 true 或 false` })
    .default(false)
    .describe(r.priorApproval),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

const counterpart = (names: typeof licenceFieldNames | typeof penaltyFieldNames) => ({
  senderRecordId: senderRecordId.describe(names.senderRecordId),
  counterpartCategory: z
    .enum(counterpartCategories, { message: oneOf(names.counterpartCategory, counterpartCategories) })
    .describe(names.counterpartCategory),
  counterpartName: text(names.counterpartName, 100).describe(names.counterpartName),
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v))
    .describe(`${names.uscc}（自然人可空）`),
  legalRepresentative: optionalText(names.legalRepresentative, 50).describe(names.legalRepresentative),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v))
    .describe(`${names.idNumber}：行政相对人为自然人时必填，加密保存，只显示脱敏形式，不公示`),
  decidedOn: date(names.decidedOn).describe(names.decidedOn),
  authorityName: text(names.authorityName, 100).describe(names.authorityName),
  authorityUscc: uscc(names.authorityUscc).describe(names.authorityUscc),
  sourceUnitName: text(names.sourceUnitName, 100).describe(names.sourceUnitName),
  sourceUnitUscc: uscc(names.sourceUnitUscc).describe(names.sourceUnitUscc),
  status: z
    .enum(decisionStatuses, { message: oneOf(names.status, decisionStatuses) })
    .default('有效')
    .describe(names.status),
});

/** The counterpart rules the field schemas cannot check alone (行政相对人类别 decides what is required). */
function counterpartRules(
  names: typeof licenceFieldNames | typeof penaltyFieldNames,
  v: { counterpartCategory: string; uscc: string | null; idNumber: string | null; legalRepresentative: string },
  ctx: z.RefinementCtx,
) {
  const natural = v.counterpartCategory === '自然人';
  if (v.uscc === null && !natural)
    ctx.addIssue({ code: 'custom', path: ['uscc'], message: `请填写${names.uscc}（只有自然人可以不填）` });
  if (v.uscc !== null) {
    const check = checkUscc(v.uscc);
    if (!check.valid)
      ctx.addIssue({ code: 'custom', path: ['uscc'], message: `${names.uscc}未通过校验：${check.reason}` });
  }
  if (natural && v.idNumber === null)
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `行政相对人为自然人时请填写${names.idNumber}` });
  if (v.idNumber !== null) {
    const problem = idCardProblem(v.idNumber);
    if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `${names.idNumber}：${problem}` });
    if (!natural)
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `只有行政相对人为自然人时才填写${names.idNumber}` });
  }
  if (v.counterpartCategory === '法人及非法人组织' && v.legalRepresentative === '')
    ctx.addIssue({ code: 'custom', path: ['legalRepresentative'], message: `请填写${names.legalRepresentative}` });
}

const l = licenceFieldNames;
export const licenceInput = z
  .object({
    ...counterpart(l),
    decisionDocName: text(l.decisionDocName, 100).describe(l.decisionDocName),
    decisionDocNo: text(l.decisionDocNo, 100).describe(l.decisionDocNo),
    category: z.enum(licenceCategories, { message: oneOf(l.category, licenceCategories) }).describe(l.category),
    certificateName: optionalText(l.certificateName, 100).describe(l.certificateName),
    certificateNo: optionalText(l.certificateNo, 100).describe(l.certificateNo),
    content: text(l.content, 2000).describe(l.content),
    validFrom: date(l.validFrom).describe(l.validFrom),
    validTo: date(l.validTo).nullable().default(null).describe(`${l.validTo}（长期有效可空）`),
    approvalItemCode: z.string().trim().max(50).nullable().default(null).describe(l.approvalItemCode),
    appliedOn: date(l.appliedOn).nullable().default(null).describe(l.appliedOn),
  })
  .superRefine((v, ctx) => {
    counterpartRules(l, v, ctx);
    if (v.validTo !== null && v.validTo < v.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: `${l.validTo}不能早于${l.validFrom}` });
    if (v.appliedOn !== null && v.appliedOn > v.decidedOn)
      ctx.addIssue({ code: 'custom', path: ['appliedOn'], message: `${l.appliedOn}不能晚于${l.decidedOn}` });
    if (v.certificateName !== '' && v.certificateNo === '')
      ctx.addIssue({
        code: 'custom',
        path: ['certificateNo'],
        message: `填写了${l.certificateName}时请填写${l.certificateNo}`,
      });
  });
export type LicenceInput = z.infer<typeof licenceInput>;

const p = penaltyFieldNames;
export const penaltyInput = z
  .object({
    ...counterpart(p),
    decisionDocNo: text(p.decisionDocNo, 100).describe(p.decisionDocNo),
    violationType: text(p.violationType, 200).describe(p.violationType),
    violationFacts: text(p.violationFacts, 2000).describe(p.violationFacts),
    legalBasis: text(p.legalBasis, 1000).describe(p.legalBasis),
    categories: z
      .array(z.enum(penaltyCategories, { message: oneOf(p.categories, penaltyCategories) }), {
        message: `${p.categories}应为列表`,
      })
      .min(1, `请填写${p.categories}`)
      .max(penaltyCategories.length)
      .describe(p.categories),
    content: text(p.content, 2000).describe(p.content),
    fineAmount: amount(p.fineAmount).describe(p.fineAmount),
    confiscatedAmount: amount(p.confiscatedAmount).describe(p.confiscatedAmount),
    licenceAffected: optionalText(p.licenceAffected, 200).describe(p.licenceAffected),
    publicityUntil: date(p.publicityUntil).describe(p.publicityUntil),
    taskNo: z.string().trim().max(40).nullable().default(null).describe(`${p.taskNo}（处罚源于检查发现的问题时填写）`),
  })
  .superRefine((v, ctx) => {
    counterpartRules(p, v, ctx);
    if (v.publicityUntil < v.decidedOn)
      ctx.addIssue({ code: 'custom', path: ['publicityUntil'], message: `${p.publicityUntil}不能早于${p.decidedOn}` });
    if (v.categories.includes('罚款') && v.fineAmount === null)
      ctx.addIssue({ code: 'custom', path: ['fineAmount'], message: `处罚类别含罚款时请填写${p.fineAmount}` });
    if ((v.categories.includes('暂扣许可证件') || v.categories.includes('吊销许可证件')) && v.licenceAffected === '')
      ctx.addIssue({
        code: 'custom',
        path: ['licenceAffected'],
        message: `暂扣或吊销许可证件时请填写${p.licenceAffected}`,
      });
    if (new Set(v.categories).size !== v.categories.length)
      ctx.addIssue({ code: 'custom', path: ['categories'], message: `${p.categories}有重复` });
  });
export type PenaltyInput = z.infer<typeof penaltyInput>;

export type RecordInputOf = { registration: RegistrationInput; licence: LicenceInput; penalty: PenaltyInput };
export type RecordType = keyof RecordInputOf;
export const recordInputs = { registration: registrationInput, licence: licenceInput, penalty: penaltyInput } as const;

/** One record, or up to 1,000 in `records` (each with its own outcome). The body is validated record by record. */
export const receiveBody = <T extends z.ZodType>(input: T) =>
  z.union([
    z.object({
      records: z
        .array(input)
        .min(1, '至少一条记录')
        .max(1000, '一次最多 1000 条记录')
        .describe('一批记录（最多 1000 条），逐条处理，每条各有结果'),
    }),
    input,
  ]);

export const recordOutcomes = ['created', 'updated', 'unchanged', 'refused'] as const;

const fieldProblem = z.object({ field: z.string(), message: z.string() });
export const receiveResult = z.object({
  results: z.array(
    z.object({
      index: z.number().int().describe('记录在请求中的序号（从 0 起）'),
      senderRecordId: z.string().nullable(),
      outcome: z
        .enum(recordOutcomes)
        .describe('created 新增；updated 变更（新版本）；unchanged 与已收到的相同；refused 拒收'),
      id: z.number().int().nullable(),
      version: z.number().int().nullable(),
      /** The platform's registration number (registrations only). */
      registrationNo: z.string().nullable(),
      errors: z.array(fieldProblem).describe('拒收时逐字段的错误（字段名与中文说明）'),
    }),
  ),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
});
export type ReceiveResult = z.infer<typeof receiveResult>;

const listBase = pageQuery.extend({
  q: z.string().trim().max(100).optional().describe('名称关键字或 18 位统一社会信用代码'),
  departmentId: z.coerce.number().int().positive().optional().describe('报送部门'),
  from: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  channel: z.enum(recordChannels, { message: oneOf('报送方式', recordChannels) }).optional(),
});
export const registrationListQuery = listBase.extend({
  event: z.enum(registrationEvents, { message: oneOf('登记类型', registrationEvents) }).optional(),
});
export type RegistrationListQuery = z.infer<typeof registrationListQuery>;
export const decisionListQuery = listBase.extend({
  status: z.enum(decisionStatuses, { message: oneOf('当前状态', decisionStatuses) }).optional(),
  counterpartCategory: z
    .enum(counterpartCategories, { message: oneOf('行政相对人类别', counterpartCategories) })
    .optional(),
});
export type DecisionListQuery = z.infer<typeof decisionListQuery>;

const received = {
  id: z.number().int(),
  senderDepartmentId: z.number().int(),
  senderDepartmentName: z.string(),
  senderRecordId: z.string(),
  channel: z.enum(recordChannels),
  version: z.number().int(),
  subjectId: z.number().int().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
};
export const registrationView = z.object({
  ...received,
  registrationNo: z.string(),
  event: z.enum(registrationEvents),
  uscc: z.string(),
  name: z.string(),
  subjectKind: z.string(),
  legalRepresentative: z.string(),
  businessScope: z.string(),
  industryCodes: z.array(z.string()),
  divisionCode: z.string(),
  address: z.string(),
  registeredOn: z.string(),
  registrationAuthority: z.string(),
  priorApproval: z.boolean(),
});
export type RegistrationView = z.infer<typeof registrationView>;

const decision = {
  ...received,
  counterpartCategory: z.enum(counterpartCategories),
  counterpartName: z.string(),
  uscc: z.string().nullable(),
  legalRepresentative: z.string(),
  /** Masked only (110101********1234); the number itself never leaves the platform. */
  idNumberMasked: z.string().nullable(),
  decidedOn: z.string(),
  authorityName: z.string(),
  authorityUscc: z.string(),
  sourceUnitName: z.string(),
  sourceUnitUscc: z.string(),
  status: z.enum(decisionStatuses),
  departmentId: z.number().int().nullable(),
  decisionDocNo: z.string(),
  content: z.string(),
};
export const licenceView = z.object({
  ...decision,
  decisionDocName: z.string(),
  category: z.enum(licenceCategories),
  certificateName: z.string(),
  certificateNo: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  approvalItemCode: z.string().nullable(),
  appliedOn: z.string().nullable(),
  registrationId: z.number().int().nullable(),
});
export type LicenceView = z.infer<typeof licenceView>;
export const penaltyView = z.object({
  ...decision,
  violationType: z.string(),
  violationFacts: z.string(),
  legalBasis: z.string(),
  categories: z.array(z.enum(penaltyCategories)),
  fineAmount: z.string().nullable(),
  confiscatedAmount: z.string().nullable(),
  licenceAffected: z.string(),
  publicityUntil: z.string(),
  taskId: z.number().int().nullable(),
  taskNo: z.string().nullable(),
});
export type PenaltyView = z.infer<typeof penaltyView>;

export const recordVersionView = z.object({
  version: z.number().int(),
  channel: z.enum(recordChannels),
  receivedAt: z.string(),
  receivedByName: z.string().nullable(),
  /** What was received (a natural person's ID number masked). */
  payload: z.record(z.string(), z.unknown()),
});
export type RecordVersionView = z.infer<typeof recordVersionView>;
export const withVersions = <T extends z.ZodObject>(view: T) => view.extend({ versions: z.array(recordVersionView) });
