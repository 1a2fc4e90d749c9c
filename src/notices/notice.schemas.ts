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

export const noticeView = z.object({
  taskStatus: z.string(),
  facts: noticeFacts,
  /** The current code, or the latest revoked one; null before the first notice. */
  code: codeView.nullable(),
  /** Revoked codes before the current one. */
  history: z.array(codeView),
});
export type NoticeView = z.infer<typeof noticeView>;

export const issuedNotice = noticeView.extend({
  /** The one-time 查询码: only in the answer that issued the code, never stored in the clear. */
  queryCode: z.string().nullable(),
});
export type IssuedNotice = z.infer<typeof issuedNotice>;

export const revokeInput = z.object({ reason: z.string().trim().min(2, '请说明撤销理由').max(200) });
export const pdfQuery = z.object({ queryCode: z.string().trim().max(20).optional() });
export const tokenParams = z.object({ token: z.string().trim().min(1).max(2000) });

export const evaluationGate = z.object({ open: z.boolean(), submitted: z.boolean(), reason: z.string() });

export const verification = z.object({
  status: z.enum(codeStatuses),
  message: z.string(),
  facts: noticeFacts.nullable(),
  expiresAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  evaluation: evaluationGate,
});
export type Verification = z.infer<typeof verification>;

export const evaluationInput = z
  .object({
    /** The 企业查询码 given to the subject with its notice: only the subject evaluates, not whoever saw the QR. */
    queryCode: z.string().trim().toUpperCase().min(1, '请填写检查告知书上的企业查询码').max(20, '企业查询码不正确'),
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
    }),
  ),
});
export type EnterpriseAnswer = z.infer<typeof enterpriseAnswer>;
