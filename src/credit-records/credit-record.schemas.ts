import { z } from 'zod';
import { date, oneOf, optionalText, text } from '../shared/field-schemas';
import { pageQuery } from '../shared/paging';
import { checkUscc } from '../shared/uscc';
import { creditFieldNames as n, externalKinds, listKinds } from './credit-record-fields';
import {
  creditChannels,
  creditHistoryEvents,
  creditRecordKinds,
  creditRecordStatuses,
  creditSeverities,
  creditSources,
} from './credit-record.table';

export { creditSeverities };

const optionalDate = (label: string) =>
  z
    .union([date(label), z.literal('')], { message: `${label}应为 YYYY-MM-DD` })
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null));

/**
 * A credit record from outside (another system, a batch file, online entry): 经营异常名录 and 严重违法失信名单
 * 列入 or 移出, 年报未报, 违反告知承诺, 表彰奖励, 投诉举报属实. Keyed by the sender's record id; a 移出 names the
 * 列入 record's id and ends it (已移出) from its date.
 */
export const creditRecordInput = z
  .object({
    senderRecordId: z
      .string({ message: `请填写${n.senderRecordId}` })
      .trim()
      .min(1, `请填写${n.senderRecordId}`)
      .max(64, `${n.senderRecordId}不超过 64 个字符`)
      .regex(/^[\x21-\x7E]+$/, `${n.senderRecordId}只能含字母、数字和符号`)
      .describe(n.senderRecordId),
    action: z
      .enum(['列入', '移出'], { message: oneOf(n.action, ['列入', '移出']) })
      .default('列入')
      .describe(`${n.action}：经营异常名录、严重违法失信名单可移出`),
    uscc: z
      .string({ message: `请填写${n.uscc}` })
      .trim()
      .toUpperCase()
      .superRefine((code, ctx) => {
        const check = checkUscc(code);
        if (!check.valid) ctx.addIssue({ code: 'custom', message: `${n.uscc}未通过校验：${check.reason}` });
      })
      .describe(n.uscc),
    subjectName: text(n.subjectName, 100).describe(n.subjectName),
    kind: z.enum(externalKinds, { message: oneOf(n.kind, externalKinds) }).describe(n.kind),
    severity: z
      .enum(creditSeverities, { message: oneOf(n.severity, creditSeverities) })
      .nullable()
      .default(null)
      .describe(`${n.severity}（不填按类别默认）`),
    departmentName: text(n.departmentName, 100).describe(n.departmentName),
    decidedOn: date(n.decidedOn).describe(n.decidedOn),
    title: text(n.title, 200).describe(n.title),
    detail: optionalText(n.detail, 2000).describe(n.detail),
    countsUntil: optionalDate(n.countsUntil).describe(`${n.countsUntil}（不填：直到移出或撤销）`),
    basisDocNo: optionalText(n.basisDocNo, 100).describe(n.basisDocNo),
    removedOn: optionalDate(n.removedOn).describe(`${n.removedOn}（移出时必填）`),
    removalReason: optionalText(n.removalReason, 200).describe(n.removalReason),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = (field: keyof typeof n, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.countsUntil && v.countsUntil < v.decidedOn) problem('countsUntil', `${n.countsUntil}不能早于${n.decidedOn}`);
    if (v.action === '移出') {
      if (!listKinds.includes(v.kind)) problem('action', `只有${listKinds.join('、')}可以移出`);
      if (!v.removedOn) problem('removedOn', `移出时请填写${n.removedOn}`);
      else if (v.removedOn < v.decidedOn) problem('removedOn', `${n.removedOn}不能早于${n.decidedOn}`);
    }
  });
export type CreditRecordInput = z.infer<typeof creditRecordInput>;

export const creditReceiveBody = z.union([
  z.object({
    records: z
      .array(creditRecordInput)
      .min(1, '至少一条记录')
      .max(1000, '一次最多 1000 条记录')
      .describe('一批记录（最多 1000 条），逐条处理，每条各有结果'),
  }),
  creditRecordInput,
]);

const fieldProblem = z.object({ field: z.string(), message: z.string() });
export const creditOutcomes = ['created', 'updated', 'unchanged', 'refused'] as const;
export const creditStored = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged']),
  id: z.number().int(),
  recordNo: z.string(),
  version: z.number().int(),
});
export type CreditStoredView = z.infer<typeof creditStored>;
export const creditReceiveResult = z.object({
  results: z.array(
    z.object({
      index: z.number().int().describe('记录在请求中的序号（从 0 起）'),
      senderRecordId: z.string().nullable(),
      outcome: z
        .enum(creditOutcomes)
        .describe('created 新增；updated 变更或移出（新版本）；unchanged 与已收到的相同；refused 拒收'),
      id: z.number().int().nullable(),
      recordNo: z.string().nullable(),
      version: z.number().int().nullable(),
      errors: z.array(fieldProblem).describe('拒收时逐字段的错误（字段名与中文说明）'),
    }),
  ),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
});
export type CreditReceiveResult = z.infer<typeof creditReceiveResult>;

export const creditListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional().describe('主体名称关键字或 18 位统一社会信用代码'),
  subjectId: z.coerce.number().int().positive().optional(),
  kind: z.enum(creditRecordKinds, { message: oneOf(n.kind, creditRecordKinds) }).optional(),
  status: z.enum(creditRecordStatuses, { message: oneOf('状态', creditRecordStatuses) }).optional(),
  source: z.enum(creditSources, { message: oneOf('来源', creditSources) }).optional(),
  departmentId: z.coerce.number().int().positive().optional().describe('认定（报送）部门'),
  from: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional().describe('认定日期起'),
  to: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional().describe('认定日期止'),
});
export type CreditListQuery = z.infer<typeof creditListQuery>;

export const creditRecordView = z.object({
  id: z.number().int(),
  recordNo: z.string(),
  uscc: z.string(),
  subjectId: z.number().int().nullable(),
  subjectName: z.string(),
  kind: z.enum(creditRecordKinds),
  severity: z.enum(creditSeverities),
  source: z.enum(creditSources),
  channel: z.enum(creditChannels),
  senderDepartmentId: z.number().int().nullable(),
  senderDepartmentName: z.string().nullable(),
  departmentName: z.string(),
  title: z.string(),
  detail: z.string(),
  basisDocNo: z.string(),
  occurredOn: z.string(),
  countsFrom: z.string(),
  countsUntil: z.string().nullable(),
  status: z.enum(creditRecordStatuses),
  statusReason: z.string().nullable(),
  statusOn: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CreditRecordView = z.infer<typeof creditRecordView>;

export const creditHistoryView = z.object({
  version: z.number().int(),
  event: z.enum(creditHistoryEvents),
  status: z.enum(creditRecordStatuses),
  channel: z.enum(creditChannels),
  fields: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  changedByName: z.string(),
  changedAt: z.string(),
});
export const creditRecordDetail = creditRecordView.extend({ history: z.array(creditHistoryView) });

/** The credit office's correction: changed fields, or 撤销; always with a reason. */
export const creditCorrectionBody = z
  .object({
    reason: text('更正理由', 500).describe('更正理由（记入审计日志）'),
    revoke: z.boolean().default(false).describe('撤销该记录（不再计入）'),
    kind: z.enum(creditRecordKinds, { message: oneOf(n.kind, creditRecordKinds) }).optional(),
    severity: z.enum(creditSeverities, { message: oneOf(n.severity, creditSeverities) }).optional(),
    title: text(n.title, 200).optional(),
    detail: z.string().trim().max(2000, `${n.detail}不超过 2000 个字`).optional(),
    occurredOn: date(n.decidedOn).optional(),
    countsUntil: z.union([date(n.countsUntil), z.null()]).optional(),
  })
  .strict();
export type CreditCorrection = z.infer<typeof creditCorrectionBody>;
