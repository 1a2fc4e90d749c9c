import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import { measureKinds, measureStatuses } from './credit-measure.table';

export const measureKind = z.enum(measureKinds, { message: '类别应为 激励 或 惩戒' });
const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`);

/** A measure as the credit office writes it (联合奖惩措施清单的一项). */
export const measureInput = z
  .object({
    kind: measureKind,
    matter: text('具体事项', 200),
    target: text('实施对象', 200),
    means: text('实施手段', 1000),
    departmentIds: z
      .array(z.number().int().positive(), { message: '请选择实施主体' })
      .min(1, '请选择至少一个实施主体')
      .max(50),
    legalBasis: text('实施依据', 2000),
    isPublic: z.boolean(),
    nonPublicReason: z.string().trim().max(500).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.isPublic && !v.nonPublicReason)
      ctx.addIssue({
        code: 'custom',
        path: ['nonPublicReason'],
        message: '不公开的，请写明法律法规依据（除法律法规另有规定外均应公开）',
      });
  });
export type MeasureInput = z.infer<typeof measureInput>;

export const measureQuery = pageQuery.extend({
  kind: measureKind.optional(),
  status: z.enum(measureStatuses, { message: '状态无效' }).optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type MeasureQuery = z.infer<typeof measureQuery>;

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const reasonInput = z.object({ reason: text('理由', 500) });

export const measureView = z.object({
  id: z.number().int(),
  code: z.string(),
  kind: measureKind,
  matter: z.string(),
  target: z.string(),
  means: z.string(),
  departments: z.array(z.object({ id: z.number().int(), name: z.string() })),
  legalBasis: z.string(),
  isPublic: z.boolean(),
  nonPublicReason: z.string().nullable(),
  status: z.enum(measureStatuses),
  version: z.number().int(),
  /** What the platform itself does for the measure's subjects (重点抽查对象, 无事不扰), or null. */
  platformEffect: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  activeCases: z.number().int(),
  updatedAt: z.string(),
});
export type MeasureView = z.infer<typeof measureView>;
export const measurePage = pageOf(measureView);

export const measureDetail = measureView.extend({
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.enum(measureStatuses),
      note: z.string(),
      changedBy: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
});

export const publicMeasureQuery = pageQuery.extend({
  kind: measureKind.optional(),
  keyword: z.string().trim().max(100).optional(),
});
export const publicMeasure = z.object({
  code: z.string(),
  kind: measureKind,
  matter: z.string(),
  target: z.string(),
  means: z.string(),
  departments: z.array(z.string()),
  legalBasis: z.string(),
  version: z.number().int(),
  publishedOn: z.string().nullable(),
});
export type PublicMeasure = z.infer<typeof publicMeasure>;
export const publicMeasurePage = pageOf(publicMeasure);
