import { z } from 'zod';
import { checkUscc } from '../shared/uscc';

/** What the 检查告知书 shows (《黄浦区精准高效协同监管实施办法（试行）》第十一条): also all that the public verification page shows. */
export const noticeFacts = z.object({
  taskNo: z.string(),
  subject: z.object({ name: z.string(), uscc: z.string(), address: z.string() }),
  window: z.object({ from: z.string(), to: z.string() }),
  /** The agreed visit date when scheduled, else null (within the window, announced in advance). */
  expectedDate: z.string().nullable(),
  expectedDuration: z.string(),
  departments: z.array(
    z.object({
      name: z.string(),
      items: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          method: z.string(),
          checkItems: z.array(z.object({ code: z.string(), content: z.string() })),
        }),
      ),
      inspectors: z.array(z.object({ name: z.string(), certificateNo: z.string() })),
    }),
  ),
  materials: z.array(z.string()),
});
export type NoticeFacts = z.infer<typeof noticeFacts>;

export const codeStatuses = ['真实有效', '已过期', '已撤销', '无效'] as const;
export type CodeStatus = (typeof codeStatuses)[number];

export const codeView = z.object({
  tokenId: z.string(),
  token: z.string(),
  verifyPath: z.string(),
  /** The full verification address when the platform's public address is configured (LIANJIAN_PUBLIC_BASE_URL), else null. */
  verifyUrl: z.string().nullable(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

export const queryCodeDeliveries = ['已发送', '待发送', '发送失败', '未发送'] as const;

/** A 企业查询码 given with the code (never the code itself): when, by whom, and where it was sent. */
export const queryCodeIssue = z.object({
  issuedAt: z.string(),
  issuedBy: z.string().nullable(),
  reissue: z.boolean(),
  /** How it went to the subject's registered contact; null when no contact could receive it. */
  channel: z.enum(['短信', '电子邮件']).nullable(),
  /** The contact, masked (139****1234, z***@example.com). */
  contact: z.string().nullable(),
  delivery: z.enum(queryCodeDeliveries),
  /** A newer 查询码 replaced it: it no longer works. */
  superseded: z.boolean(),
});

export const noticeView = z.object({
  taskStatus: z.string(),
  facts: noticeFacts,
  /** The current code, or the latest revoked one; null before the first notice. */
  code: codeView.nullable(),
  /** Revoked codes before the current one. */
  history: z.array(codeView),
  /** The department that issued the code shown: it gives the 查询码 again. */
  issuingDepartment: z.string().nullable(),
  /** The 查询码 given with the code shown, newest first. */
  queryCodes: z.array(queryCodeIssue),
  /** Whether the signed-in user may issue a new 查询码 now, and why not. */
  reissue: z.object({ allowed: z.boolean(), reason: z.string() }),
});
export type NoticeView = z.infer<typeof noticeView>;

export const issuedNotice = noticeView.extend({
  /** The 查询码: only in the answer that issued it (with the code, or again), never stored in the clear. */
  queryCode: z.string().nullable(),
});
export type IssuedNotice = z.infer<typeof issuedNotice>;

export const revokeInput = z.object({ reason: z.string().trim().min(2, '请说明撤销理由').max(200) });
export const pdfQuery = z.object({ queryCode: z.string().trim().max(20).optional() });
export const tokenParams = z.object({ token: z.string().trim().min(1).max(2000) });

/** Each department's part of the visit for the subject's evaluation (src/notices/evaluation-parts.ts). */
export const evaluationGate = z.object({
  /** Some part may be evaluated now. */
  open: z.boolean(),
  /** Every part has been evaluated. */
  submitted: z.boolean(),
  reason: z.string(),
  parts: z.array(
    z.object({
      departmentId: z.number(),
      name: z.string(),
      state: z.enum(['可评价', '已评价', '未开放', '已截止']),
      reason: z.string(),
    }),
  ),
});

/** Which departments of the visit have inspected (submitted their results or recorded an off-site check). */
export const inspectionProgress = z.array(
  z.object({
    name: z.string(),
    inspected: z.boolean(),
    /** The check-in day of the visit, or the day of the off-site check. */
    inspectedOn: z.string().nullable(),
    offsite: z.boolean(),
  }),
);
export type InspectionProgress = z.infer<typeof inspectionProgress>;

export const verification = z.object({
  status: z.enum(codeStatuses),
  message: z.string(),
  facts: noticeFacts.nullable(),
  /** Empty for an invalid code. */
  progress: inspectionProgress,
  expiresAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  evaluation: evaluationGate,
});
export type Verification = z.infer<typeof verification>;

export const evaluationInput = z
  .object({
    /** The 企业查询码 given to the subject with its notice: only the subject evaluates, not whoever saw the QR. */
    queryCode: z.string().trim().toUpperCase().min(1, '请填写检查告知书上的企业查询码').max(20, '企业查询码不正确'),
    /** The department whose part is evaluated; left out, every part open and not yet evaluated. */
    departmentId: z.number().int().positive().optional(),
    satisfaction: z.number().int().min(1, '满意度为 1–5 分').max(5, '满意度为 1–5 分'),
    comments: z.string().trim().max(1000).default(''),
    complaint: z.boolean().default(false),
    complaintText: z.string().trim().max(2000).default(''),
  })
  .refine((v) => !v.complaint || v.complaintText.length > 0, {
    path: ['complaintText'],
    message: '投诉时请填写投诉内容',
  });
export type EvaluationInput = z.infer<typeof evaluationInput>;

export const evaluationView = z.object({
  id: z.number(),
  tokenId: z.string(),
  /** The department whose part of the visit was evaluated. */
  department: z.string(),
  satisfaction: z.number(),
  comments: z.string(),
  complaint: z.boolean(),
  complaintText: z.string(),
  submittedAt: z.string(),
});
export type EvaluationView = z.infer<typeof evaluationView>;

export const enterpriseInput = z.object({
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => checkUscc(v).valid, '统一社会信用代码格式或校验位不正确'),
  queryCode: z.string().trim().toUpperCase().min(4, '请输入告知书上的查询码').max(20),
});
export const enterpriseAnswer = z.object({
  notices: z.array(
    z.object({
      facts: noticeFacts,
      verifyPath: z.string(),
      status: z.enum(codeStatuses),
      revokeReason: z.string().nullable(),
      progress: inspectionProgress,
    }),
  ),
});
export type EnterpriseAnswer = z.infer<typeof enterpriseAnswer>;
