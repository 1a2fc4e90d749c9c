import { z } from 'zod';
import { receiverInput, transferKinds, transferOutcomes, transferStatuses } from '../transfers/transfer.schemas';
import { checkResults } from '../inspections/inspection.schemas';
import { pageOf, pageQuery } from '../shared/paging';
import { taskStatuses } from '../tasks/task.schemas';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const taskNoParams = z.object({ taskNo: z.string().trim().min(1).max(60) });

export const exportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type ExportQuery = z.infer<typeof exportQuery>;

/** A department's inspection of a task, as a whole: no finding, or findings (不符合) to correct or transfer. */
export const recordResults = ['符合', '发现问题'] as const;
/** Whether the findings went to case investigation: 已移送 (at least one), 未移送 (findings, none transferred). */
export const transferStates = ['已移送', '未移送'] as const;

/** 检查记录: one row per task and department that has inspected (submitted on site, or recorded off site). */
export const recordQuery = pageQuery
  .extend({
    /** The inspection date (check-in, or the off-site check) falls in [from, to]. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Within the user's scope: a department-scoped user sees their own department's records only. */
    departmentId: z.coerce.number().int().positive().optional(),
    result: z.enum(recordResults).optional(),
    transfer: z.enum(transferStates).optional(),
    /** The subject's name (contains) or its unified social credit code. */
    subject: z.string().trim().min(1).max(50).optional(),
    /** The task number, or its beginning (a draw record's number lists its tasks). */
    taskNo: z.string().trim().min(1).max(60).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type RecordQuery = z.infer<typeof recordQuery>;

export const recordListItem = z.object({
  taskNo: z.string(),
  taskStatus: z.enum(taskStatuses),
  subject: z.object({ id: z.number(), name: z.string(), uscc: z.string() }),
  department: z.object({ id: z.number(), name: z.string() }),
  inspectors: z.array(z.string()),
  inspectedOn: z.string(),
  offsite: z.boolean(),
  result: z.enum(recordResults),
  /** Check items found 不符合. */
  problems: z.number(),
  /** Findings transferred to case investigation. */
  transferred: z.number(),
  /** Null when there was nothing to transfer (no finding). */
  transfer: z.enum(transferStates).nullable(),
});
export type RecordListItem = z.infer<typeof recordListItem>;
export const recordPage = pageOf(recordListItem);

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

/**
 * A finding transferred to case investigation: to a named department of the platform or an external body
 * (`receiver`); `targetUnit` alone still names an external body by hand, as before.
 */
export const transferInput = z
  .object({
    checkItemId: z.number().int().positive(),
    kind: z.enum(transferKinds, { message: '移送类别应为 案件移送、线索移送 之一' }).optional(),
    receiver: receiverInput.optional(),
    targetUnit: z.string().trim().min(1, '请填写移送单位').max(200).optional(),
    reason: z.string().trim().min(1, '请填写移送理由').max(2000),
    legalGround: z.string().trim().max(1000).optional(),
    acceptDays: z.number().int().min(1, '受理时限至少 1 个工作日').max(30, '受理时限不超过 30 个工作日').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.receiver && !v.targetUnit)
      ctx.addIssue({ code: 'custom', path: ['receiver'], message: '请选择接收部门或外部机关' });
  });
export type TransferInput = z.infer<typeof transferInput>;

export const transferView = z.object({
  id: z.number(),
  transferNo: z.string(),
  kind: z.enum(transferKinds),
  departmentId: z.number(),
  departmentName: z.string(),
  checkItemId: z.number(),
  checkContent: z.string(),
  targetUnit: z.string(),
  reason: z.string(),
  evidence: z.object({ result: z.enum(checkResults), notes: z.string(), photoIds: z.array(z.number()) }),
  status: z.enum(transferStatuses),
  outcome: z.enum(transferOutcomes).nullable(),
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
