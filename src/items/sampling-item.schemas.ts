import { z } from 'zod';
import type { FieldProblem } from '../shared/app-error';
import { pageQuery } from '../shared/paging';
import { subjectKinds } from '../subjects/subject.schemas';
import { type ClassRatios, samplingFrequencies } from './sampling-item.table';
import { checkMethods, itemStatuses } from './supervision-item.enums';

const classNames = { A: 'A 类（低风险）', B: 'B 类（一般风险）', C: 'C 类（较高风险）', D: 'D 类（高风险）' } as const;

/**
 * The credit-class rule: the higher the risk, the higher (or equal) the ratio, A ≤ B ≤ C ≤ D
 * (SAMR 2022 credit risk classification). One problem per violated pair, explained in Chinese.
 */
export function ratioOrderProblems(r: ClassRatios): FieldProblem[] {
  const order = ['A', 'B', 'C', 'D'] as const;
  const problems: FieldProblem[] = [];
  for (let i = 1; i < order.length; i += 1) {
    const lower = order[i - 1]!;
    const higher = order[i]!;
    if (r[higher] < r[lower]) {
      problems.push({
        field: higher,
        message: `${classNames[higher]}的抽查比例 ${r[higher]}% 低于${classNames[lower]}的 ${r[lower]}%；信用风险越高抽查比例应越高，须满足 A ≤ B ≤ C ≤ D`,
      });
    }
  }
  return problems;
}

const percent = z.number({ message: '比例应为 0–100 的数字' }).min(0, '比例不能小于 0%').max(100, '比例不能超过 100%');

/** Percentages per credit class, A ≤ B ≤ C ≤ D. */
export const classRatios = z.object({ A: percent, B: percent, C: percent, D: percent }).superRefine((r, ctx) => {
  for (const p of ratioOrderProblems(r)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
});

export const samplingScope = z.object({
  industries: z.array(z.string().trim().toUpperCase().min(1)).max(100, '行业代码最多 100 个').default([]),
  tags: z.array(z.string().trim().min(1)).max(50, '标签最多 50 个').default([]),
  subjectKinds: z
    .array(z.enum(subjectKinds, { message: '主体类型无效' }))
    .max(subjectKinds.length)
    .default([]),
  divisions: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[0-9]{2,6}$/, '行政区划代码前缀应为 2–6 位数字'),
    )
    .max(50, '区划最多 50 个')
    .default([]),
});

export const inspectorRequirements = z.object({
  fields: z.array(z.string().trim().min(2, '执法领域或资格至少 2 个字').max(30)).max(20).default([]),
  // 行政处罚法第四十二条 and 《浦东新区“六个双”政府综合监管实施办法（暂行）》第十六条: never fewer than two enforcement officers.
  minInspectors: z
    .number()
    .int('人数应为整数')
    .min(2, '每次检查的执法检查人员不得少于 2 名')
    .max(20, '执法检查人员最多 20 名')
    .default(2),
});

export const samplingItemInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{1,39}$/, '编码应为 2–40 位字母、数字、点、下划线或连字符，以字母或数字开头'),
  name: z.string().trim().min(2, '事项名称至少 2 个字').max(100, '事项名称不超过 100 个字'),
  departmentId: z.number().int().positive(),
  /** Check items (of this department's supervision items) the sampling item checks: 抽查内容. */
  checkItemIds: z
    .array(z.number().int().positive())
    .min(1, '请至少关联一个检查子项（抽查内容）')
    .max(100)
    .transform((ids) => [...new Set(ids)]),
  basis: z.string().trim().min(2, '请填写抽查依据').max(4000),
  scope: samplingScope.prefault({}),
  method: z.string().trim().min(2).max(50).default('双随机'),
  /** Null: the platform's default ratios at the time of saving. */
  ratios: classRatios.nullable().default(null),
  frequency: z
    .enum(samplingFrequencies, { message: '抽查频次应为每年一次、每半年一次、每季度一次或按需' })
    .default('每年一次'),
  inspectorRequirements: inspectorRequirements.prefault({}),
  /**
   * A类信用主体无事不扰（不纳入主动抽查）: A-class subjects stay out of the item's draws unless they are key targets
   * (《黄浦区精准高效协同监管实施办法（试行）》第十九条：对信用良好的监管对象原则上不主动开展现场检查). The department chooses it.
   */
  aClassExempt: z.boolean().default(false),
  status: z.enum(itemStatuses, { message: '状态应为有效或停用' }).default('有效'),
});
export type SamplingItemInput = z.infer<typeof samplingItemInput>;

export const samplingItemListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  published: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  status: z.enum(itemStatuses).optional(),
});
export type SamplingItemListQuery = z.infer<typeof samplingItemListQuery>;

const ratiosView = z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() });
const linkedCheckItem = z.object({
  id: z.number(),
  code: z.string(),
  content: z.string(),
  method: z.enum(checkMethods),
  supervisionItemId: z.number(),
  supervisionItemCode: z.string(),
  supervisionItemName: z.string(),
});

export const samplingItemView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  checkItems: z.array(linkedCheckItem),
  basis: z.string(),
  scope: z.object({
    industries: z.array(z.string()),
    tags: z.array(z.string()),
    subjectKinds: z.array(z.enum(subjectKinds)),
    divisions: z.array(z.string()),
  }),
  method: z.string(),
  ratios: ratiosView,
  frequency: z.enum(samplingFrequencies),
  inspectorRequirements: z.object({ fields: z.array(z.string()), minInspectors: z.number() }),
  aClassExempt: z.boolean(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  status: z.enum(itemStatuses),
  updatedAt: z.string(),
});
export type SamplingItemView = z.infer<typeof samplingItemView>;
export const samplingItemPage = z.object({ items: z.array(samplingItemView), total: z.number() });

export const samplingDefaults = ratiosView;

const named = z.object({ code: z.string(), name: z.string() });
/** What the public sees of a published sampling item (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十条): no ratios, no credit classes, no staffing rules. */
export const publicSamplingItem = z.object({
  code: z.string(),
  name: z.string(),
  departmentName: z.string(),
  basis: z.string(),
  /** 抽查内容: the linked check items' content. */
  content: z.array(z.string()),
  scope: z.object({
    industries: z.array(named),
    tags: z.array(named),
    subjectKinds: z.array(z.string()),
    divisions: z.array(z.string()),
  }),
  method: z.string(),
  frequency: z.enum(samplingFrequencies),
  publishedAt: z.string(),
});
export type PublicSamplingItem = z.infer<typeof publicSamplingItem>;
export const publicSamplingQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type PublicSamplingQuery = z.infer<typeof publicSamplingQuery>;
export const publicSamplingPage = z.object({ items: z.array(publicSamplingItem), total: z.number() });
