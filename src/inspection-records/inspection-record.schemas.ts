import { z } from 'zod';
import { checkResults } from '../inspections/inspection.schemas';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const taskNoParams = z.object({ taskNo: z.string().trim().min(1).max(60) });

export const exportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const offsiteInput = z.object({
  /** Needed only by users who see every department; otherwise the user's own department. */
  departmentId: z.number().int().positive().optional(),
  method: z.string().trim().min(1, '请说明检查方式（如在线监测、视频检查、数据比对）').max(500),
  dataSource: z.string().trim().min(1, '请填写数据来源').max(500),
  conductedOn: isoDate,
  results: z
    .array(
      z.object({
        checkItemId: z.number().int().positive(),
        result: z.enum(checkResults),
        notes: z.string().trim().max(2000).default(''),
      }),
    )
    .min(1, '请录入检查结果'),
});
export type OffsiteInput = z.infer<typeof offsiteInput>;

export const transferInput = z.object({
  checkItemId: z.number().int().positive(),
  targetUnit: z.string().trim().min(1, '请填写移送单位').max(200),
  reason: z.string().trim().min(1, '请填写移送理由').max(2000),
});
export type TransferInput = z.infer<typeof transferInput>;

export const transferView = z.object({
  id: z.number(),
  departmentId: z.number(),
  departmentName: z.string(),
  checkItemId: z.number(),
  checkContent: z.string(),
  targetUnit: z.string(),
  reason: z.string(),
  evidence: z.object({ result: z.enum(checkResults), notes: z.string(), photoIds: z.array(z.number()) }),
  status: z.literal('已移送'),
  transferredBy: z.string(),
  transferredAt: z.string(),
});
export type TransferView = z.infer<typeof transferView>;
export const transferList = z.object({ taskNo: z.string(), items: z.array(transferView) });
export type TransferList = z.infer<typeof transferList>;

export const offsiteView = z.object({
  taskNo: z.string(),
  departmentId: z.number(),
  method: z.string(),
  dataSource: z.string(),
  conductedOn: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  results: z.array(
    z.object({ checkItemId: z.number(), itemCode: z.string(), result: z.enum(checkResults), notes: z.string() }),
  ),
});
export type OffsiteView = z.infer<typeof offsiteView>;
