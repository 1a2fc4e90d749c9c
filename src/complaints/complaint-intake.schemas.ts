import { z } from 'zod';
import { date, oneOf, optionalText, text } from '../shared/field-schemas';
import { checkUscc } from '../shared/uscc';
import { idCardNumber, phoneNumber } from '../users/person.schemas';
import { complaintKinds, complaintStatuses, rewardDecisions, verificationResults } from './complaint.table';

/** The channels that deliver through the API with their own ticket numbers. */
export const systemChannels = ['12345热线', '互联网+监管'] as const;

const usccField = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const check = checkUscc(v);
    if (!check.valid) ctx.addIssue({ code: 'custom', message: `统一社会信用代码有误：${check.reason}` });
  });

export const complainantInput = z.object({
  name: text('投诉举报人姓名', 30),
  phone: phoneNumber,
  idNumber: idCardNumber.optional(),
});

const subjectInput = z.object({
  name: text('被投诉举报对象名称', 100),
  uscc: usccField.optional(),
  address: optionalText('被投诉举报对象地址', 200),
});

const intakeFields = {
  kind: z.enum(complaintKinds, { message: oneOf('类别', complaintKinds) }),
  matterCode: z.string({ message: '请选择投诉举报事项' }).trim().min(1, '请选择投诉举报事项').max(10),
  subject: subjectInput,
  title: text('标题', 60),
  content: text('反映的问题', 4000).refine((v) => v.length >= 10, '反映的问题请至少写 10 个字，说明时间、地点和经过'),
  occurredOn: date('发生日期').optional(),
  anonymous: z.boolean({ message: '请选择是否匿名' }),
  complainant: complainantInput.optional(),
};

/** A named complaint carries the complainant; an anonymous tip must not (nothing to protect, nothing to leak). */
function identityRule(v: { anonymous: boolean; complainant?: unknown }, ctx: z.RefinementCtx) {
  if (!v.anonymous && !v.complainant)
    ctx.addIssue({ code: 'custom', path: ['complainant'], message: '实名投诉举报请填写姓名和联系电话' });
  if (v.anonymous && v.complainant)
    ctx.addIssue({ code: 'custom', path: ['complainant'], message: '匿名投诉举报不填写姓名和联系方式' });
}

export const intakeInput = z.object(intakeFields).superRefine(identityRule);
export type IntakeInput = z.infer<typeof intakeInput>;

export const systemIntakeInput = z
  .object({
    ...intakeFields,
    channel: z.enum(systemChannels, { message: oneOf('来源渠道', systemChannels) }),
    externalTicket: text('来源工单号', 64).regex(/^[A-Za-z0-9_-]+$/, '来源工单号只能含字母、数字、“-”和“_”'),
  })
  .superRefine(identityRule);
export type SystemIntakeInput = z.infer<typeof systemIntakeInput>;

export const filedAnswer = z.object({
  outcome: z.enum(['created', 'unchanged']).describe('created 新收到；unchanged 同一工单重复推送，未作任何改变'),
  ticketNo: z.string(),
  /** Shown once: only its hash is kept. Null on a re-delivery. */
  lookupCode: z.string().nullable(),
  status: z.enum(complaintStatuses),
});

export const matterOption = z.object({ code: z.string(), name: z.string() });

export const ticketParams = z.object({ ticketNo: z.string().trim().min(1).max(20) });
export const attachmentParams = ticketParams.extend({ attachmentId: z.coerce.number().int().positive() });

const lookupCode = z.string({ message: '请输入查询码' }).trim().min(1, '请输入查询码').max(20);

export const lookupInput = z.object({ ticketNo: ticketParams.shape.ticketNo, lookupCode });

export const ratingInput = lookupInput.extend({
  score: z.number({ message: '请选择 1–5 分' }).int().min(1, '请选择 1–5 分').max(5, '请选择 1–5 分'),
  comment: optionalText('评价意见', 500),
});

export const attachmentView = z.object({
  id: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  byComplainant: z.boolean(),
});

/** What the complainant sees: progress, the handling department, the reply once closed; no staff, no internal notes. */
export const publicProgress = z.object({
  ticketNo: z.string(),
  kind: z.enum(complaintKinds),
  matter: z.string(),
  subjectName: z.string(),
  title: z.string(),
  anonymous: z.boolean(),
  status: z.enum(complaintStatuses),
  department: z.string().nullable(),
  steps: z.array(z.object({ label: z.string(), at: z.string() })),
  reply: z.string().nullable(),
  attachments: z.number(),
  canAttach: z.boolean(),
  canRate: z.boolean(),
  rating: z.object({ score: z.number(), comment: z.string(), ratedAt: z.string() }).nullable(),
  reward: z
    .object({
      decision: z.enum(rewardDecisions),
      amount: z.string().nullable(),
      note: z.string(),
      decidedAt: z.string(),
    })
    .nullable(),
});
export type PublicProgress = z.infer<typeof publicProgress>;

export const identityRevealInput = z.object({ reason: text('查看理由', 200) });
export const identityView = z.object({
  ticketNo: z.string(),
  anonymous: z.boolean(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});

export const rewardInput = z
  .object({
    decision: z.enum(rewardDecisions, { message: oneOf('奖励决定', rewardDecisions) }),
    amount: z
      .number({ message: '奖励金额应为数字' })
      .positive('奖励金额应大于 0')
      .max(1_000_000, '奖励金额不超过 100 万元')
      .optional(),
    note: optionalText('说明', 500),
  })
  .superRefine((v, ctx) => {
    if (v.decision === '予以奖励' && v.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: '予以奖励时请填写奖励金额' });
    if (v.decision === '不予奖励' && v.amount !== undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: '不予奖励时不填写金额' });
  });
export const rewardView = z.object({
  ticketNo: z.string(),
  decision: z.enum(rewardDecisions),
  amount: z.string().nullable(),
  note: z.string(),
  decidedAt: z.string(),
});

export const rewardListQuery = z.object({
  decided: z.enum(['true', 'false'], { message: 'decided 应为 true 或 false' }).optional(),
});

/** A verified 举报 with its reward decision (null while undecided). */
export const rewardCandidate = z.object({
  ticketNo: z.string(),
  title: z.string(),
  subjectName: z.string(),
  matter: z.string(),
  department: z.string().nullable(),
  status: z.enum(complaintStatuses),
  verificationResult: z.enum(verificationResults),
  anonymous: z.boolean(),
  receivedAt: z.string(),
  reward: rewardView.omit({ ticketNo: true }).nullable(),
});
