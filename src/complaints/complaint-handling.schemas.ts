import { z } from 'zod';
import { optionalText, text } from '../shared/field-schemas';
import { pageOf, pageQuery } from '../shared/paging';
import {
  complaintChannels,
  complaintKinds,
  complaintStatuses,
  verificationMethods,
  verificationResults,
} from './complaint.table';

export const ticketParams = z.object({ ticketNo: z.string().trim().min(1).max(40) });
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const matterParams = z.object({ code: z.string().trim().min(1).max(20) });

const flag = z
  .enum(['true', 'false'], { message: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

export const complaintQuery = pageQuery.extend({
  status: z.enum(complaintStatuses, { message: '状态无效' }).optional(),
  matterCode: z.string().trim().max(20).optional(),
  channel: z.enum(complaintChannels, { message: '来源渠道无效' }).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  overdue: flag,
  supervised: flag,
  keyword: z.string().trim().max(100).optional(),
});
export type ComplaintQuery = z.infer<typeof complaintQuery>;

export const deadlineStates = ['正常', '临期', '超期'] as const;

export const complaintItem = z.object({
  ticketNo: z.string(),
  channel: z.enum(complaintChannels),
  kind: z.enum(complaintKinds),
  matterCode: z.string(),
  matterName: z.string(),
  subjectName: z.string(),
  uscc: z.string().nullable(),
  title: z.string(),
  status: z.enum(complaintStatuses),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  receivedAt: z.string(),
  /** The deadline running now (受理, 核查 or 答复), its stage name and state. */
  dueOn: z.string().nullable(),
  dueStage: z.string().nullable(),
  deadlineState: z.enum(deadlineStates).nullable(),
  daysOverdue: z.number().int(),
  supervisionLevel: z.number().int(),
  /** Complaints in its group of repeats (0 when it has none). */
  groupSize: z.number().int(),
});
export type ComplaintItem = z.infer<typeof complaintItem>;
export const complaintPage = pageOf(complaintItem);

export const complaintCounts = z.object({
  byStatus: z.array(z.object({ status: z.enum(complaintStatuses), count: z.number().int() })),
  byMatter: z.array(z.object({ matter: z.string(), count: z.number().int() })),
});

/** What the signed-in user may do with the complaint now (the buttons the detail page shows). */
export const complaintActions = [
  'dispatch',
  'redispatch',
  'giveBack',
  'refuse',
  'accept',
  'createTask',
  'verify',
  'reply',
  'supervise',
  'escalate',
] as const;

export const complaintDetail = complaintItem.extend({
  content: z.string(),
  address: z.string(),
  divisionCode: z.string().nullable(),
  industryCode: z.string().nullable(),
  occurredOn: z.string().nullable(),
  anonymous: z.boolean(),
  ackDue: z.string().nullable(),
  verifyDue: z.string().nullable(),
  replyDue: z.string().nullable(),
  verificationMethod: z.enum(verificationMethods).nullable(),
  verificationResult: z.enum(verificationResults).nullable(),
  verificationNotes: z.string(),
  reply: z.string(),
  repliedAt: z.string().nullable(),
  supervisionNote: z.string(),
  supervisedAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  task: z.object({ taskNo: z.string(), status: z.string() }).nullable(),
  checks: z.array(z.object({ content: z.string(), result: z.string(), notes: z.string() })),
  events: z.array(
    z.object({
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      departmentName: z.string().nullable(),
      actorName: z.string(),
      note: z.string(),
      at: z.string(),
    }),
  ),
  group: z.array(
    z.object({
      ticketNo: z.string(),
      title: z.string(),
      status: z.enum(complaintStatuses),
      receivedAt: z.string(),
      departmentName: z.string().nullable(),
    }),
  ),
  actions: z.array(z.enum(complaintActions)),
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;

export const dispatchInput = z.object({
  departmentId: z.number({ message: '请选择承办部门' }).int().positive(),
  note: optionalText('分派说明', 500),
});
export const redispatchInput = z.object({
  departmentId: z.number({ message: '请选择承办部门' }).int().positive(),
  reason: text('改派理由', 500),
});
export const reasonInput = z.object({ reason: text('理由', 500) });
export const noteInput = z.object({ note: optionalText('说明', 500) });
export const taskInput = z.object({
  itemCodes: z
    .array(z.string().trim().min(1).max(40), { message: '检查事项应为列表' })
    .max(10, '最多 10 项')
    .default([]),
});
export const verifyInput = z
  .object({
    method: z.enum(verificationMethods, { message: '请选择核查方式' }),
    result: z.enum(verificationResults, { message: '请选择核查结论：属实、部分属实或不属实' }),
    notes: optionalText('核查情况', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.result !== '不属实' && v.notes === '')
      ctx.addIssue({ code: 'custom', path: ['notes'], message: '属实或部分属实的请写明核查情况' });
  });
export const replyInput = z.object({ reply: text('答复内容', 2000) });
export const superviseInput = z.object({ note: text('督办意见', 500) });
export const taskCreated = z.object({ taskNo: z.string() });
export const itemOptions = z.array(z.object({ code: z.string(), name: z.string() }));

export const dispatchRuleInput = z.object({
  matterCode: z.string().trim().min(1).max(20).nullable().default(null),
  industryPrefix: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,5}$/, '行业代码前缀为 1–5 位字母或数字')
    .nullable()
    .default(null),
  divisionPrefix: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, '行政区划代码前缀为 2–12 位数字')
    .nullable()
    .default(null),
  departmentId: z.number({ message: '请选择承办部门' }).int().positive(),
  priority: z.number({ message: '请填写优先级' }).int().min(1, '优先级 1–999').max(999, '优先级 1–999').default(100),
  enabled: z.boolean().default(true),
  note: optionalText('说明', 200),
});
export type DispatchRuleInput = z.infer<typeof dispatchRuleInput>;

export const dispatchRuleView = z.object({
  id: z.number().int(),
  matterCode: z.string().nullable(),
  matterName: z.string().nullable(),
  industryPrefix: z.string().nullable(),
  divisionPrefix: z.string().nullable(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  priority: z.number().int(),
  enabled: z.boolean(),
  note: z.string(),
});

export const matterView = z.object({
  code: z.string(),
  name: z.string(),
  ackDays: z.number().int(),
  verifyDays: z.number().int(),
  replyDays: z.number().int(),
  industryCodes: z.array(z.string()),
  active: z.boolean(),
});
export const matterInput = z.object({
  ackDays: z
    .number({ message: '请填写受理时限' })
    .int()
    .min(1, '受理时限 1–30 个工作日')
    .max(30, '受理时限 1–30 个工作日'),
  verifyDays: z
    .number({ message: '请填写核查时限' })
    .int()
    .min(1, '核查时限 1–90 个工作日')
    .max(90, '核查时限 1–90 个工作日'),
  replyDays: z
    .number({ message: '请填写答复时限' })
    .int()
    .min(1, '答复时限 1–30 个工作日')
    .max(30, '答复时限 1–30 个工作日'),
});
