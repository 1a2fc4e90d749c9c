import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import { publicationKinds } from './publication.table';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const kind = z.enum(publicationKinds, { message: '类别应为 行政许可 或 行政处罚' });

export const publicationQuery = pageQuery.extend({
  kind: kind.optional(),
  status: z.enum(['待公示', '已公示', '已更新', '已撤下', '公示期满', '逾期'], { message: '状态无效' }).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  keyword: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type PublicationQuery = z.infer<typeof publicationQuery>;

export const exportQuery = publicationQuery.omit({ page: true, pageSize: true, status: true }).extend({
  kind,
  format: z.enum(['csv', 'xlsx'], { message: '格式应为 csv 或 xlsx' }),
});

export const publicationIdParams = z.object({ id: z.coerce.number().int().positive() });

const state = z.enum(['待公示', '已公示', '已更新', '已撤下', '公示期满']);
export const publicationSummary = z.object({
  id: z.number().int(),
  kind,
  recordId: z.number().int(),
  departmentName: z.string().nullable(),
  counterpartName: z.string(),
  uscc: z.string().nullable(),
  decidedOn: z.string(),
  dueOn: z.string().nullable(),
  publicityUntil: z.string().nullable(),
  state,
  overdue: z.boolean(),
  late: z.boolean(),
  recordVersion: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export const publicationPage = pageOf(publicationSummary);

const field = z.object({ name: z.string(), label: z.string(), value: z.string() });
export const publicationDetail = publicationSummary.extend({
  fields: z.array(field),
  pushes: z.array(
    z.object({
      operation: z.string(),
      version: z.number().int(),
      createdAt: z.string(),
      status: z.string(),
      sentAt: z.string().nullable(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
  ),
});

export const overdueView = z.object({
  today: z.string(),
  departments: z.array(
    z.object({
      departmentId: z.number().int().nullable(),
      departmentName: z.string(),
      overdue: z.number().int(),
      waiting: z.number().int(),
      late: z.number().int(),
      lateCollections: z.number().int(),
      awaitingCollection: z.number().int(),
    }),
  ),
  collections: z.array(
    z.object({
      taskNo: z.string(),
      departmentName: z.string().nullable(),
      name: z.string(),
      decisionDocNo: z.string().nullable(),
      decidedOn: z.string().nullable(),
      collectedOn: z.string().nullable(),
      dueOn: z.string().nullable(),
      state: z.enum(['按时归集', '逾期归集', '待归集']),
    }),
  ),
});

export const taskPenaltyList = z.array(
  z.object({
    decisionDocNo: z.string(),
    departmentName: z.string().nullable(),
    decidedOn: z.string(),
    collectedOn: z.string(),
    dueOn: z.string().nullable(),
    onTime: z.boolean().nullable(),
  }),
);

export const modeView = z.object({ autoPublish: z.boolean() });

export const publicQuery = pageQuery.extend({ kind, keyword: z.string().trim().max(100).optional() });
export const publicRecord = z.object({
  id: z.number().int(),
  kind,
  name: z.string(),
  uscc: z.string(),
  docNo: z.string(),
  decidedOn: z.string(),
  state: z.string(),
  publishedOn: z.string().nullable(),
  fields: z.array(field),
});
export const publicPage = pageOf(publicRecord);
