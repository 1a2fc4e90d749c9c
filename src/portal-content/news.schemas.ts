import { z } from 'zod';
import { date, text } from '../shared/field-schemas';
import { pageOf, pageQuery } from '../shared/paging';
import { publicationStatuses } from './portal-content.table';

export const newsInput = z.object({
  title: text('标题', 100),
  body: text('正文', 20000),
  /** Omitted: today. A later date keeps the item off the portal until then. */
  publishedOn: date('发布日期').optional(),
  departmentId: z.number().int().positive().optional(),
});
export type NewsInput = z.infer<typeof newsInput>;

export const newsQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(publicationStatuses).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type NewsQuery = z.infer<typeof newsQuery>;

export const newsView = z.object({
  id: z.number(),
  departmentId: z.number(),
  departmentName: z.string(),
  title: z.string(),
  body: z.string(),
  publishedOn: z.string(),
  status: z.enum(publicationStatuses),
  withdrawReason: z.string(),
  updatedAt: z.string(),
});
export type NewsView = z.infer<typeof newsView>;
export const newsPage = pageOf(newsView);

export const publicNews = newsView.omit({ status: true, withdrawReason: true, updatedAt: true });
export type PublicNews = z.infer<typeof publicNews>;
export const publicNewsPage = pageOf(publicNews);
export const publicNewsQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type PublicNewsQuery = z.infer<typeof publicNewsQuery>;
