import { z } from 'zod';
import { applicationStatuses, followUpOutcomes } from './follow-up.table';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const followUpDisplayStatuses = ['待跟踪', '逾期', '已跟踪', '免于跟踪'] as const;

export const followUpQuery = z.object({
  status: z.enum(followUpDisplayStatuses).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type FollowUpQuery = z.infer<typeof followUpQuery>;

export const followUpView = z.object({
  followUpNo: z.string(),
  subjectName: z.string(),
  uscc: z.string(),
  department: z.object({ id: z.number(), name: z.string() }),
  approvalItemCodes: z.array(z.string()),
  /** The items' names as the registration was told of them (双告知). */
  approvalItemNames: z.array(z.string()),
  pushedOn: z.string(),
  dueOn: z.string(),
  /** Calendar days from today to the due date (negative when overdue); null once followed up or closed. */
  daysLeft: z.number().nullable(),
  status: z.enum(followUpDisplayStatuses),
  task: z.object({ taskNo: z.string(), status: z.string(), jointTaskNo: z.string().nullable() }).nullable(),
  noTaskReason: z.string().nullable(),
  followedUpOn: z.string().nullable(),
  late: z.boolean(),
  outcome: z.enum(followUpOutcomes).nullable(),
  outcomeNotes: z.string(),
  transferred: z.boolean(),
  closedBy: z.object({ decisionDocNo: z.string(), decidedOn: z.string() }).nullable(),
});
export type FollowUpView = z.infer<typeof followUpView>;

export const followUpCounts = z.object({
  待跟踪: z.number(),
  逾期: z.number(),
  已跟踪: z.number(),
  免于跟踪: z.number(),
});

export const followUpList = z.object({
  rows: z.array(followUpView),
  counts: followUpCounts,
  /** More matched than the page shows. */
  truncated: z.boolean(),
});
export type FollowUpList = z.infer<typeof followUpList>;

export const followUpOverview = z.object({
  departments: z.array(
    followUpCounts.extend({
      department: z.object({ id: z.number(), name: z.string() }),
      late: z.number(),
      unlicensed: z.number(),
      routine: z.number(),
    }),
  ),
});
export type FollowUpOverview = z.infer<typeof followUpOverview>;

export const followUpNoParams = z.object({ followUpNo: z.string().min(1).max(40) });

export const followUpTransferInput = z.object({
  targetUnit: z.string().trim().min(1, '请填写移送单位').max(200),
  reason: z.string().trim().min(1, '请填写移送理由').max(2000),
});
export type FollowUpTransferInput = z.infer<typeof followUpTransferInput>;

export const routineSupervisionView = z.object({
  subjectName: z.string(),
  uscc: z.string(),
  department: z.object({ id: z.number(), name: z.string() }),
  licence: z.object({
    decisionDocNo: z.string(),
    certificateName: z.string(),
    approvalItemCode: z.string().nullable(),
  }),
  since: z.string(),
  /** The department's sampling items whose object scope covers the subject: they draw it from the next round. */
  samplingItems: z.array(z.object({ code: z.string(), name: z.string() })),
});
export const routineSupervisionList = z.object({ rows: z.array(routineSupervisionView) });
export type RoutineSupervisionView = z.infer<typeof routineSupervisionView>;

export const applicationInput = z
  .object({
    /** The sending system's own id: the same id again returns the stored application. */
    senderRecordId: z.string().trim().min(1).max(100).optional(),
    uscc: z
      .string()
      .trim()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码格式不正确'),
    applicantName: z.string().trim().min(1, '请填写申请人名称').max(200),
    approvalItemCode: z.string().trim().min(1, '请填写许可事项编码').max(100),
    approvalItemName: z.string().trim().min(1, '请填写许可事项名称').max(200),
    acceptedOn: isoDate,
    statutoryDays: z.number().int().min(1, '法定时限至少 1 个工作日').max(365),
    promisedDays: z.number().int().min(1, '承诺时限至少 1 个工作日').max(365),
  })
  .refine((a) => a.promisedDays <= a.statutoryDays, {
    message: '承诺办结时限不能长于法定办结时限',
    path: ['promisedDays'],
  });
export type ApplicationInput = z.infer<typeof applicationInput>;

export const applicationQuery = z.object({
  status: z.enum(applicationStatuses).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type ApplicationQuery = z.infer<typeof applicationQuery>;

export const applicationView = z.object({
  applicationNo: z.string(),
  channel: z.enum(['接口', '在线']),
  uscc: z.string(),
  applicantName: z.string(),
  approvalItemCode: z.string(),
  approvalItemName: z.string(),
  department: z.object({ id: z.number(), name: z.string() }),
  acceptedOn: z.string(),
  statutoryDays: z.number(),
  promisedDays: z.number(),
  status: z.enum(applicationStatuses),
  concludedOn: z.string().nullable(),
  licence: z.object({ decisionDocNo: z.string(), certificateNo: z.string() }).nullable(),
  elapsedWorkingDays: z.number().nullable(),
  promisedDueOn: z.string().nullable(),
  statutoryDueOn: z.string().nullable(),
  state: z.enum(['正常', '超承诺时限', '超法定时限']),
});
export type ApplicationView = z.infer<typeof applicationView>;

export const applicationList = z.object({
  rows: z.array(applicationView),
  departments: z.array(
    z.object({
      department: z.object({ id: z.number(), name: z.string() }),
      inProgress: z.number(),
      overPromised: z.number(),
      overStatutory: z.number(),
      concluded: z.number(),
    }),
  ),
});
export type ApplicationList = z.infer<typeof applicationList>;
