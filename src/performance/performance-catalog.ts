import { z } from 'zod';
import { itemLevels } from '../items/supervision-item.enums';

/**
 * The catalogue of indicator computations the evaluating department picks from: each one counts units of a
 * department's work over the period (items, anomalies, tasks, pushes …) and how many of them were done right.
 * Dimensions follow 《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十五条、第四十三条 as far as the platform
 * records them; the SQL of each computation is in performance-facts.repository.ts.
 */
export const dimensions = ['监管事项清单管理', '监管数据汇聚', '监管履职情况', '监管系统信息维护'] as const;
export type Dimension = (typeof dimensions)[number];

export const computationCodes = [
  'items_check_list',
  'items_responsible',
  'items_claimed',
  'anomalies_fixed_on_time',
  'data_quality',
  'monthly_reporting',
  'plan_completion',
  'inspections_on_time',
  'results_on_time',
  'push_ack_on_time',
  'licence_feedback_on_time',
  'follow_ups_on_time',
  'publicity_on_time',
  'complaints_on_time',
  'warnings_on_time',
  'evaluation_satisfaction',
  'inspector_certificates',
  'portal_updates',
] as const;
export type ComputationCode = (typeof computationCodes)[number];

const none = z.object({}).strict();
const paramSchemas = {
  items_check_list: none,
  items_responsible: none,
  items_claimed: z.object({ levels: z.array(z.enum(itemLevels)).min(1, '至少选择一个层级') }).strict(),
  anomalies_fixed_on_time: none,
  data_quality: none,
  monthly_reporting: none,
  plan_completion: none,
  inspections_on_time: z.object({ graceDays: z.number().int().min(0).max(30) }).strict(),
  results_on_time: none,
  push_ack_on_time: none,
  licence_feedback_on_time: none,
  follow_ups_on_time: none,
  publicity_on_time: none,
  complaints_on_time: none,
  warnings_on_time: none,
  evaluation_satisfaction: z.object({ satisfiedAtLeast: z.number().int().min(1).max(5) }).strict(),
  inspector_certificates: none,
  portal_updates: none,
} as const satisfies Record<ComputationCode, z.ZodType>;

export type ItemsClaimedParams = z.infer<typeof paramSchemas.items_claimed>;
export type InspectionsOnTimeParams = z.infer<typeof paramSchemas.inspections_on_time>;
export type SatisfactionParams = z.infer<typeof paramSchemas.evaluation_satisfaction>;

export interface ComputationSpec {
  name: string;
  dimension: Dimension;
  /** What one unit is and when it counts as done right, in the words the page shows. */
  counts: string;
  basis: string;
  /** The article a notice to a department failing it rests on (第四十五条 items, 第四十六条 data). */
  noticeArticle: '第四十五条' | '第四十六条' | null;
  defaultParams: Record<string, unknown>;
}

export const computations: Record<ComputationCode, ComputationSpec> = {
  items_check_list: {
    name: '检查实施清单编制率',
    dimension: '监管事项清单管理',
    counts: '有效的监管事项中已编制检查实施清单（至少一项检查内容）的比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十五条',
    noticeArticle: '第四十五条',
    defaultParams: {},
  },
  items_responsible: {
    name: '事项责任信息完整率',
    dimension: '监管事项清单管理',
    counts: '有效的监管事项中责任领导、责任单位、责任人均已明确的比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十三条',
    noticeArticle: null,
    defaultParams: {},
  },
  items_claimed: {
    name: '上级目录事项认领率',
    dimension: '监管事项清单管理',
    counts: '国家、省、市级监管事项中从上级目录认领（而非自行录入）的比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十五条',
    noticeArticle: '第四十五条',
    defaultParams: { levels: ['国家', '省', '市'] },
  },
  anomalies_fixed_on_time: {
    name: '异常数据按期整改率',
    dimension: '监管数据汇聚',
    counts: '整改期限在评价期内的异常数据中，在5个工作日期限内整改的比例（已核销的不计）',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条、第四十六条',
    noticeArticle: '第四十六条',
    defaultParams: {},
  },
  data_quality: {
    name: '汇聚数据合格率',
    dimension: '监管数据汇聚',
    counts: '评价期内报送的数据记录中校验通过（未产生异常）的比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条',
    noticeArticle: '第四十六条',
    defaultParams: {},
  },
  monthly_reporting: {
    name: '数据按月报送率',
    dimension: '监管数据汇聚',
    counts: '评价期内已结束的月份中，部门报送了监管数据（至少一个批次）的月份比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十六条',
    noticeArticle: '第四十六条',
    defaultParams: {},
  },
  plan_completion: {
    name: '计划任务完成率',
    dimension: '监管履职情况',
    counts: '检查时段在评价期内结束的检查任务中已完成检查的比例（作废、并入联合检查的不计）',
    basis: '《朔州市平鲁区以加强和规范事中事后监管为抓手持续优化营商环境实施方案》（五）',
    noticeArticle: null,
    defaultParams: {},
  },
  inspections_on_time: {
    name: '检查按期完成率',
    dimension: '监管履职情况',
    counts: '评价期内检查的任务中，在检查时段内（可设宽限天数）完成检查的比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十八条',
    noticeArticle: null,
    defaultParams: { graceDays: 0 },
  },
  results_on_time: {
    name: '检查结果按时公开率',
    dimension: '监管履职情况',
    counts: '评价期内公开的检查结果中，在检查后20个工作日的公开期限内公开的比例',
    basis: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十七条',
    noticeArticle: null,
    defaultParams: {},
  },
  push_ack_on_time: {
    name: '双告知按时反馈率',
    dimension: '监管履职情况',
    counts: '反馈期限在评价期内的登记推送中，在1个工作日内签收反馈的比例',
    basis: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第十一条',
    noticeArticle: null,
    defaultParams: {},
  },
  licence_feedback_on_time: {
    name: '许可结果按时反馈率',
    dimension: '监管履职情况',
    counts: '评价期内收到的许可结果中，在决定后7个工作日内反馈的比例',
    basis: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第十二条',
    noticeArticle: null,
    defaultParams: {},
  },
  follow_ups_on_time: {
    name: '双跟踪按时完成率',
    dimension: '监管履职情况',
    counts: '到期日在评价期内的跟踪检查中，在2个月内完成的比例（免于跟踪的不计）',
    basis: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条',
    noticeArticle: null,
    defaultParams: {},
  },
  publicity_on_time: {
    name: '双公示按时公示率',
    dimension: '监管履职情况',
    counts: '公示期限在评价期内的许可、处罚决定中，在7个工作日内公示的比例',
    basis: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第四十条',
    noticeArticle: null,
    defaultParams: {},
  },
  complaints_on_time: {
    name: '投诉举报按期办结率',
    dimension: '监管履职情况',
    counts: '答复期限在评价期内的投诉举报中，在期限内答复办结的比例（不予受理的不计）',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十三条、第三十八条',
    noticeArticle: null,
    defaultParams: {},
  },
  warnings_on_time: {
    name: '风险预警按期处置率',
    dimension: '监管履职情况',
    counts: '处置期限在评价期内的预警中，在期限内处置完毕的比例（误报不计）',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十四条',
    noticeArticle: null,
    defaultParams: {},
  },
  evaluation_satisfaction: {
    name: '检查码评价满意率',
    dimension: '监管履职情况',
    counts: '评价期内企业扫检查码作出的评价中，满意度达到设定分值的比例',
    basis: '《黄浦区精准高效协同监管实施办法（试行）》第二十五条',
    noticeArticle: null,
    defaultParams: { satisfiedAtLeast: 4 },
  },
  inspector_certificates: {
    name: '执法人员信息有效率',
    dimension: '监管系统信息维护',
    counts: '在岗执法检查人员中，执法证在评价期末仍有效的比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十三条',
    noticeArticle: null,
    defaultParams: {},
  },
  portal_updates: {
    name: '监管动态和曝光台更新率',
    dimension: '监管系统信息维护',
    counts: '评价期内已结束的月份中，部门在服务门户发布或更新了监管动态、曝光台信息的月份比例',
    basis: '《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十八条',
    noticeArticle: null,
    defaultParams: {},
  },
};

/** 线性: full points at or above `fullAt`, none at or below `zeroAt`, linear between; 扣分: `perCase` per unit done wrong. */
export const scoringRule = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('linear'), zeroAt: z.number().min(0).max(1), fullAt: z.number().min(0).max(1) })
    .strict()
    .refine((r) => r.fullAt > r.zeroAt, { message: '满分比例须高于零分比例' }),
  z.object({ kind: z.literal('deduct'), perCase: z.number().positive().max(100) }).strict(),
]);
export type ScoringRule = z.infer<typeof scoringRule>;

/** 满分: nothing to count earns the points; 零分: it earns none (no item list at all); 不计: left out, total rescaled. */
export const whenEmptyOptions = ['满分', '零分', '不计'] as const;
export type WhenEmpty = (typeof whenEmptyOptions)[number];

export const indicatorDefinition = z
  .object({
    code: z.enum(computationCodes),
    points: z.number().positive().max(100),
    rule: scoringRule,
    params: z.record(z.string(), z.unknown()),
    whenEmpty: z.enum(whenEmptyOptions),
  })
  .strict()
  .superRefine((d, ctx) => {
    const parsed = paramSchemas[d.code].safeParse(d.params);
    if (!parsed.success)
      ctx.addIssue({
        code: 'custom',
        path: ['params'],
        message: `指标“${computations[d.code].name}”的参数无效：${parsed.error.issues.map((i) => i.message).join('；')}`,
      });
  });
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;

export const indicatorSet = z
  .object({
    /** Departments below it fall behind (落后). */
    passScore: z.number().min(0).max(100),
    indicators: z.array(indicatorDefinition).min(1, '至少设置一项指标').max(computationCodes.length),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.indicators.forEach((d, i) => {
      if (seen.has(d.code))
        ctx.addIssue({ code: 'custom', path: ['indicators', i], message: `指标“${computations[d.code].name}”重复` });
      seen.add(d.code);
    });
  });
export type IndicatorSet = z.infer<typeof indicatorSet>;

/** The parameters of an indicator, checked against its computation's schema (stored sets were checked on save). */
export function paramsOf<C extends ComputationCode>(
  code: C,
  params: Record<string, unknown>,
): z.infer<(typeof paramSchemas)[C]> {
  return paramSchemas[code].parse(params) as z.infer<(typeof paramSchemas)[C]>;
}

export interface DimensionScore {
  dimension: Dimension;
  score: number;
  /** Points of the applicable indicators. */
  max: number;
}

const linear = (zeroAt: number, fullAt: number): ScoringRule => ({ kind: 'linear', zeroAt, fullAt });
const ind = (
  code: ComputationCode,
  points: number,
  rule: ScoringRule,
  whenEmpty: WhenEmpty = '不计',
): IndicatorDefinition => ({ code, points, rule, params: computations[code].defaultParams, whenEmpty });

/** The first version the platform proposes (100 points). */
export const defaultIndicatorSet: IndicatorSet = {
  passScore: 80,
  indicators: [
    ind('items_check_list', 10, linear(0, 1), '零分'),
    ind('items_responsible', 5, linear(0, 1), '零分'),
    ind('items_claimed', 10, linear(0, 1)),
    ind('anomalies_fixed_on_time', 8, { kind: 'deduct', perCase: 1 }),
    ind('data_quality', 6, linear(0.8, 1)),
    ind('monthly_reporting', 6, linear(0, 1)),
    ind('plan_completion', 8, linear(0.5, 1)),
    ind('inspections_on_time', 6, linear(0.5, 1)),
    ind('results_on_time', 6, linear(0.5, 1)),
    ind('push_ack_on_time', 5, linear(0.5, 1)),
    ind('licence_feedback_on_time', 4, linear(0.5, 1)),
    ind('follow_ups_on_time', 5, linear(0.5, 1)),
    ind('publicity_on_time', 5, linear(0.5, 1)),
    ind('complaints_on_time', 5, linear(0.5, 1)),
    ind('warnings_on_time', 3, linear(0.5, 1)),
    ind('evaluation_satisfaction', 3, linear(0.6, 1)),
    ind('inspector_certificates', 2, linear(0.8, 1)),
    ind('portal_updates', 3, linear(0, 1)),
  ],
};
