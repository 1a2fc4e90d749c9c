import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import { assessmentMethods, assessmentReasons, assessmentStatuses, assessorKinds } from './risk-assessment.table';
import { indicatorKinds } from './risk-score';

const level = z.enum(['低', '一般', '较高', '高'], { message: '风险等级应为 低、一般、较高 或 高' });
const score = z.number({ message: '分值应为数字' }).min(0, '分值不能小于 0').max(100, '分值不能大于 100');
const text = (max: number, name: string) =>
  z
    .string({ message: `请填写${name}` })
    .trim()
    .min(1, `请填写${name}`)
    .max(max, `${name}不能超过 ${max} 字`);

export const assessmentScope = z.object({
  industryCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^([A-T]|\d{2,4})$/, '行业代码应为门类字母或 2–4 位数字'),
    )
    .max(50),
  tags: z.array(z.string().trim().min(1).max(60)).max(20),
  divisions: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{2,12}$/, '行政区划代码应为数字'),
    )
    .max(50),
});

export const assessmentInput = z.object({
  name: text(100, '评估名称'),
  reasonKind: z.enum(assessmentReasons, { message: '请选择启动评估的情形' }),
  reason: text(1000, '启动原因'),
  assessorKind: z.enum(assessorKinds, { message: '评估主体应为 自行评估 或 委托第三方' }),
  assessorName: z.string().trim().max(100).nullable().default(null),
  method: z.enum(assessmentMethods, { message: '评估方法应为 规则计算 或 第三方结果导入' }),
  methodNote: z.string().trim().max(2000).default(''),
  scope: assessmentScope,
  indicators: z
    .array(
      z.object({
        kind: z.enum(indicatorKinds, { message: '评估指标无效' }),
        weight: z.number({ message: '权重应为数字' }).positive('权重须大于 0').max(100, '权重不能超过 100'),
        cap: z.number().int().min(1).max(100).optional(),
      }),
    )
    .max(indicatorKinds.length),
  industryBase: z
    .array(
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^\d{2,4}$/, '行业代码应为 2–4 位数字'),
        score,
      }),
    )
    .max(50),
  windowYears: z.number().int().min(1).max(10).default(3),
  cutoffs: z.object({ 一般: score, 较高: score, 高: score }),
  measures: z.array(z.object({ level, measure: text(1000, '排险措施') })).max(12),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;

export const assessmentIdParams = z.object({ id: z.coerce.number().int().positive() });

export const assessmentListQuery = pageQuery.extend({
  status: z.enum(assessmentStatuses, { message: '状态无效' }).optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type AssessmentListQuery = z.infer<typeof assessmentListQuery>;

const distribution = z.array(z.object({ level, subjects: z.number().int() }));

export const assessmentView = assessmentInput.extend({
  id: z.number().int(),
  assessmentNo: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  status: z.enum(assessmentStatuses),
  subjectCount: z.number().int(),
  processLog: z.array(z.object({ at: z.string(), what: z.string() })),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  hasReport: z.boolean(),
  reportDigest: z.string().nullable(),
  distribution,
});
export type AssessmentView = z.infer<typeof assessmentView>;

export const assessmentSummary = assessmentView.pick({
  id: true,
  assessmentNo: true,
  name: true,
  departmentName: true,
  reasonKind: true,
  assessorKind: true,
  method: true,
  status: true,
  subjectCount: true,
  createdAt: true,
  issuedAt: true,
});
export const assessmentPage = pageOf(assessmentSummary);

export const resultQuery = pageQuery.extend({
  level: level.optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type ResultQuery = z.infer<typeof resultQuery>;

export const resultPage = pageOf(
  z.object({
    subjectId: z.number().int(),
    uscc: z.string(),
    subjectName: z.string(),
    score: z.number().nullable(),
    level,
    points: z.record(z.string(), z.number()).nullable(),
    note: z.string(),
  }),
).extend({ distribution });

export const runOutcome = z.object({ subjectCount: z.number().int(), distribution });

export const issueOutcome = z.object({ subjectCount: z.number().int(), changed: z.number().int() });

export const indicatorCatalog = z.array(
  z.object({ kind: z.enum(indicatorKinds), rule: z.string(), cap: z.number().nullable() }),
);

export const subjectRiskView = z.object({
  levels: z.array(
    z.object({
      department: z.string(),
      level: z.string(),
      assessmentNo: z.string().nullable(),
      assessmentName: z.string().nullable(),
      issuedAt: z.string().nullable(),
      score: z.number().nullable(),
    }),
  ),
  composite: level.nullable(),
  deciding: z.array(z.string()),
  rule: z.string(),
});
