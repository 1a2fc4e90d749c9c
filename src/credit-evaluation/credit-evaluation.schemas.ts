import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import { creditClasses } from '../subjects/subject.schemas';
import { creditModelDefinition } from './credit-model';
import { creditModelStatuses, creditRunStatuses } from './credit-run.table';

const creditClass = z.enum(creditClasses);

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const runNoParams = z.object({
  runNo: z
    .string()
    .trim()
    .regex(/^XYPJ\d{4}Q[1-4]-\d{2,}$/, '评价编号格式应为 XYPJ2026Q3-01'),
});

export const modelView = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  status: z.enum(creditModelStatuses),
  note: z.string(),
  definition: creditModelDefinition,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const modelList = z.array(modelView);
export const modelBody = z.object({ note: z.string().trim().max(500).default(''), definition: creditModelDefinition });

export const runView = z.object({
  id: z.number().int(),
  runNo: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  trigger: z.enum(['定时', '手动']),
  status: z.enum(creditRunStatuses),
  modelVersion: z.number().int(),
  inputsDigest: z.string().nullable(),
  resultsDigest: z.string().nullable(),
  subjectCount: z.number().int(),
  recordCount: z.number().int(),
  upgraded: z.number().int(),
  downgraded: z.number().int(),
  error: z.string().nullable(),
  previousRunNo: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  pushedAt: z.string().nullable(),
});
export const runList = z.array(runView);
export const startRunBody = z.object({
  period: z
    .string()
    .trim()
    .regex(/^\d{4}Q[1-4]$/, '评价期间格式应为“2026Q3”'),
});

const contribution = z.object({
  indicator: z.string(),
  name: z.string(),
  points: z.number(),
  recordIds: z.array(z.number().int()),
});
export const resultItem = z.object({
  subjectId: z.number().int(),
  uscc: z.string(),
  name: z.string(),
  divisionCode: z.string(),
  industryCodes: z.array(z.string()),
  score: z.number(),
  creditClass: creditClass,
  previousClass: creditClass.nullable(),
  veto: z.string().nullable(),
  contributions: z.array(contribution).nullable(),
  /** For a subject whose class changed: the indicators whose contribution changed, with the records behind them. */
  reasons: z.array(z.object({ name: z.string(), from: z.number(), to: z.number(), records: z.array(z.string()) })),
});
export const resultQuery = pageQuery.extend({
  creditClass: creditClass.optional(),
  movement: z.enum(['上升', '下降', '变动']).optional(),
  division: z
    .string()
    .regex(/^[0-9]{2,6}$/, '行政区划代码应为 2–6 位数字')
    .optional(),
  industry: z.string().trim().max(5).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ResultQuery = z.infer<typeof resultQuery>;
export const resultPage = pageOf(resultItem);
export const exportQuery = z.object({ format: z.enum(['csv', 'xlsx']) });

const countsByClass = z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int() });
export const chartsView = z.object({
  distribution: countsByClass,
  /** previous class (or 无) → class → subjects */
  matrix: z.array(z.object({ from: z.string(), to: creditClass, count: z.number().int() })),
  byIndustry: z.array(z.object({ key: z.string(), name: z.string(), counts: countsByClass })),
  byDivision: z.array(z.object({ key: z.string(), name: z.string(), counts: countsByClass })),
  quarterly: z.array(z.object({ runNo: z.string(), period: z.string(), counts: countsByClass })),
});

export const verificationView = z.object({
  runNo: z.string(),
  identical: z.boolean(),
  inputsDigestMatches: z.boolean(),
  subjectsChecked: z.number().int(),
  mismatches: z.number().int(),
  examples: z.array(z.object({ subjectId: z.number().int(), stored: z.string(), recomputed: z.string() })),
});

export const subjectHistory = z.object({
  history: z.array(
    z.object({
      runNo: z.string(),
      period: z.string(),
      periodLabel: z.string(),
      asOf: z.string(),
      pushedAt: z.string().nullable(),
      score: z.number(),
      creditClass: creditClass,
      veto: z.string().nullable(),
    }),
  ),
  latest: z
    .object({
      runNo: z.string(),
      contributions: z.array(contribution.extend({ records: z.array(z.string()) })),
    })
    .nullable(),
});
