import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';

const item = z.object({ code: z.string(), name: z.string() });
export const proposalStatuses = ['待答复', '已合并', '未合并', '已失效'] as const;

export const proposalQuery = pageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(proposalStatuses).optional(),
  /** Only proposals this department takes part in (own-department users always get their own). */
  departmentId: z.coerce.number().int().positive().optional(),
  /** Only proposals the department still has to answer. */
  pending: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ProposalQuery = z.infer<typeof proposalQuery>;

export const proposalNoParams = z.object({ proposalNo: z.string().trim().min(1).max(40) });

export const answerInput = z.object({
  /** The answering department; defaults to the user's own (the joint-meeting office may answer for any). */
  departmentId: z.number().int().positive().optional(),
  answer: z.enum(['接受', '拒绝'], '请选择接受或拒绝'),
  reason: z.string().trim().max(500).default(''),
  /** An invited department names the items it brings when it accepts. */
  itemCodes: z.array(z.string().trim().min(1)).max(50).default([]),
});
export type AnswerInput = z.infer<typeof answerInput>;

export const matchInput = z.object({ year: z.number().int().min(2000).max(2100) });

export const proposalView = z.object({
  proposalNo: z.string(),
  kind: z.enum(['重叠', '标签']),
  subject: z.object({ id: z.number(), uscc: z.string(), name: z.string() }),
  year: z.number(),
  window: z.object({ from: z.string(), to: z.string() }),
  status: z.enum(proposalStatuses),
  outcome: z.string().nullable(),
  mergedTaskNo: z.string().nullable(),
  createdAt: z.string(),
  sources: z.array(
    z.object({
      type: z.enum(['登记', '任务']),
      no: z.string(),
      kind: z.string(),
      window: z.object({ from: z.string(), to: z.string() }),
      departments: z.array(z.object({ id: z.number(), name: z.string(), items: z.array(item) })),
    }),
  ),
  parties: z.array(
    z.object({
      department: z.object({ id: z.number(), name: z.string() }),
      role: z.enum(['来源', '受邀']),
      answer: z.enum(['接受', '拒绝']).nullable(),
      reason: z.string().nullable(),
      items: z.array(item),
      answeredAt: z.string().nullable(),
    }),
  ),
});
export type ProposalView = z.infer<typeof proposalView>;
export const proposalPage = pageOf(proposalView);
export const matchResult = z.object({ year: z.number(), proposed: z.array(proposalView) });
