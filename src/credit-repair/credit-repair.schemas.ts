import { z } from 'zod';
import { penaltyCategories } from '../records/record.schemas';
import { pageQuery } from '../shared/paging';
import { checkUscc } from '../shared/uscc';
import { repairChannels, repairStatements, repairStatuses, serviceMethods } from './credit-repair.table';
import { penaltyDocumentKinds } from './penalty-documents-pdf';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const status = z.enum(repairStatuses);
const uscc = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => checkUscc(s).valid, '统一社会信用代码无效');
const queryCode = z.string().trim().min(4, '请输入企业查询码').max(20, '企业查询码无效');
export const repairNo = z
  .string()
  .trim()
  .regex(/^XYXF\d{4}-\d{5}$/i, '申请编号格式应为 XYXF2026-00001')
  .transform((s) => s.toUpperCase());

export const penaltyParams = z.object({ penaltyId: z.coerce.number().int().positive() });
export const documentParams = penaltyParams.extend({
  kind: z.enum(penaltyDocumentKinds, { message: '文书类别无效' }),
});
export const repairParams = z.object({ repairNo });
export const evidenceParams = repairParams.extend({ evidenceId: z.coerce.number().int().positive() });

export const documentSetView = z.object({
  setNo: z.string(),
  penaltyId: z.number().int(),
  decisionDocNo: z.string(),
  preparedOn: z.string(),
  documents: z.array(z.object({ kind: z.enum(penaltyDocumentKinds), title: z.string(), url: z.string() })),
  service: z
    .object({
      method: z.enum(serviceMethods),
      servedOn: z.string(),
      servedBy: z.string(),
      eSigned: z.boolean(),
      receipt: z.string().nullable(),
      recordedBy: z.string().nullable(),
      recordedAt: z.string().nullable(),
    })
    .nullable(),
});

export const serviceInput = z.object({
  method: z.enum(serviceMethods, { message: '送达方式应为 直接送达、邮寄送达、电子送达 或 留置送达' }),
  servedOn: isoDate,
  servedBy: z.string().trim().min(1, '请填写送达人').max(50),
  eSigned: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .default(false),
});

const applicationFields = {
  statements: z.array(z.enum(repairStatements)).min(1, '请确认已履行、已纠正并作出信用承诺').max(3),
  statementText: z.string().trim().min(10, '请说明履行处罚决定和纠正失信行为的情况（至少 10 个字）').max(2000),
  contactName: z.string().trim().min(1, '请填写联系人').max(50),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s]{7,20}$/, '联系电话格式不正确'),
};
export const counterApplicationInput = z.object({ penaltyId: z.number().int().positive(), ...applicationFields });
export const portalApplicationInput = z.object({ uscc, queryCode, ...applicationFields });
export const portalLookupInput = z.object({ uscc, queryCode });
export const portalProgressInput = z.object({ repairNo, queryCode });
export const portalSupplementInput = z.object({
  queryCode,
  note: z.string().trim().min(2, '请说明补正的材料').max(500),
});

export const decisionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('supplement'), reason: z.string().trim().min(2, '请写明需要补正的材料').max(500) }),
  z.object({ action: z.literal('approve'), reason: z.string().trim().min(2, '请写明核准理由').max(500) }),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(2, '请写明不予修复的理由').max(500) }),
]);

const eligibility = z.object({
  eligible: z.boolean(),
  earliestOn: z.string().nullable(),
  serious: z.boolean(),
  reasons: z.array(z.string()),
});

export const portalLookupAnswer = z.object({
  penalty: z.object({
    decisionDocNo: z.string(),
    subjectName: z.string(),
    authorityName: z.string(),
    decidedOn: z.string(),
    violationType: z.string(),
    categories: z.array(z.enum(penaltyCategories)),
    publicityUntil: z.string(),
  }),
  eligibility,
  applications: z.array(z.object({ repairNo: z.string(), status })),
});

export const portalProgressAnswer = z.object({
  repairNo: z.string(),
  subjectName: z.string(),
  decisionDocNo: z.string(),
  status,
  acceptDueOn: z.string().nullable(),
  decisionDueOn: z.string().nullable(),
  supplementRequest: z.string().nullable(),
  decisionReason: z.string().nullable(),
  steps: z.array(z.object({ action: z.string(), note: z.string().nullable(), at: z.string() })),
  evidence: z.array(z.object({ fileName: z.string(), size: z.number().int() })),
});

export const applicationQuery = pageQuery.extend({
  status: z.enum([...repairStatuses, '逾期'], { message: '状态无效' }).optional(),
  keyword: z.string().trim().max(100).optional(),
});

const summary = z.object({
  repairNo: z.string(),
  penaltyId: z.number().int(),
  uscc: z.string(),
  subjectName: z.string(),
  decisionDocNo: z.string(),
  channel: z.enum(repairChannels),
  status,
  contactName: z.string(),
  submittedAt: z.string(),
  acceptDueOn: z.string().nullable(),
  decisionDueOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});

export const applicationPage = z.object({
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  items: z.array(summary),
});

export const applicationDetail = summary.extend({
  statements: z.array(z.enum(repairStatements)),
  statementText: z.string(),
  contactPhone: z.string(),
  supplementRequest: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  penalty: z.object({
    decidedOn: z.string(),
    authorityName: z.string(),
    violationType: z.string(),
    violationFacts: z.string(),
    categories: z.array(z.enum(penaltyCategories)),
    content: z.string(),
    publicityUntil: z.string(),
    publicationStatus: z.string().nullable(),
  }),
  earliestOn: z.string().nullable(),
  evidence: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      url: z.string(),
    }),
  ),
  steps: z.array(z.object({ action: z.string(), note: z.string().nullable(), by: z.string(), at: z.string() })),
});

export const eligibilityAnswer = z.object({
  decisionDocNo: z.string(),
  subjectName: z.string(),
  uscc: z.string().nullable(),
  eligibility,
});

export const repairCreated = z.object({ repairNo: z.string() });
