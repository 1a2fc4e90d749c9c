import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';

export const publishInput = z.object({
  /** Defaults to the round's title followed by 任务公告. */
  title: z.string().trim().min(4, '公告标题至少 4 个字').max(120).optional(),
});
export type PublishInput = z.infer<typeof publishInput>;

export const announcementListQuery = pageQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type AnnouncementListQuery = z.infer<typeof announcementListQuery>;

export const announcementTaskQuery = pageQuery.extend({
  keyword: z.string().trim().max(50).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type AnnouncementTaskQuery = z.infer<typeof announcementTaskQuery>;

/**
 * What the public sees of an announcement. Deliberately narrow (the response schema drops
 * anything else): no credit class, no risk, no inclusion probability, no inspector.
 */
export const announcementSummary = z.object({
  recordNo: z.string(),
  roundNo: z.string(),
  title: z.string(),
  year: z.number(),
  window: z.object({ from: z.string(), to: z.string() }),
  taskCount: z.number(),
  departments: z.array(z.string()),
  publishedAt: z.string(),
  /** A later record of the round replaced this one (重新抽取); its tasks are void. */
  superseded: z.boolean(),
});
export type AnnouncementSummary = z.infer<typeof announcementSummary>;

export const publicTask = z.object({
  taskNo: z.string(),
  subjectName: z.string(),
  uscc: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  status: z.string(),
  departments: z.array(
    z.object({ id: z.number(), name: z.string(), items: z.array(z.object({ code: z.string(), name: z.string() })) }),
  ),
});
export type PublicTask = z.infer<typeof publicTask>;

export const announcementDetail = announcementSummary.extend({
  departmentOptions: z.array(z.object({ id: z.number(), name: z.string() })),
  tasks: pageOf(publicTask),
});
export type AnnouncementDetail = z.infer<typeof announcementDetail>;

export const announcementList = pageOf(announcementSummary);
