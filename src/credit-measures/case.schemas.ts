import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import { caseStatuses, feedbackOutcomes } from './credit-measure.table';
import { measureKind } from './measure.schemas';

const isoDate = (label: string) =>
  z.string({ message: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD`);
const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`);

/** Names one or more subjects under a published measure; each subject becomes one case. */
export const caseInput = z
  .object({
    measureId: z.number({ message: '请选择措施' }).int().positive(),
    subjectIds: z
      .array(z.number().int().positive(), { message: '请选择对象' })
      .min(1, '请选择至少一个对象')
      .max(50, '一次最多 50 个对象'),
    reason: text('列入理由', 1000),
    basisDocument: text('依据文书', 300),
    validFrom: isoDate('实施期限自'),
    validTo: isoDate('实施期限至'),
  })
  .superRefine((v, ctx) => {
    if (v.validTo < v.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: '实施期限至不得早于实施期限自' });
  });
export type CaseInput = z.infer<typeof caseInput>;

/** 实施中 and 已解除 are stored; 已到期 is a case in force past its valid_to; 未生效 one before valid_from. */
export const caseStates = ['实施中', '已到期', '已解除'] as const;
export type CaseState = (typeof caseStates)[number];

export const caseQuery = pageQuery.extend({
  kind: measureKind.optional(),
  measureId: z.coerce.number().int().positive().optional(),
  state: z.enum(caseStates, { message: '状态无效' }).optional(),
  keyword: z.string().trim().max(100).optional(),
  /** Only cases awaiting the actor's department's feedback. */
  awaitingMine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type CaseQuery = z.infer<typeof caseQuery>;

export const feedbackInput = z
  .object({
    outcome: z.enum(['已实施', '不适用'], { message: '请选择 已实施 或 不适用' }),
    appliedOn: isoDate('实施日期').nullish(),
    action: text('实施情况或不适用理由', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === '已实施' && !v.appliedOn)
      ctx.addIssue({ code: 'custom', path: ['appliedOn'], message: '已实施的请填写实施日期' });
  });
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const feedbackView = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  dueOn: z.string().nullable(),
  outcome: z.enum(feedbackOutcomes),
  appliedOn: z.string().nullable(),
  action: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string().nullable(),
  late: z.boolean(),
  overdue: z.boolean(),
});

export const caseView = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  kind: measureKind,
  measureId: z.number().int(),
  measureCode: z.string(),
  measureMatter: z.string(),
  measureVersion: z.number().int(),
  subjectId: z.number().int(),
  subjectName: z.string(),
  uscc: z.string(),
  initiatingDepartment: z.string(),
  reason: z.string(),
  basisDocument: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  state: z.enum(caseStates),
  status: z.enum(caseStatuses),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  feedbacks: z.array(feedbackView),
});
export type CaseView = z.infer<typeof caseView>;
export const casePage = pageOf(caseView);
export const initiated = z.object({ ids: z.array(z.number().int()), caseNos: z.array(z.string()) });

export const overdueView = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      caseId: z.number().int(),
      caseNo: z.string(),
      subjectName: z.string(),
      measureMatter: z.string(),
      departmentName: z.string(),
      dueOn: z.string(),
      overdueDays: z.number().int(),
    }),
  ),
  byDepartment: z.array(
    z.object({
      departmentName: z.string(),
      pending: z.number().int(),
      overdue: z.number().int(),
      done: z.number().int(),
      late: z.number().int(),
    }),
  ),
});
