import { z } from 'zod';

const words = z.array(z.string().trim().min(1).max(40)).max(50);

/** One approval item as the licensing role edits it in a draft. */
export const catalogItemInput = z.object({
  code: z
    .string()
    .trim()
    .min(1, '请填写事项编码')
    .max(40)
    .regex(/^[A-Za-z0-9-]+$/, '事项编码只能包含字母、数字和连字符'),
  name: z.string().trim().min(2, '请填写审批事项名称').max(100),
  licensingDepartmentId: z.number().int().positive(),
  supervisingDepartmentIds: z.array(z.number().int().positive()).max(20).default([]),
  enforcementDepartmentIds: z.array(z.number().int().positive()).max(20).default([]),
  keywords: words.default([]),
  industryCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-T]$|^\d{2,4}$/, '行业代码应为 GB/T 4754 的门类字母或 2–4 位数字'),
    )
    .max(50)
    .default([]),
  priorApproval: z.boolean().default(false),
  highRisk: z.boolean().default(false),
  restriction: z.string().trim().max(300).default(''),
});
export type CatalogItemInput = z.infer<typeof catalogItemInput>;

export const catalogItemView = catalogItemInput.extend({
  id: z.number(),
  licensingDepartment: z.string(),
  supervisingDepartments: z.array(z.string()),
  enforcementDepartments: z.array(z.string()),
});
export type CatalogItemView = z.infer<typeof catalogItemView>;

export const catalogVersionView = z.object({
  id: z.number(),
  versionNo: z.number(),
  status: z.enum(['草稿', '已发布']),
  note: z.string(),
  items: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** The latest published version: the one new registrations use. */
  current: z.boolean(),
});
export type CatalogVersionView = z.infer<typeof catalogVersionView>;

export const catalogVersionDetail = catalogVersionView.extend({ itemList: z.array(catalogItemView) });
export type CatalogVersionDetail = z.infer<typeof catalogVersionDetail>;

export const versionParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const itemParams = versionParams.extend({ code: z.string().trim().min(1).max(40) });
export const draftInput = z.object({ note: z.string().trim().max(300).default('') });

export const publicCatalogQuery = z.object({ keyword: z.string().trim().max(50).optional() });
/** The published catalog on the portal: no internal ids. */
export const publicCatalog = z.object({
  versionNo: z.number().nullable(),
  publishedAt: z.string().nullable(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      licensingDepartment: z.string(),
      supervisingDepartments: z.array(z.string()),
      enforcementDepartments: z.array(z.string()),
      keywords: z.array(z.string()),
      priorApproval: z.boolean(),
      highRisk: z.boolean(),
    }),
  ),
});
export type PublicCatalog = z.infer<typeof publicCatalog>;
