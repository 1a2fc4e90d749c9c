import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';

export const taskNoParams = z.object({ taskNo: z.string().trim().min(1).max(60) });
export const reviewInput = z.object({ departmentId: z.coerce.number().int().positive().optional() });
export type ReviewInput = z.infer<typeof reviewInput>;
export const returnInput = reviewInput.extend({
  reason: z.string().trim().min(2, '请填写退回理由（至少 2 个字）').max(500),
});
export type ReturnInput = z.infer<typeof returnInput>;

export const reviewView = z.object({
  taskNo: z.string(),
  status: z.string(),
  departments: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      submitted: z.boolean(),
      /** The department's inspection was a 非现场 check (recorded by the department, no visit). */
      offsite: z.boolean(),
      decision: z.enum(['通过', '退回']).nullable(),
      reason: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
  published: z.boolean(),
});
export type ReviewView = z.infer<typeof reviewView>;

export const publicResultQuery = pageQuery.extend({ keyword: z.string().trim().max(50).optional() });
export type PublicResultQuery = z.infer<typeof publicResultQuery>;

/** What the public sees: deliberately narrow (no credit class, risk or inspectors). */
export const publicResult = z.object({
  taskNo: z.string(),
  subjectName: z.string(),
  uscc: z.string(),
  planTitle: z.string().nullable(),
  inspectedOn: z.string(),
  departments: z.array(
    z.object({ name: z.string(), items: z.array(z.string()), result: z.enum(['未发现问题', '发现问题']) }),
  ),
  publishedAt: z.string(),
});
export type PublicResult = z.infer<typeof publicResult>;
export const publicResultList = pageOf(publicResult);

/** dueOn is null when the deadline falls in a year whose holiday notice is not loaded yet. */
export const overviewTask = z.object({
  taskNo: z.string(),
  subjectName: z.string(),
  inspectedOn: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type OverviewTask = z.infer<typeof overviewTask>;
export const deadlineOverview = z.object({
  today: z.string(),
  departments: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      /** Checked in, the department has not submitted; due 7 working days after the inspection. */
      awaitingResults: z.array(overviewTask),
      /** Submitted, not yet approved. */
      awaitingApproval: z.array(overviewTask),
      /** Not yet published; due 20 working days after the inspection. */
      awaitingPublication: z.array(overviewTask),
      /** Published after the 20th working day. */
      publishedLate: z.array(overviewTask),
      counts: z.object({
        awaitingResults: z.number(),
        resultsOverdue: z.number(),
        awaitingApproval: z.number(),
        awaitingPublication: z.number(),
        publicationOverdue: z.number(),
        publishedLate: z.number(),
      }),
    }),
  ),
});
export type DeadlineOverview = z.infer<typeof deadlineOverview>;
