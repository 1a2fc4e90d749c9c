import { describe, expect, it } from 'vitest';
import { compositeRisk, decidingDepartments } from '../../src/risk-assessment/composite-risk';
import {
  definitionProblems,
  type IndicatorDefinition,
  levelDistribution,
  levelOf,
  scoreSubject,
  type SubjectFacts,
} from '../../src/risk-assessment/risk-score';

const indicators: IndicatorDefinition[] = [
  { kind: '检查不符合率', weight: 30 },
  { kind: '行政处罚', weight: 20, cap: 3 },
  { kind: '失信记录', weight: 10, cap: 5 },
  { kind: '重点抽查对象', weight: 10 },
  { kind: '行业基础风险', weight: 30 },
];
const base = [
  { code: '26', score: 60 },
  { code: '2614', score: 80 },
];
const cutoffs = { 一般: 25, 较高: 50, 高: 75 };
const facts: SubjectFacts = {
  checked: 10,
  nonconforming: 3,
  penalties: 2,
  creditRecords: 1,
  keyTarget: true,
  industryCodes: ['2614'],
  licencesRevoked: 0,
};

describe('rule-based risk score (pure)', () => {
  it('a worked example by hand: points per indicator, weighted mean, level', () => {
    const r = scoreSubject(facts, indicators, base, cutoffs);
    // 3/10 不符合 → 30; 2 of cap 3 → 66.7; 1 of cap 5 → 20; key target → 100; 2614 (under 26) → the higher base, 80.
    expect(r.points).toEqual({ 检查不符合率: 30, 行政处罚: 66.7, 失信记录: 20, 重点抽查对象: 100, 行业基础风险: 80 });
    // (30×30 + 20×66.667 + 10×20 + 10×100 + 30×80) / 100 = 5833.3 / 100 = 58.3 → 较高 (50 ≤ 58.3 < 75).
    expect(r.score).toBe(58.3);
    expect(r.level).toBe('较高');
  });

  it('counts over the cap earn 100; no inspection earns 0; a revoked licence earns 100', () => {
    const r = scoreSubject(
      {
        ...facts,
        checked: 0,
        nonconforming: 0,
        penalties: 9,
        keyTarget: false,
        industryCodes: ['5211'],
        licencesRevoked: 1,
      },
      [
        { kind: '检查不符合率', weight: 1 },
        { kind: '行政处罚', weight: 1 },
        { kind: '行业基础风险', weight: 1 },
        { kind: '许可被撤销吊销', weight: 1 },
      ],
      base,
      cutoffs,
    );
    expect(r.points).toEqual({ 检查不符合率: 0, 行政处罚: 100, 行业基础风险: 0, 许可被撤销吊销: 100 });
    expect(r.score).toBe(50);
    expect(r.level).toBe('较高');
  });

  it('levels at the cut-offs: a score equal to a cut-off reaches that level', () => {
    expect([0, 24.9, 25, 49.9, 50, 74.9, 75, 100].map((s) => levelOf(s, cutoffs))).toEqual([
      '低',
      '低',
      '一般',
      '一般',
      '较高',
      '较高',
      '高',
      '高',
    ]);
  });

  it('refuses a definition without indicators, with a repeated one, or with cut-offs out of order', () => {
    expect(definitionProblems([], cutoffs)).toEqual(['至少设置一项评估指标']);
    expect(definitionProblems([indicators[0]!, indicators[0]!], cutoffs)).toEqual(['评估指标不能重复']);
    expect(definitionProblems(indicators, { 一般: 50, 较高: 50, 高: 75 })).toEqual([
      '等级分界须递增：一般 < 较高 < 高',
    ]);
    expect(definitionProblems(indicators, cutoffs)).toEqual([]);
  });

  it('distribution lists every level', () => {
    expect(levelDistribution(['高', '低', '高'])).toEqual([
      { level: '低', subjects: 1 },
      { level: '一般', subjects: 0 },
      { level: '较高', subjects: 0 },
      { level: '高', subjects: 2 },
    ]);
  });
});

describe('composite industry risk (风险就高不就低)', () => {
  it('is the highest level of any department, null when none assessed', () => {
    expect(compositeRisk({ 市市场监督管理局: '一般', 市应急管理局: '高', 市卫生健康委员会: '低' })).toBe('高');
    expect(compositeRisk({ 市市场监督管理局: '较高', 市应急管理局: '一般' })).toBe('较高');
    expect(compositeRisk({ 市市场监督管理局: '低' })).toBe('低');
    expect(compositeRisk({})).toBeNull();
    expect(compositeRisk({ 市市场监督管理局: '未知' })).toBeNull();
  });

  it('names the deciding departments (all that share the top level)', () => {
    expect(decidingDepartments({ 乙局: '高', 甲局: '高', 丙局: '低' })).toEqual(['乙局', '甲局'].sort());
    expect(decidingDepartments({})).toEqual([]);
  });
});
