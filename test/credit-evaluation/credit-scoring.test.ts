import { describe, expect, it } from 'vitest';
import {
  creditModelDefinition,
  defaultCreditModel,
  type CreditModelDefinition,
} from '../../src/credit-evaluation/credit-model';
import { lastEndedQuarter, periodLabel, quarterEnd } from '../../src/credit-evaluation/credit-period';
import { decayFactor, scoreSubject, type ScoredRecord } from '../../src/credit-evaluation/credit-scoring';

const asOf = '2026-09-30';
const rec = (
  id: number,
  kind: ScoredRecord['kind'],
  severity: ScoredRecord['severity'],
  occurredOn: string,
): ScoredRecord => ({
  id,
  kind,
  severity,
  occurredOn,
});

describe('the credit model, computed by hand (default version 1: base 85, linear decay over 36 months of 30 days)', () => {
  it('adds each indicator after decay and cap: 85 − 6.09 − 5.49 + 3.74 = 77.16, class B', () => {
    const result = scoreSubject(
      [
        // 一般行政处罚: −5 × (1 − 120/1080) = −4.4444 and −5 × (1 − 725/1080) = −1.6435 → −6.09
        rec(1, '行政处罚', '一般', '2026-06-02'),
        rec(2, '行政处罚', '轻微', '2024-10-05'),
        // 检查发现问题: −3 × 1 (today) and −3 × (1 − 183/1080) = −2.4917 → −5.49
        rec(3, '检查发现问题', '一般', '2026-09-30'),
        rec(4, '检查发现问题', '较重', '2026-03-31'),
        // 表彰奖励: +5 × (1 − 272/1080) = +3.74
        rec(5, '表彰奖励', '一般', '2026-01-01'),
        // after the run's date: not counted
        rec(6, '行政处罚', '严重', '2026-10-01'),
      ],
      defaultCreditModel,
      asOf,
    );
    expect(result.contributions).toEqual([
      { indicator: 'penalty_minor', name: '一般行政处罚', points: -6.09, recordIds: [1, 2] },
      { indicator: 'findings', name: '检查发现问题', points: -5.49, recordIds: [3, 4] },
      { indicator: 'rewards', name: '表彰奖励', points: 3.74, recordIds: [5] },
    ]);
    expect(result.score).toBe(77.16);
    expect(result.creditClass).toBe('B');
    expect(result.veto).toBeNull();
  });

  it('a revocation within 12 months is a one-vote veto to D even though the score alone is B', () => {
    // −20 × (1 − 303/1080) = −14.39 → 70.61 (B by score), revoked 303 days ago ≤ 360 → D
    const recent = scoreSubject([rec(7, '许可撤销吊销', '严重', '2025-12-01')], defaultCreditModel, asOf);
    expect(recent).toMatchObject({ score: 70.61, creditClass: 'D', veto: '12个月内被撤销、吊销许可' });
    // 394 days ago: no veto; −20 × (1 − 394/1080) = −12.70 → 72.30, B
    const older = scoreSubject([rec(8, '许可撤销吊销', '严重', '2025-09-01')], defaultCreditModel, asOf);
    expect(older).toMatchObject({ score: 72.3, creditClass: 'B', veto: null });
  });

  it('the 严重违法失信名单 veto applies whatever the age, and a subject without records gets the base score', () => {
    const listed = scoreSubject([rec(9, '严重违法失信名单', '严重', '2024-01-01')], defaultCreditModel, asOf);
    expect(listed.creditClass).toBe('D');
    expect(listed.veto).toBe('列入严重违法失信名单');
    expect(scoreSubject([], defaultCreditModel, asOf)).toEqual({
      score: 85,
      creditClass: 'B',
      veto: null,
      contributions: null,
    });
  });

  it('half-life decay, weight and cap: −15 × 0.5 × 2 = −15 → 70 is B (cut-offs inclusive); three fresh 较重 hit the cap −40 → 45, D', () => {
    const model: CreditModelDefinition = {
      ...defaultCreditModel,
      decay: { kind: '半衰期', months: 12 },
      indicators: defaultCreditModel.indicators.map((i) => (i.key === 'penalty_major' ? { ...i, weight: 2 } : i)),
    };
    const half = scoreSubject([rec(1, '行政处罚', '较重', '2025-10-05')], model, asOf);
    expect(half).toMatchObject({ score: 70, creditClass: 'B' });
    const capped = scoreSubject(
      [1, 2, 3].map((id) => rec(id, '行政处罚', '较重', asOf)),
      { ...model, decay: { kind: '不衰减', months: 12 } },
      asOf,
    );
    // −45 capped at −40, times weight 2 = −80 → 5; C cut-off 50 → D
    expect(capped).toMatchObject({ score: 5, creditClass: 'D', veto: null });
    expect(decayFactor({ kind: '线性', months: 1 }, 45)).toBe(0);
  });

  it('a definition is validated with Chinese messages', () => {
    const bad = creditModelDefinition.safeParse({ ...defaultCreditModel, cutoffs: { A: 60, B: 70, C: 50 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('分类分界须满足 A 高于 B、B 高于 C');
    const twice = creditModelDefinition.safeParse({
      ...defaultCreditModel,
      indicators: [defaultCreditModel.indicators[0], defaultCreditModel.indicators[0]],
    });
    expect(twice.error?.issues[0]?.message).toBe('指标代码“penalty_minor”重复');
    expect(creditModelDefinition.safeParse(defaultCreditModel).success).toBe(true);
  });

  it('quarters: the last ended quarter, its last day and its label', () => {
    expect(lastEndedQuarter('2026-12-06')).toBe('2026Q3');
    expect(lastEndedQuarter('2027-01-04')).toBe('2026Q4');
    expect(quarterEnd('2026Q3')).toBe('2026-09-30');
    expect(quarterEnd('2026Q4')).toBe('2026-12-31');
    expect(periodLabel('2026Q3')).toBe('2026年第三季度');
  });
});
