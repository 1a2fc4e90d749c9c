import { z } from 'zod';
import { oneOf, optionalText, text } from '../shared/field-schemas';
import { pageOf, pageQuery } from '../shared/paging';
import {
  externalKinds,
  itemTypes,
  transferKinds,
  transferOutcomes,
  transferSources,
  transferStatuses,
} from './transfer.table';

export { transferKinds, transferOutcomes, transferStatuses };

/** The receiver: a department of the platform, or an external body (行刑衔接) with its name. */
export const receiverInput = z
  .object({
    departmentId: z.number({ message: '请选择接收部门' }).int().positive().nullish(),
    externalKind: z.enum(externalKinds, { message: oneOf('外部机关类别', externalKinds) }).nullish(),
    externalName: optionalText('外部机关名称', 100),
  })
  .superRefine((v, ctx) => {
    if ((v.departmentId ?? null) === null && (v.externalKind ?? null) === null)
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '请选择接收部门或外部机关' });
    if ((v.departmentId ?? null) !== null && (v.externalKind ?? null) !== null)
      ctx.addIssue({ code: 'custom', path: ['externalKind'], message: '接收部门和外部机关只能选一个' });
    if ((v.externalKind ?? null) !== null && !v.externalName)
      ctx.addIssue({ code: 'custom', path: ['externalName'], message: '请填写外部机关名称' });
  });
export type ReceiverInput = z.infer<typeof receiverInput>;

const acceptDays = z
  .number({ message: '受理时限应为工作日天数' })
  .int('受理时限应为整数')
  .min(1, '受理时限至少 1 个工作日')
  .max(30, '受理时限不超过 30 个工作日')
  .default(5);

/** A transfer entered on this page: of a complaint, of a warning, or of a matter typed by hand. */
export const transferInput = z
  .object({
    kind: z.enum(transferKinds, { message: oneOf('移送类别', transferKinds) }),
    sourceType: z.enum(['投诉举报', '风险预警', '手工录入'], {
      message: oneOf('来源', ['投诉举报', '风险预警', '手工录入']),
    }),
    sourceRef: optionalText('来源编号', 60),
    subjectId: z.number({ message: '检查对象应为编号' }).int().positive().nullish(),
    subjectName: optionalText('当事人名称', 200),
    receiver: receiverInput,
    reason: text('移送理由', 2000),
    legalGround: text('法律依据', 1000),
    acceptDays,
  })
  .superRefine((v, ctx) => {
    if (v.sourceType !== '手工录入' && !v.sourceRef)
      ctx.addIssue({ code: 'custom', path: ['sourceRef'], message: `请填写${v.sourceType}编号` });
  });
export type TransferInput = z.infer<typeof transferInput>;

export const returnInput = z.object({ reason: text('退回理由', 1000) });
export const resendInput = z.object({ receiver: receiverInput, acceptDays });
export const receiptInput = z.object({ receiptNo: text('回执编号', 100) });

export const outcomeInput = z
  .object({
    outcome: z.enum(transferOutcomes, { message: oneOf('办理结果', transferOutcomes) }),
    caseNo: optionalText('立案编号', 100),
    penaltyDocNo: optionalText('行政处罚决定书文号', 100),
    notes: optionalText('说明', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === '立案' && !v.caseNo)
      ctx.addIssue({ code: 'custom', path: ['caseNo'], message: '请填写立案编号' });
    if (v.outcome === '已处罚' && !v.penaltyDocNo)
      ctx.addIssue({ code: 'custom', path: ['penaltyDocNo'], message: '请填写行政处罚决定书文号' });
    if (v.outcome === '不予立案' && !v.notes)
      ctx.addIssue({ code: 'custom', path: ['notes'], message: '请填写不予立案的理由' });
    if (v.outcome === '移送司法机关' && !v.notes)
      ctx.addIssue({ code: 'custom', path: ['notes'], message: '请填写移送的司法机关和文书' });
  });
export type OutcomeInput = z.infer<typeof outcomeInput>;

export const transferNoParams = z.object({ transferNo: z.string().min(1).max(40) });

/** 我发起的, 待我处理 (sent to my department), or every transfer the actor may read. */
export const boxes = ['sent', 'received', 'all'] as const;
export const transferQuery = pageQuery.extend({
  box: z.enum(boxes, { message: oneOf('范围', boxes) }).default('all'),
  status: z.enum(transferStatuses, { message: oneOf('状态', transferStatuses) }).optional(),
  kind: z.enum(transferKinds, { message: oneOf('移送类别', transferKinds) }).optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type TransferQuery = z.infer<typeof transferQuery>;

export const eventView = z.object({
  action: z.string(),
  departmentName: z.string().nullable(),
  actorName: z.string(),
  note: z.string(),
  at: z.string(),
});
export type EventView = z.infer<typeof eventView>;

export const fileView = z.object({
  id: z.number(),
  fileName: z.string(),
  departmentName: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type FileView = z.infer<typeof fileView>;

export const transferRow = z.object({
  transferNo: z.string(),
  kind: z.enum(transferKinds),
  sourceType: z.enum(transferSources),
  sourceRef: z.string().nullable(),
  subjectName: z.string(),
  senderDepartmentId: z.number(),
  senderDepartmentName: z.string(),
  receiverDepartmentId: z.number().nullable(),
  externalKind: z.enum(externalKinds).nullable(),
  receiverName: z.string(),
  status: z.enum(transferStatuses),
  outcome: z.enum(transferOutcomes).nullable(),
  acceptDueOn: z.string().nullable(),
  overdue: z.boolean(),
  transferredAt: z.string(),
});
export type TransferRow = z.infer<typeof transferRow>;
export const transferPage = pageOf(transferRow);

export const transferDetail = transferRow.extend({
  reason: z.string(),
  legalGround: z.string(),
  transferredBy: z.string(),
  evidence: z
    .object({
      taskNo: z.string(),
      checkContent: z.string(),
      result: z.string(),
      notes: z.string(),
      photoIds: z.array(z.number()),
    })
    .nullable(),
  returnedReason: z.string().nullable(),
  receiptNo: z.string().nullable(),
  caseNo: z.string().nullable(),
  penalty: z.object({ docNo: z.string(), decidedOn: z.string(), content: z.string() }).nullable(),
  outcomeNotes: z.string().nullable(),
  /** What the actor may do now. */
  actions: z.array(z.enum(['accept', 'return', 'resend', 'receipt', 'outcome'])),
  events: z.array(eventView),
  files: z.array(fileView),
});
export type TransferDetail = z.infer<typeof transferDetail>;

export const overdueItem = z.object({
  itemType: z.enum(itemTypes),
  no: z.string(),
  title: z.string(),
  departmentName: z.string(),
  waitingOn: z.string(),
  dueOn: z.string(),
  overdueWorkingDays: z.number(),
});
export const overdueList = z.object({ items: z.array(overdueItem) });
export type OverdueItem = z.infer<typeof overdueItem>;
