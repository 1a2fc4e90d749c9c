import { z } from 'zod';
import { checkMethods, itemLevels } from '../items/supervision-item.schemas';
import { pageOf, pageQuery } from '../shared/paging';

/** 监管事项目录清单 on the public portal (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十六条). */
export const catalogQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  level: z.enum(itemLevels).optional(),
  /** A GB/T 4754 code of any level: items whose check scope overlaps it. */
  industry: z
    .string()
    .trim()
    .regex(/^([A-T]|\d{2,4})$/, '行业代码应为 GB/T 4754-2017 的门类字母或 2–4 位数字')
    .optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuery>;

const industryRef = z.object({ code: z.string(), name: z.string() });

export const catalogItemSummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  departmentName: z.string(),
  level: z.enum(itemLevels),
  objectType: z.string(),
  checkItemCount: z.number(),
  industries: z.array(industryRef),
});
export type CatalogItemSummary = z.infer<typeof catalogItemSummary>;
export const catalogPage = pageOf(catalogItemSummary);

/** What the public sees of an item: no responsible officials' names, only the unit. */
export const catalogItemView = catalogItemSummary.extend({
  legalBasis: z.string(),
  measures: z.string(),
  process: z.string(),
  resultHandling: z.string(),
  responsibleUnit: z.string(),
  source: z.string(),
  licenceItems: z.array(z.string()),
  updatedAt: z.string(),
  checkItems: z.array(
    z.object({ code: z.string(), content: z.string(), method: z.enum(checkMethods), basis: z.string() }),
  ),
});
export type CatalogItemView = z.infer<typeof catalogItemView>;

export const catalogFilters = z.object({
  departments: z.array(z.object({ id: z.number(), name: z.string(), itemCount: z.number() })),
  levels: z.array(z.enum(itemLevels)),
  /** Divisions (2-digit GB/T 4754 codes) that some item's check scope names, for the industry picker. */
  industries: z.array(industryRef),
});

/** One box of the portal's search: the first hits of each kind. */
export const portalSearchQuery = z.object({ q: z.string().trim().min(1, '请输入搜索内容').max(100) });
export const portalSearchResult = z.object({
  items: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), departmentName: z.string() })),
  knowledge: z.array(z.object({ id: z.number(), title: z.string(), category: z.string(), docNo: z.string() })),
  guides: z.array(z.object({ industryCode: z.string(), industryName: z.string() })),
  news: z.array(z.object({ id: z.number(), title: z.string(), publishedOn: z.string(), departmentName: z.string() })),
  exposureCases: z.array(z.object({ id: z.number(), title: z.string(), decidedOn: z.string() })),
});
export type PortalSearchResult = z.infer<typeof portalSearchResult>;

export const portalHome = z.object({
  news: z.array(z.object({ id: z.number(), title: z.string(), publishedOn: z.string(), departmentName: z.string() })),
  exposureCases: z.array(
    z.object({ id: z.number(), title: z.string(), decidedOn: z.string(), departmentName: z.string() }),
  ),
  counts: z.object({ items: z.number(), guides: z.number(), knowledge: z.number(), exposureCases: z.number() }),
});
