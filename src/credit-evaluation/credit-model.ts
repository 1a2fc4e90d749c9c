import { z } from 'zod';
import type { CreditRecordKind, CreditSeverity } from '../credit-records/credit-record.table';
import { creditClasses } from '../subjects/subject.schemas';

/**
 * The kinds and severities of credit records (credit-record.table.ts): `satisfies` refuses an unknown one, and scoring
 * (`kinds.includes(record.kind)`) does not compile if one is missing.
 */
const creditRecordKinds = [
  '行政处罚',
  '许可撤销吊销',
  '检查发现问题',
  '违反告知承诺',
  '经营异常名录',
  '严重违法失信名单',
  '年报未报',
  '投诉举报属实',
  '表彰奖励',
] as const satisfies readonly CreditRecordKind[];
const creditSeverities = ['轻微', '一般', '较重', '严重'] as const satisfies readonly CreditSeverity[];

/**
 * The evaluation model (公共信用综合评价模型): what each indicator counts, how records fade with time, which records
 * decide the class alone (一票否决), and the cut-offs to the four classes of the 2022 《市场监管总局关于推进企业信用风险
 * 分类管理进一步提升监管效能的意见》 (A 信用风险低, B 信用风险一般, C 信用风险较高, D 信用风险高). Indicators and their
 * weights follow 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十九条、第三十条 and 《黄浦区精准高效协同监管实施办法
 * （试行）》第十九条、第二十条. Pure data: the scoring (credit-scoring.ts) reads nothing else.
 */
export const creditIndicator = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, '指标代码只能由小写字母、数字和下划线组成，以字母开头'),
  name: z.string().trim().min(1, '请填写指标名称').max(40, '指标名称不超过40个字'),
  kinds: z.array(z.enum(creditRecordKinds, '信用记录类别无效')).min(1, '每个指标至少计入一类信用记录'),
  /** Empty: every severity. */
  severities: z.array(z.enum(creditSeverities, '严重程度无效')),
  /** Per record before decay: negative deducts, positive (表彰奖励) adds. */
  points: z
    .number('每条记录的分值须为数字')
    .min(-100, '每条记录的分值不低于-100')
    .max(100, '每条记录的分值不超过100')
    .refine((n) => n !== 0, '每条记录的分值不能为0'),
  /** The most the indicator can move the score, before its weight (absolute value). */
  cap: z.number('上限须为数字').positive('上限须大于0').max(100, '上限不超过100'),
  weight: z.number('权重须为数字').min(0, '权重不能为负').max(5, '权重不超过5'),
});

export const decayKinds = ['不衰减', '线性', '半衰期'] as const;
export const creditDecay = z.object({
  kind: z.enum(decayKinds, '时间衰减方式无效'),
  /** 线性: a record counts fully on its day and nothing after this many months; 半衰期: half after this many months. */
  months: z.number().int('月数须为整数').min(1, '衰减月数至少1个月').max(120, '衰减月数不超过120个月'),
});
export type CreditDecay = z.infer<typeof creditDecay>;

export const creditVeto = z.object({
  name: z.string().trim().min(1, '请填写否决项名称').max(60, '否决项名称不超过60个字'),
  kinds: z.array(z.enum(creditRecordKinds, '信用记录类别无效')).min(1, '否决项至少针对一类信用记录'),
  /** Only records at most this many months old (null: any record that still counts). */
  withinMonths: z.number().int().min(1).max(120).nullable(),
  creditClass: z.enum(creditClasses, '分类无效'),
});

export const creditModelDefinition = z
  .object({
    baseScore: z.number().min(0, '基础分不能为负').max(1000, '基础分不超过1000'),
    maxScore: z.number().min(0).max(1000, '最高分不超过1000'),
    indicators: z.array(creditIndicator).min(1, '模型至少有一个指标').max(40, '指标不超过40个'),
    decay: creditDecay,
    vetoes: z.array(creditVeto).max(20, '否决项不超过20个'),
    /** The lowest score of A, B and C; below C's is D. */
    cutoffs: z.object({ A: z.number(), B: z.number(), C: z.number() }),
  })
  .superRefine((d, ctx) => {
    if (!(d.cutoffs.A > d.cutoffs.B && d.cutoffs.B > d.cutoffs.C))
      ctx.addIssue({ code: 'custom', path: ['cutoffs'], message: '分类分界须满足 A 高于 B、B 高于 C' });
    if (d.maxScore < d.baseScore) ctx.addIssue({ code: 'custom', path: ['maxScore'], message: '最高分不能低于基础分' });
    const keys = d.indicators.map((i) => i.key);
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `指标代码“${twice}”重复` });
  });
export type CreditModelDefinition = z.infer<typeof creditModelDefinition>;

/** Version 1, published on first use: a subject with no records is B (信用风险一般); A needs a reward on record. */
export const defaultCreditModel: CreditModelDefinition = {
  baseScore: 85,
  maxScore: 100,
  decay: { kind: '线性', months: 36 },
  cutoffs: { A: 90, B: 70, C: 50 },
  indicators: [
    {
      key: 'penalty_minor',
      name: '一般行政处罚',
      kinds: ['行政处罚'],
      severities: ['轻微', '一般'],
      points: -5,
      cap: 20,
      weight: 1,
    },
    {
      key: 'penalty_major',
      name: '较重、严重行政处罚',
      kinds: ['行政处罚'],
      severities: ['较重', '严重'],
      points: -15,
      cap: 40,
      weight: 1,
    },
    {
      key: 'licence_revoked',
      name: '许可撤销、吊销',
      kinds: ['许可撤销吊销'],
      severities: [],
      points: -20,
      cap: 40,
      weight: 1,
    },
    { key: 'findings', name: '检查发现问题', kinds: ['检查发现问题'], severities: [], points: -3, cap: 15, weight: 1 },
    {
      key: 'commitment',
      name: '违反告知承诺',
      kinds: ['违反告知承诺'],
      severities: [],
      points: -10,
      cap: 20,
      weight: 1,
    },
    { key: 'abnormal', name: '经营异常名录', kinds: ['经营异常名录'], severities: [], points: -10, cap: 20, weight: 1 },
    {
      key: 'blacklist',
      name: '严重违法失信名单',
      kinds: ['严重违法失信名单'],
      severities: [],
      points: -30,
      cap: 30,
      weight: 1,
    },
    { key: 'annual_report', name: '年报未报', kinds: ['年报未报'], severities: [], points: -5, cap: 10, weight: 1 },
    {
      key: 'complaints',
      name: '投诉举报属实',
      kinds: ['投诉举报属实'],
      severities: [],
      points: -2,
      cap: 10,
      weight: 1,
    },
    { key: 'rewards', name: '表彰奖励', kinds: ['表彰奖励'], severities: [], points: 5, cap: 10, weight: 1 },
  ],
  vetoes: [
    { name: '列入严重违法失信名单', kinds: ['严重违法失信名单'], withinMonths: null, creditClass: 'D' },
    { name: '12个月内被撤销、吊销许可', kinds: ['许可撤销吊销'], withinMonths: 12, creditClass: 'D' },
  ],
};
