import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import {
  disposalMethods,
  disposalResults,
  ruleCodes,
  runTriggers,
  warningLevels,
  warningStatuses,
} from './warning.table';

const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`);
const isoDate = (label: string) =>
  z.string({ message: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD`);

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const codeParams = z.object({ code: z.enum(ruleCodes, { message: '预警规则不存在' }) });
const level = z.enum(warningLevels, { message: '预警等级应为 红、橙、黄、蓝' });

export const warningQuery = pageQuery.extend({
  level: level.optional(),
  status: z.enum(warningStatuses, { message: '状态无效' }).optional(),
  ruleCode: z.enum(ruleCodes, { message: '预警规则不存在' }).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type WarningQuery = z.infer<typeof warningQuery>;

export const warningItem = z.object({
  id: z.number().int(),
  warningNo: z.string(),
  ruleCode: z.enum(ruleCodes),
  ruleName: z.string(),
  level,
  subjectId: z.number().int(),
  subjectName: z.string(),
  uscc: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  status: z.enum(warningStatuses),
  raisedOn: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  summary: z.string(),
});
export type WarningItem = z.infer<typeof warningItem>;

const countBy = z.array(z.object({ name: z.string(), count: z.number().int() }));
export const warningPage = pageOf(warningItem).extend({
  today: z.string(),
  byLevel: countBy,
  byStatus: countBy,
  byDepartment: countBy,
});

export const warningDetail = warningItem.extend({
  facts: z.array(z.string()),
  disposalMethod: z.enum(disposalMethods).nullable(),
  taskNo: z.string().nullable(),
  taskStatus: z.string().nullable(),
  taskInspectedOn: z.string().nullable(),
  checkNote: z.string(),
  measure: z.string(),
  result: z.enum(disposalResults).nullable(),
  feedback: z.string(),
  falseReason: z.string(),
  closedAt: z.string().nullable(),
  closedLate: z.boolean(),
  events: z.array(
    z.object({
      action: z.string(),
      toStatus: z.enum(warningStatuses),
      note: z.string(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
  /** What the reader may do now (their permission, department and the status). */
  canHandle: z.boolean(),
});
export type WarningDetail = z.infer<typeof warningDetail>;

export const checkInput = z.object({ note: text('核查情况', 1000) });
export const falsePositiveInput = z.object({ reason: text('误报理由', 1000) });
export const disposeInput = z
  .object({
    method: z.enum(disposalMethods, { message: '请选择 现场核查 或 非现场处置' }),
    measure: z.string().trim().max(1000, '处置措施不超过 1000 字').default(''),
    /** 现场核查: the task's window; default from today to the warning's due date. */
    windowTo: isoDate('检查期至').nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.method === '非现场处置' && v.measure === '')
      ctx.addIssue({ code: 'custom', path: ['measure'], message: '非现场处置请填写处置措施' });
  });
export type DisposeInput = z.infer<typeof disposeInput>;
export const feedbackInput = z.object({
  result: z.enum(disposalResults, { message: '请选择处置结果' }),
  feedback: text('反馈内容', 2000),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const overdueView = z.object({
  today: z.string(),
  items: z.array(warningItem.extend({ overdueDays: z.number().int() })),
});

const paramValue = z.union([z.number(), z.boolean(), z.string()]);
export const ruleView = z.object({
  code: z.enum(ruleCodes),
  name: z.string(),
  description: z.string(),
  level,
  ownerDepartmentId: z.number().int().nullable(),
  ownerDepartmentName: z.string().nullable(),
  params: z.record(z.string(), paramValue),
  paramFields: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['int', 'bool', 'monthDay']) })),
  disposalDays: z.number().int(),
  enabled: z.boolean(),
  lastRunOn: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  confirmed: z.number().int(),
  falsePositives: z.number().int(),
  open: z.number().int(),
  /** confirmed / (confirmed + false positives); null before any is settled. */
  hitRate: z.number().nullable(),
});
export const ruleList = z.object({
  rules: z.array(ruleView),
  runs: z.array(
    z.object({
      id: z.number().int(),
      ruleCode: z.enum(ruleCodes),
      ruleName: z.string(),
      trigger: z.enum(runTriggers),
      startedAt: z.string(),
      durationMs: z.number().int(),
      hits: z.number().int(),
      created: z.number().int(),
      runBy: z.string().nullable(),
    }),
  ),
});

export const ruleInput = z.object({
  level,
  ownerDepartmentId: z.number().int().positive().nullable(),
  params: z.record(z.string(), paramValue),
  disposalDays: z
    .number({ message: '请填写处置期限' })
    .int('处置期限应为整数')
    .min(1, '处置期限至少 1 个工作日')
    .max(60, '处置期限不超过 60 个工作日'),
  enabled: z.boolean({ message: '请选择是否启用' }),
});
export type RuleInput = z.infer<typeof ruleInput>;

export const runOutcome = z.object({
  ruleCode: z.enum(ruleCodes),
  hits: z.number().int(),
  created: z.number().int(),
  warningNos: z.array(z.string()),
});
