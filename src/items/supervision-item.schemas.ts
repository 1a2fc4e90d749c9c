import { z } from 'zod';
import { pageQuery } from '../shared/paging';
import { checkMethods, itemLevels, itemSources, itemStatuses } from './supervision-item.enums';

// Other capabilities (the catalogue import) take the enumerations from here, not from the table definition.
export { checkMethods, itemLevels, itemSources, itemStatuses };

const itemCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{1,39}$/, '编码应为 2–40 位字母、数字、点、下划线或连字符，以字母或数字开头');
const text = (min: number, max: number, missing: string) =>
  z.string().trim().min(min, missing).max(max, `不超过 ${max} 个字`);

export const checkItemInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,39}$/, '检查子项编码应为 1–40 位字母、数字、点、下划线或连字符'),
  content: text(2, 1000, '请填写检查内容'),
  method: z.enum(checkMethods, { message: '检查方式应为现场检查、非现场检查、书面检查或其他' }),
  basis: text(2, 2000, '请填写检查依据'),
});
export type CheckItemInput = z.infer<typeof checkItemInput>;

/** A supervision item with its whole check implementation list; the list's order is the display order. */
export const supervisionItemInput = z
  .object({
    code: itemCode,
    name: text(2, 100, '事项名称至少 2 个字'),
    departmentId: z.number().int().positive(),
    legalBasis: text(2, 4000, '请填写设定依据'),
    objectType: text(2, 200, '请填写监管对象'),
    measures: text(2, 1000, '请填写监管措施'),
    process: text(2, 2000, '请填写监管流程'),
    resultHandling: text(2, 2000, '请填写监管结果处理方式'),
    level: z.enum(itemLevels, { message: '监管层级应为国家、省、市或县' }),
    responsibleLeader: text(2, 50, '请填写责任领导'),
    responsibleUnit: text(2, 100, '请填写承办机构'),
    responsiblePerson: text(2, 50, '请填写具体负责人'),
    licenceItems: z
      .array(text(2, 200, '许可事项名称至少 2 个字'))
      .max(30, '关联许可事项最多 30 项')
      .default([]),
    source: z.enum(itemSources, { message: '事项来源应为自有或认领' }).default('自有'),
    claimedFrom: z.string().trim().max(60).nullable().default(null),
    status: z.enum(itemStatuses, { message: '状态应为有效或停用' }).default('有效'),
    checkItems: z.array(checkItemInput).max(100, '检查子项最多 100 项').default([]),
    /** The version the user edited; a newer one in the database means someone else changed the item meanwhile. */
    expectedVersion: z.number().int().positive().optional(),
    /** Why the item changed; kept in the version history. */
    changeNote: z.string().trim().max(200, '变更说明不超过 200 个字').optional(),
  })
  .superRefine((item, ctx) => {
    if (item.source === '认领' && !item.claimedFrom)
      ctx.addIssue({ code: 'custom', path: ['claimedFrom'], message: '认领的事项须填写上级监管事项目录编码' });
    if (item.source === '自有' && item.claimedFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['claimedFrom'],
        message: '自有事项不填写认领来源；从上级目录认领的请选择“认领”',
      });
    const seen = new Set<string>();
    item.checkItems.forEach((c, i) => {
      if (seen.has(c.code))
        ctx.addIssue({ code: 'custom', path: ['checkItems', i, 'code'], message: `检查子项编码 ${c.code} 重复` });
      seen.add(c.code);
    });
  });
export type SupervisionItemInput = z.infer<typeof supervisionItemInput>;

export const supervisionItemListQuery = pageQuery.extend({
  /** Part of the code or the name. */
  q: z.string().trim().max(100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  level: z.enum(itemLevels).optional(),
  source: z.enum(itemSources).optional(),
  status: z.enum(itemStatuses).optional(),
});
export type SupervisionItemListQuery = z.infer<typeof supervisionItemListQuery>;

export const checkItemView = z.object({
  id: z.number(),
  code: z.string(),
  content: z.string(),
  method: z.enum(checkMethods),
  basis: z.string(),
  sortOrder: z.number(),
});
export type CheckItemView = z.infer<typeof checkItemView>;

const changedBy = z.object({ userId: z.number().nullable(), name: z.string() });

export const supervisionItemView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  legalBasis: z.string(),
  objectType: z.string(),
  measures: z.string(),
  process: z.string(),
  resultHandling: z.string(),
  level: z.enum(itemLevels),
  responsibleLeader: z.string(),
  responsibleUnit: z.string(),
  responsiblePerson: z.string(),
  licenceItems: z.array(z.string()),
  source: z.enum(itemSources),
  claimedFrom: z.string().nullable(),
  status: z.enum(itemStatuses),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: changedBy,
  checkItems: z.array(checkItemView),
});
export type SupervisionItemView = z.infer<typeof supervisionItemView>;

export const supervisionItemSummary = supervisionItemView
  .omit({ checkItems: true })
  .extend({ checkItemCount: z.number() });
export type SupervisionItemSummary = z.infer<typeof supervisionItemSummary>;
export const supervisionItemPage = z.object({ items: z.array(supervisionItemSummary), total: z.number() });

export const itemVersionSummary = z.object({
  version: z.number(),
  changedBy,
  changedAt: z.string(),
  summary: z.string(),
});
export type ItemVersionSummary = z.infer<typeof itemVersionSummary>;
/** An earlier version: the item exactly as it stood after that change, check items included. */
export const itemVersionView = itemVersionSummary.extend({ item: supervisionItemView });
export type ItemVersionView = z.infer<typeof itemVersionView>;

/** A check item for pickers (sampling items link these), with the supervision item it belongs to. */
export const checkItemOption = z.object({
  id: z.number(),
  code: z.string(),
  content: z.string(),
  method: z.enum(checkMethods),
  supervisionItemId: z.number(),
  supervisionItemCode: z.string(),
  supervisionItemName: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
});
export type CheckItemOption = z.infer<typeof checkItemOption>;
