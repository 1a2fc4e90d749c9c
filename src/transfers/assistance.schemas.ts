import { z } from 'zod';
import { date, oneOf, text } from '../shared/field-schemas';
import { pageOf, pageQuery } from '../shared/paging';
import { eventView, fileView } from './transfer.schemas';
import { assistanceKinds, assistanceStatuses } from './transfer.table';

/** 执法协助 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十六条) or 协查协办: who is asked for what, on which ground, by when. */
export const assistanceInput = z.object({
  kind: z.enum(assistanceKinds, { message: oneOf('协查类别', assistanceKinds) }),
  requestedDepartmentId: z.number({ message: '请选择被请求部门' }).int().positive(),
  help: text('请求协助的事项', 2000),
  legalGround: text('法律依据', 1000),
  subjectId: z.number({ message: '检查对象应为编号' }).int().positive().nullish(),
  dueDays: z
    .number({ message: '办理时限应为工作日天数' })
    .int('办理时限应为整数')
    .min(1, '办理时限至少 1 个工作日')
    .max(60, '办理时限不超过 60 个工作日')
    .default(10),
});
export type AssistanceInput = z.infer<typeof assistanceInput>;

export const answerInput = z.object({ answer: text('答复意见', 4000) });
export const declineInput = z.object({ reason: text('拒绝理由', 1000) });

/** An on-site check for the request: a 协查 task of the requested department, merged with planned visits where possible. */
export const assistanceTaskInput = z
  .object({
    itemCodes: z
      .array(z.string().trim().min(1).max(40), { message: '请选择检查事项' })
      .min(1, '请选择至少一个检查事项')
      .max(20, '最多 20 个检查事项'),
    window: z.object({ from: date('检查期自'), to: date('检查期至') }),
  })
  .superRefine((v, ctx) => {
    if (v.window.to < v.window.from)
      ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: '检查期至不得早于检查期自' });
  });
export type AssistanceTaskInput = z.infer<typeof assistanceTaskInput>;

export const requestNoParams = z.object({ requestNo: z.string().min(1).max(40) });

export const assistanceQuery = pageQuery.extend({
  box: z.enum(['sent', 'received', 'all'], { message: oneOf('范围', ['sent', 'received', 'all']) }).default('all'),
  status: z.enum(assistanceStatuses, { message: oneOf('状态', assistanceStatuses) }).optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type AssistanceQuery = z.infer<typeof assistanceQuery>;

export const assistanceRow = z.object({
  requestNo: z.string(),
  kind: z.enum(assistanceKinds),
  requestingDepartmentId: z.number(),
  requestingDepartmentName: z.string(),
  requestedDepartmentId: z.number(),
  requestedDepartmentName: z.string(),
  help: z.string(),
  subjectName: z.string(),
  dueOn: z.string(),
  status: z.enum(assistanceStatuses),
  overdue: z.boolean(),
  createdAt: z.string(),
});
export type AssistanceRow = z.infer<typeof assistanceRow>;
export const assistancePage = pageOf(assistanceRow);

export const assistanceDetail = assistanceRow.extend({
  legalGround: z.string(),
  subjectId: z.number().nullable(),
  createdBy: z.string(),
  answer: z.string().nullable(),
  declinedReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  task: z.object({ taskNo: z.string(), status: z.string() }).nullable(),
  actions: z.array(z.enum(['accept', 'answer', 'decline', 'task'])),
  events: z.array(eventView),
  files: z.array(fileView),
});
export type AssistanceDetail = z.infer<typeof assistanceDetail>;
