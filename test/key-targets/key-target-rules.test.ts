import { describe, expect, it } from 'vitest';
import { addYears, derivedExpiry, keyTargetState, reasonKindOf } from '../../src/key-targets/key-target-rules';

describe('key-target rules (pure)', () => {
  it('maps credit records to the reasons of 第二十二条', () => {
    expect(reasonKindOf({ kind: '违反告知承诺', severity: '轻微', source: '外部报送' })).toBe('违反告知承诺');
    expect(reasonKindOf({ kind: '年报未报', severity: '轻微', source: '外部报送' })).toBe('年报未报');
    expect(reasonKindOf({ kind: '检查发现问题', severity: '轻微', source: '双跟踪' })).toBe('跟踪检查结果');
    expect(reasonKindOf({ kind: '行政处罚', severity: '一般', source: '行政处罚' })).toBe('检查发现违法');
    expect(reasonKindOf({ kind: '检查发现问题', severity: '严重', source: '检查结果' })).toBe('检查发现违法');
    expect(reasonKindOf({ kind: '检查发现问题', severity: '轻微', source: '检查结果' })).toBeNull();
    expect(reasonKindOf({ kind: '表彰奖励', severity: '轻微', source: '双跟踪' })).toBeNull();
    expect(reasonKindOf({ kind: '经营异常名录', severity: '较重', source: '外部报送' })).toBeNull();
  });

  it('expires by the rule, never after the record stops counting', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2026-05-20', 2)).toBe('2028-05-20');
    expect(derivedExpiry('检查发现违法', '2026-05-20', null)).toBe('2027-05-20');
    expect(derivedExpiry('违反告知承诺', '2026-05-20', '2027-01-01')).toBe('2027-01-01');
    expect(derivedExpiry('年报未报', '2026-05-20', null)).toBeNull();
    expect(derivedExpiry('年报未报', '2026-05-20', '2026-12-31')).toBe('2026-12-31');
  });

  it('names the state a list shows', () => {
    const k = { lifted_at: null, listed_on: '2026-01-01', expires_on: '2026-12-31' };
    expect(keyTargetState(k, '2026-12-31')).toBe('有效');
    expect(keyTargetState(k, '2027-01-01')).toBe('已到期');
    expect(keyTargetState(k, '2025-12-31')).toBe('未生效');
    expect(keyTargetState({ ...k, lifted_at: new Date() }, '2026-06-01')).toBe('已解除');
  });
});
