import { z } from 'zod';
import { pageQuery } from '../shared/paging';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const dataUseQuery = pageQuery.extend({
  kind: z.enum(['export', 'personal_data']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(50).optional(),
});

export const dataUseView = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['export', 'personal_data']),
  actorName: z.string(),
  departmentName: z.string(),
  summary: z.string(),
  rows: z.number().int().nullable(),
  fileName: z.string().nullable(),
  ip: z.string().nullable(),
});
