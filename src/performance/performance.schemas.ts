import { z } from 'zod';
import { computationCodes, dimensions, indicatorSet, whenEmptyOptions } from './performance-catalog';
import { evaluationKinds, evaluationStatuses, noticeStatuses, versionStatuses } from './performance.table';

const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`);

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const departmentParams = z.object({
  id: z.coerce.number().int().positive(),
  departmentId: z.coerce.number().int().positive(),
});

// Indicator system

export const catalogView = z.object({
  dimensions: z.array(z.enum(dimensions)),
  whenEmptyOptions: z.array(z.enum(whenEmptyOptions)),
  computations: z.array(
    z.object({
      code: z.enum(computationCodes),
      name: z.string(),
      dimension: z.enum(dimensions),
      counts: z.string(),
      basis: z.string(),
      defaultParams: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const versionView = z.object({
  id: z.number(),
  version: z.number(),
  status: z.enum(versionStatuses),
  definition: indicatorSet,
  totalPoints: z.number(),
  note: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  current: z.boolean(),
});
export const versionList = z.object({ items: z.array(versionView) });

export const versionInput = z.object({
  note: z.string().trim().max(500, '修订说明不超过 500 字').default(''),
  definition: indicatorSet,
});
export const draftOutcome = z.object({ id: z.number(), version: z.number() });

// Evaluations

export const evaluationItem = z.object({
  id: z.number(),
  evaluationNo: z.string(),
  kind: z.enum(evaluationKinds),
  year: z.number(),
  periodFrom: z.string(),
  periodTo: z.string(),
  version: z.number(),
  passScore: z.number(),
  status: z.enum(evaluationStatuses),
  departmentCount: z.number(),
  computedAt: z.string(),
  computedByName: z.string().nullable(),
  finishedAt: z.string().nullable(),
  finishedByName: z.string().nullable(),
  reportDigest: z.string().nullable(),
});
export const evaluationList = z.object({ annual: z.array(evaluationItem), daily: z.array(evaluationItem) });

const dimensionScore = z.object({ dimension: z.enum(dimensions), score: z.number(), max: z.number() });

export const rankingView = z.object({
  evaluation: evaluationItem.nullable(),
  /** The departments whose scores the reader may open (all, or only their own). */
  scope: z.enum(['all', 'own']),
  rows: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      total: z.number(),
      rank: z.number(),
      behind: z.boolean(),
      /** Null for another department when the reader sees only their own. */
      dimensions: z.array(dimensionScore).nullable(),
      own: z.boolean(),
    }),
  ),
});
export const rankingQuery = z.object({ evaluationId: z.coerce.number().int().positive().optional() });

export const annualInput = z.object({
  year: z
    .number({ message: '请填写评价年度' })
    .int('评价年度应为整数')
    .min(2020, '评价年度不早于 2020 年')
    .max(2100, '评价年度无效'),
});

export const indicatorResultView = z.object({
  code: z.enum(computationCodes),
  name: z.string(),
  dimension: z.enum(dimensions),
  counts: z.string(),
  basis: z.string(),
  points: z.number(),
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable(),
  applicable: z.boolean(),
  score: z.number(),
  evidence: z.array(z.string()),
  evidenceTotal: z.number(),
});

export const departmentDetail = z.object({
  evaluation: evaluationItem,
  departmentId: z.number(),
  departmentName: z.string(),
  total: z.number(),
  rank: z.number(),
  behind: z.boolean(),
  departmentCount: z.number(),
  dimensions: z.array(dimensionScore),
  indicators: z.array(indicatorResultView),
  trend: z.array(z.object({ day: z.string(), total: z.number(), rank: z.number() })),
});

// Notices

export const noticeView = z.object({
  id: z.number(),
  noticeNo: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  evaluationNo: z.string().nullable(),
  reasons: z.array(z.string()),
  requirement: z.string(),
  deadlineDays: z.number(),
  dueOn: z.string().nullable(),
  status: z.enum(noticeStatuses),
  overdue: z.boolean(),
  issuedAt: z.string(),
  issuedByName: z.string(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answerNote: z.string(),
  answeredLate: z.boolean(),
  escalatedAt: z.string().nullable(),
  escalatedByName: z.string().nullable(),
  escalationNote: z.string(),
  mayAnswer: z.boolean(),
  mayEscalate: z.boolean(),
});
export const noticeList = z.object({ items: z.array(noticeView) });
export const noticeQuery = z.object({ evaluationId: z.coerce.number().int().positive().optional() });

export const issueInput = z
  .object({
    evaluationId: z.number({ message: '请选择评价' }).int().positive(),
    /** One department, or every department below `below` (default: the evaluation's pass score). */
    departmentId: z.number().int().positive().optional(),
    below: z.number().min(0).max(100).optional(),
    deadlineDays: z
      .number({ message: '请填写整改期限' })
      .int('整改期限应为整数个工作日')
      .min(1, '整改期限至少 1 个工作日')
      .max(60, '整改期限不超过 60 个工作日'),
    requirement: z.string().trim().max(1000, '整改要求不超过 1000 字').default(''),
  })
  .strict();
export const issueOutcome = z.object({
  issued: z.array(z.object({ noticeNo: z.string(), departmentName: z.string() })),
  skipped: z.array(z.object({ departmentName: z.string(), reason: z.string() })),
});
export const answerInput = z.object({ note: text('整改情况', 1000) });
export const escalateInput = z.object({ note: text('通报内容', 1000) });
