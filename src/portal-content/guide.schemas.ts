import { z } from 'zod';
import { optionalText } from '../shared/field-schemas';
import { guideStatuses } from './portal-content.table';

export const industryParams = z.object({
  code: z
    .string()
    .trim()
    .regex(/^([A-T]|\d{2,4})$/, '行业代码应为 GB/T 4754-2017 的门类字母或 2–4 位数字'),
});
export const tokenParams = z.object({ token: z.string().min(1).max(2000) });

export const leadInput = z.object({ departmentId: z.number().int().positive() });

/** The lead department's own text of the guide (the items are assembled by the platform). */
export const guideTextInput = z.object({
  introduction: optionalText('行业简介', 5000),
  keyObligations: optionalText('主要合规义务', 10000),
  commonViolations: optionalText('常见违法行为', 10000),
  tips: optionalText('合规经营提示', 10000),
});
export type GuideTextInput = z.infer<typeof guideTextInput>;

export const guideCheck = z.object({ code: z.string(), content: z.string(), method: z.string(), basis: z.string() });
export const guideItem = z.object({
  code: z.string(),
  name: z.string(),
  departmentName: z.string(),
  legalBasis: z.string(),
  scope: z.array(z.object({ code: z.string(), name: z.string() })),
  partial: z.boolean(),
  checks: z.array(guideCheck),
});

const guideText = {
  introduction: z.string(),
  keyObligations: z.string(),
  commonViolations: z.string(),
  tips: z.string(),
};

export const guideVersionSummary = z.object({
  version: z.number(),
  status: z.enum(guideStatuses),
  departmentName: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  updatedAt: z.string(),
});

/** The staff page of one industry: lead, draft, published versions and the items the guide would list now. */
export const guideWorkspace = z.object({
  industryCode: z.string(),
  industryName: z.string(),
  lead: z.object({ departmentId: z.number(), departmentName: z.string() }).nullable(),
  canEdit: z.boolean(),
  draft: z.object({ version: z.number(), ...guideText, updatedAt: z.string() }).nullable(),
  versions: z.array(guideVersionSummary),
  assembled: z.array(guideItem),
});
export type GuideWorkspace = z.infer<typeof guideWorkspace>;

export const guideLeadRow = z.object({
  industryCode: z.string(),
  industryName: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  publishedVersion: z.number().nullable(),
  publishedAt: z.string().nullable(),
  hasDraft: z.boolean(),
});
export type GuideLeadRow = z.infer<typeof guideLeadRow>;

/** A published guide as the public reads it (the web page and the PDF show the same). */
export const publicGuide = z.object({
  industryCode: z.string(),
  industryName: z.string(),
  /** The industry's line in GB/T 4754, section first. */
  industryPath: z.array(z.object({ code: z.string(), name: z.string() })),
  version: z.number(),
  departmentName: z.string(),
  publishedAt: z.string(),
  ...guideText,
  items: z.array(guideItem),
  versions: z.array(z.object({ version: z.number(), publishedAt: z.string() })),
});
export type PublicGuide = z.infer<typeof publicGuide>;
export const publicGuideQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export const publicGuideSummary = z.object({
  industryCode: z.string(),
  industryName: z.string(),
  version: z.number(),
  departmentName: z.string(),
  publishedAt: z.string(),
  itemCount: z.number(),
});
export type PublicGuideSummary = z.infer<typeof publicGuideSummary>;

/** The guides of a 检查码's subject: for each of its industries the most specific one published. */
export const guideLinks = z.array(z.object({ industryCode: z.string(), industryName: z.string(), title: z.string() }));
