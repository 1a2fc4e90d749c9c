import { z } from 'zod';
import { samplingScope } from '../items/sampling-item.schemas';
import {
  annualPlanStatuses,
  consultationAnswers,
  entryStatuses,
  specialPlanKinds,
  specialPlanStatuses,
} from './plan.enums';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const text = (label: string, max = 2000) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(2, `${label}至少 2 个字`)
    .max(max, `${label}不超过 ${max} 个字`);
const reason = z
  .string({ message: '请说明理由' })
  .trim()
  .min(4, '请说明理由（至少 4 个字）')
  .max(500, '理由不超过 500 个字');
const windowOk = (w: { periodFrom: string; periodTo: string }) => w.periodTo >= w.periodFrom;
const windowProblem = { path: ['periodTo'], message: '抽查时间止不能早于起' };

export const annualPlanCreate = z.object({
  year: z
    .number({ message: '请填写计划年度' })
    .int('年度应为整数')
    .min(2000, '年度应在 2000–2100 之间')
    .max(2100, '年度应在 2000–2100 之间'),
  title: z.string().trim().min(4, '标题至少 4 个字').max(100).optional(),
  /** Default: 10 March of the plan year. */
  submissionDeadline: isoDate.optional(),
});
export type AnnualPlanCreate = z.infer<typeof annualPlanCreate>;
export const submissionDeadlineInput = z.object({ submissionDeadline: isoDate });

export const entryInput = z
  .object({
    samplingItemId: z.number({ message: '请选择随机抽查事项' }).int().positive(),
    periodFrom: isoDate,
    periodTo: isoDate,
    content: text('检查内容'),
    materials: text('需准备的材料'),
  })
  .refine(windowOk, windowProblem);
export type EntryInput = z.infer<typeof entryInput>;

export const jointItemInput = z.object({
  name: text('联合抽查事项名称', 100),
  initiatingDepartmentId: z.number({ message: '请选择发起部门' }).int().positive(),
  entryIds: z
    .array(z.number().int().positive())
    .min(2, '联合抽查事项至少包含两个条目')
    .max(50)
    .transform((ids) => [...new Set(ids)]),
});
export type JointItemInput = z.infer<typeof jointItemInput>;

export const reasonInput = z.object({ reason });

const named = z.object({ id: z.number(), name: z.string() });
const ratios = z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() });

export const entryView = z.object({
  id: z.number(),
  departmentId: z.number(),
  departmentName: z.string(),
  samplingItemId: z.number(),
  samplingItemCode: z.string(),
  samplingItemName: z.string(),
  method: z.string(),
  ratios,
  ratioText: z.string(),
  scopeText: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  content: z.string(),
  materials: z.string(),
  status: z.enum(entryStatuses),
  returnReason: z.string().nullable(),
  jointItemId: z.number().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type EntryView = z.infer<typeof entryView>;

export const jointItemView = z.object({
  id: z.number(),
  name: z.string(),
  initiatingDepartment: named,
  cooperatingDepartments: z.array(named),
  entryIds: z.array(z.number()),
});
export type JointItemView = z.infer<typeof jointItemView>;

/** One line of a published plan: every element of 《黄浦区精准高效协同监管实施办法（试行）》第八条. */
export const publishedLine = z.object({
  jointItemName: z.string().nullable(),
  initiatingDepartment: z.string().nullable(),
  cooperatingDepartments: z.array(z.string()),
  departmentName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  objectScope: z.string(),
  method: z.string(),
  ratio: z.string(),
  content: z.string(),
  materials: z.string(),
});
export type PublishedLine = z.infer<typeof publishedLine>;

export const publishedAnnualPlan = z.object({
  year: z.number(),
  revision: z.number(),
  title: z.string(),
  revisionReason: z.string().nullable(),
  publishedAt: z.string(),
  departments: z.array(z.string()),
  lines: z.array(publishedLine),
});
export type PublishedAnnualPlan = z.infer<typeof publishedAnnualPlan>;

export const revisionSummary = z.object({
  id: z.number(),
  revision: z.number(),
  status: z.enum(annualPlanStatuses),
  reason: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const annualPlanView = z.object({
  id: z.number(),
  year: z.number(),
  revision: z.number(),
  title: z.string(),
  status: z.enum(annualPlanStatuses),
  submissionDeadline: z.string(),
  publishDeadline: z.string(),
  /** Not published by 31 March (or published after it). */
  publishOverdue: z.boolean(),
  revisionReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  entries: z.array(entryView),
  jointItems: z.array(jointItemView),
  revisions: z.array(revisionSummary),
  published: publishedAnnualPlan.nullable(),
});
export type AnnualPlanView = z.infer<typeof annualPlanView>;

export const annualPlanSummary = z.object({
  id: z.number(),
  year: z.number(),
  revision: z.number(),
  title: z.string(),
  status: z.enum(annualPlanStatuses),
  submissionDeadline: z.string(),
  publishDeadline: z.string(),
  publishedAt: z.string().nullable(),
  entryCount: z.number(),
  departmentCount: z.number(),
});
export type AnnualPlanSummary = z.infer<typeof annualPlanSummary>;

export const reminderView = z.object({
  today: z.string(),
  submissionDeadline: z.string(),
  departments: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      samplingItemCount: z.number(),
      state: z.enum(['未报送', '退回待重报']),
      /** Working days from today to the deadline (negative: overdue by that many); null when the calendar year is not loaded. */
      workingDaysLeft: z.number().nullable(),
      overdue: z.boolean(),
    }),
  ),
});
export type ReminderView = z.infer<typeof reminderView>;

export const specialPlanInput = z
  .object({
    departmentId: z.number({ message: '请选择发起部门' }).int().positive(),
    kind: z.enum(specialPlanKinds, { message: '方案类型应为专项检查或全项彻查' }),
    title: text('方案名称', 100),
    basis: text('检查依据', 4000),
    scope: samplingScope.prefault({}),
    /** An explicit subject list by USCC. */
    subjectUsccs: z
      .array(z.string().trim().toUpperCase().length(18, '统一社会信用代码应为 18 位'))
      .max(5000)
      .default([]),
    periodFrom: isoDate,
    periodTo: isoDate,
    content: text('检查内容'),
    materials: text('需准备的材料'),
    samplingItemIds: z
      .array(z.number().int().positive())
      .max(50)
      .default([])
      .transform((ids) => [...new Set(ids)]),
  })
  .refine(windowOk, windowProblem);
export type SpecialPlanInput = z.infer<typeof specialPlanInput>;

export const consultInput = z.object({ departmentIds: z.array(z.number().int().positive()).max(100).default([]) });
export const answerInput = z
  .object({
    answer: z.enum(consultationAnswers, { message: '请选择参加或不参加' }),
    samplingItemIds: z.array(z.number().int().positive()).max(50).default([]),
    reason: z.string().trim().max(500).default(''),
  })
  .superRefine((a, ctx) => {
    if (a.answer === '参加' && a.samplingItemIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['samplingItemIds'], message: '参加联合检查须选择本部门的抽查事项' });
    if (a.answer === '不参加' && a.reason.length < 4)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '不参加须说明理由（至少 4 个字）' });
  });
export type AnswerInput = z.infer<typeof answerInput>;
export const approveInput = z.object({ public: z.boolean({ message: '请选择是否向社会公布' }) });

const itemRef = z.object({ id: z.number(), code: z.string(), name: z.string(), departmentName: z.string() });
export const consultationView = z.object({
  departmentId: z.number(),
  departmentName: z.string(),
  pulledIn: z.boolean(),
  answer: z.enum(consultationAnswers).nullable(),
  reason: z.string().nullable(),
  samplingItems: z.array(itemRef),
  answeredAt: z.string().nullable(),
  answeredOn: z.string().nullable(),
  late: z.boolean(),
  /** Unanswered and the deadline has passed. */
  overdue: z.boolean(),
  state: z.enum(['待答复', '已逾期', '参加', '不参加']),
});

export const publishedSpecialPlan = z.object({
  kind: z.enum(specialPlanKinds),
  title: z.string(),
  initiatingDepartment: z.string(),
  departments: z.array(z.string()),
  basis: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  objectScope: z.string(),
  publishedAt: z.string(),
  lines: z.array(publishedLine),
});
export type PublishedSpecialPlan = z.infer<typeof publishedSpecialPlan>;

export const specialPlanView = z.object({
  id: z.number(),
  departmentId: z.number(),
  departmentName: z.string(),
  kind: z.enum(specialPlanKinds),
  title: z.string(),
  basis: z.string(),
  scope: samplingScope,
  scopeText: z.string(),
  subjects: z.array(z.object({ id: z.number(), uscc: z.string(), name: z.string() })),
  periodFrom: z.string(),
  periodTo: z.string(),
  content: z.string(),
  materials: z.string(),
  samplingItems: z.array(itemRef),
  status: z.enum(specialPlanStatuses),
  public: z.boolean(),
  returnReason: z.string().nullable(),
  consultationStart: z.string().nullable(),
  consultationDeadline: z.string().nullable(),
  consultations: z.array(consultationView),
  /** 全项彻查: departments whose published sampling items cover the plan's subjects (consulted automatically). */
  fullCheckDepartments: z.array(z.object({ id: z.number(), name: z.string(), items: z.array(z.string()) })),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  published: publishedSpecialPlan.nullable(),
});
export type SpecialPlanView = z.infer<typeof specialPlanView>;

export const specialPlanSummary = z.object({
  id: z.number(),
  title: z.string(),
  kind: z.enum(specialPlanKinds),
  departmentName: z.string(),
  status: z.enum(specialPlanStatuses),
  public: z.boolean(),
  periodFrom: z.string(),
  periodTo: z.string(),
  consultationDeadline: z.string().nullable(),
  pendingAnswers: z.number(),
  overdueAnswers: z.number(),
  updatedAt: z.string(),
});
export type SpecialPlanSummary = z.infer<typeof specialPlanSummary>;

export const publicPlanSummary = z.object({
  kind: z.enum(['annual', 'special']),
  id: z.number(),
  title: z.string(),
  typeName: z.string(),
  departments: z.array(z.string()),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  lineCount: z.number(),
  publishedAt: z.string(),
  /** For a revised annual plan: the revision that replaced it (the earlier one stays visible). */
  supersededBy: z.number().nullable(),
  revision: z.number().nullable(),
});
export const publicPlanDetail = z.object({
  summary: publicPlanSummary,
  basis: z.string().nullable(),
  revisionReason: z.string().nullable(),
  objectScope: z.string().nullable(),
  lines: z.array(publishedLine),
});
export type PublicPlanDetail = z.infer<typeof publicPlanDetail>;
export const publicPlanParams = z.object({
  kind: z.enum(['annual', 'special']),
  id: z.coerce.number().int().positive(),
});
