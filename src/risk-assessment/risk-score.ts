import type { RiskLevel } from '../draw/engine/types';
import { riskLevelOrder } from './composite-risk';

/**
 * The rule-based assessment (识险、评险, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十二条、第三十四条): a pure
 * computation from what the platform holds about a subject to its score and level. Each indicator gives 0–100 points;
 * the score is the weighted mean of the points (weights need not sum to 100); the level is the highest whose cut-off
 * the score reaches.
 */
export const indicatorKinds = [
  '检查不符合率',
  '行政处罚',
  '失信记录',
  '重点抽查对象',
  '行业基础风险',
  '许可被撤销吊销',
] as const;
export type IndicatorKind = (typeof indicatorKinds)[number];

/** How each kind turns facts into points (shown in the editor and printed in the report). */
export const indicatorRules: Record<IndicatorKind, string> = {
  检查不符合率: '评估期内本部门检查结果中“不符合”项占已检查项的比例 × 100；未检查为 0 分',
  行政处罚: '评估期内有效的行政处罚决定数，达到封顶数得 100 分，按比例计分',
  失信记录: '评估期内有效的不良信用记录数（不含表彰奖励），达到封顶数得 100 分，按比例计分',
  重点抽查对象: '现为重点抽查对象得 100 分，否则 0 分',
  行业基础风险: '按所属行业代码取行业基础分（多个行业取最高），未列明的行业 0 分',
  许可被撤销吊销: '评估期内有行政许可被撤销或吊销得 100 分，否则 0 分',
};

export interface IndicatorDefinition {
  kind: IndicatorKind;
  weight: number;
  /** For the counting kinds (行政处罚, 失信记录): the count that earns the full 100 points. */
  cap?: number;
}

/** A base score (0–100) for subjects in an industry: the code and every code under it. */
export interface IndustryBase {
  code: string;
  score: number;
}

/** The lowest score of each level above 低. */
export type LevelCutoffs = Record<Exclude<RiskLevel, '低'>, number>;

/** What the platform holds about one subject in the assessment's window. */
export interface SubjectFacts {
  checked: number;
  nonconforming: number;
  penalties: number;
  creditRecords: number;
  keyTarget: boolean;
  industryCodes: readonly string[];
  licencesRevoked: number;
}

export interface SubjectScore {
  score: number;
  level: RiskLevel;
  points: Record<string, number>;
}

export const defaultCaps: Partial<Record<IndicatorKind, number>> = { 行政处罚: 3, 失信记录: 5 };

const round1 = (x: number) => Math.round(x * 10) / 10;
const share = (count: number, cap: number) => (Math.min(count, cap) / cap) * 100;

/** One indicator's points (0–100) for a subject. */
export function indicatorPoints(
  indicator: IndicatorDefinition,
  facts: SubjectFacts,
  industryBase: readonly IndustryBase[],
): number {
  const cap = Math.max(1, indicator.cap ?? defaultCaps[indicator.kind] ?? 1);
  switch (indicator.kind) {
    case '检查不符合率':
      return facts.checked === 0 ? 0 : (facts.nonconforming / facts.checked) * 100;
    case '行政处罚':
      return share(facts.penalties, cap);
    case '失信记录':
      return share(facts.creditRecords, cap);
    case '重点抽查对象':
      return facts.keyTarget ? 100 : 0;
    case '行业基础风险': {
      let best = 0;
      for (const base of industryBase)
        if (facts.industryCodes.some((code) => code.startsWith(base.code))) best = Math.max(best, base.score);
      return best;
    }
    case '许可被撤销吊销':
      return facts.licencesRevoked > 0 ? 100 : 0;
  }
}

/** The level a score reaches: the highest level whose cut-off is at most the score. */
export function levelOf(score: number, cutoffs: LevelCutoffs): RiskLevel {
  if (score >= cutoffs.高) return '高';
  if (score >= cutoffs.较高) return '较高';
  if (score >= cutoffs.一般) return '一般';
  return '低';
}

/** A subject's points per indicator (rounded to 0.1), weighted score (rounded to 0.1) and level. */
export function scoreSubject(
  facts: SubjectFacts,
  indicators: readonly IndicatorDefinition[],
  industryBase: readonly IndustryBase[],
  cutoffs: LevelCutoffs,
): SubjectScore {
  const totalWeight = indicators.reduce((s, i) => s + i.weight, 0);
  const points: Record<string, number> = {};
  let weighted = 0;
  for (const indicator of indicators) {
    const p = indicatorPoints(indicator, facts, industryBase);
    points[indicator.kind] = round1(p);
    weighted += indicator.weight * p;
  }
  const score = totalWeight > 0 ? round1(weighted / totalWeight) : 0;
  return { score, level: levelOf(score, cutoffs), points };
}

/** Problems of a definition a run cannot use (Chinese), empty when it is sound. */
export function definitionProblems(indicators: readonly IndicatorDefinition[], cutoffs: LevelCutoffs): string[] {
  const problems: string[] = [];
  if (indicators.length === 0) problems.push('至少设置一项评估指标');
  const kinds = new Set(indicators.map((i) => i.kind));
  if (kinds.size !== indicators.length) problems.push('评估指标不能重复');
  if (indicators.some((i) => i.weight <= 0)) problems.push('指标权重须大于 0');
  if (!(cutoffs.一般 < cutoffs.较高 && cutoffs.较高 < cutoffs.高)) problems.push('等级分界须递增：一般 < 较高 < 高');
  return problems;
}

/** Subjects per level, every level listed (the report's and the page's distribution). */
export function levelDistribution(levels: Iterable<RiskLevel>): { level: RiskLevel; subjects: number }[] {
  const counts = new Map<RiskLevel, number>(riskLevelOrder.map((l) => [l, 0]));
  for (const level of levels) counts.set(level, (counts.get(level) ?? 0) + 1);
  return riskLevelOrder.map((level) => ({ level, subjects: counts.get(level)! }));
}
