import { z } from 'zod';
import { pageQuery } from '../shared/paging';
import { anomalyProblems, anomalyStatuses, batchChannels, batchStatuses } from './aggregation.table';
import { recordKinds } from './aggregation-fields';

export const kindEnum = z.enum(recordKinds, { message: `数据类别应为 ${recordKinds.join('、')} 之一` });

/** The envelope a department's system sends; each record is checked field by field by the validator, not here. */
export const batchEnvelope = z.object({
  批次号: z.string().trim().max(40).nullable().optional().describe('报送方自己的批次号（可选，平台另编批次号）'),
  数据类别: z.string().describe(`数据类别：${recordKinds.join('、')}`),
  记录: z.array(z.record(z.string(), z.unknown())).describe('记录列表，每条记录的字段见接口说明，须有 主键 和 操作'),
});

const problemView = z.object({
  field: z.string().nullable(),
  problem: z.string(),
  message: z.string(),
  dueOn: z.string().nullable(),
});

export const batchAnswer = z.object({
  batchId: z.number().int(),
  batchNo: z.string(),
  status: z.enum(batchStatuses),
  recordCount: z.number().int(),
  acceptedCount: z.number().int(),
  anomalyCount: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      rowNo: z.number().int().nullable(),
      key: z.string(),
      outcome: z.enum(['created', 'updated', 'deleted', 'unchanged', 'refused']),
      problems: z.array(problemView),
    }),
  ),
});

export const batchListQuery = pageQuery.extend({
  kind: kindEnum.optional(),
  channel: z.enum(batchChannels).optional(),
});

export const batchView = z.object({
  id: z.number().int(),
  batchNo: z.string(),
  senderBatchNo: z.string().nullable(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  channel: z.enum(batchChannels),
  recordKind: z.string(),
  fileName: z.string().nullable(),
  recordCount: z.number().int(),
  acceptedCount: z.number().int(),
  anomalyCount: z.number().int(),
  status: z.enum(batchStatuses),
  receivedAt: z.string(),
});

export const anomalyListQuery = pageQuery.extend({
  status: z.enum(anomalyStatuses).optional(),
  problem: z.enum(anomalyProblems).optional(),
  kind: kindEnum.optional(),
  batchId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const anomalyView = z.object({
  id: z.number().int(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  batchId: z.number().int().nullable(),
  batchNo: z.string().nullable(),
  recordKind: z.string(),
  recordKey: z.string(),
  rowNo: z.number().int().nullable(),
  field: z.string().nullable(),
  problem: z.enum(anomalyProblems),
  message: z.string(),
  detectedAt: z.string(),
  dueOn: z.string().nullable(),
  /** Working days left to the deadline (0 on the due day), negative when overdue; null without a deadline. */
  daysLeft: z.number().int().nullable(),
  status: z.enum(anomalyStatuses),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string(),
  /** The refused record as sent (personal data masked), for correcting it online. */
  record: z.record(z.string(), z.unknown()).nullable(),
});

export const storedRecordView = z.object({
  id: z.number().int(),
  senderKey: z.string(),
  recordKind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  deleted: z.boolean(),
  rowNo: z.number().int().nullable(),
  home: z.string(),
  homeRef: z.string().nullable(),
  updatedAt: z.string(),
});

export const batchDetail = batchView.extend({
  records: z.array(storedRecordView),
  anomalies: z.array(anomalyView),
});

export const writeOffInput = z.object({
  reason: z
    .string({ message: '请填写核销理由' })
    .trim()
    .min(4, '请填写核销理由（至少 4 个字）')
    .max(500, '核销理由不超过 500 个字'),
});

export const overdueSummary = z.object({
  total: z.number().int(),
  departments: z.array(
    z.object({ departmentId: z.number().int(), departmentName: z.string(), overdue: z.number().int() }),
  ),
});

export const actionRecordQuery = pageQuery.extend({
  kind: kindEnum.optional(),
  q: z.string().trim().max(50).optional(),
});

export const actionRecordView = z.object({
  id: z.number().int(),
  recordKind: z.string(),
  senderKey: z.string(),
  departmentName: z.string(),
  payload: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});

export const fieldSpecView = z.object({
  kind: z.string(),
  home: z.string(),
  fields: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      required: z.boolean(),
      max: z.number().int().nullable(),
      options: z.array(z.string()).nullable(),
      note: z.string().nullable(),
      example: z.string(),
    }),
  ),
});

export const completenessAnswer = z.object({ period: z.string(), raised: z.number().int(), skipped: z.boolean() });
