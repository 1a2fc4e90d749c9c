import { describe, expect, it } from 'vitest';
import { findingSeverity, licenceSeverity, penaltySeverity } from '../../src/credit-records/credit-severity';
import { yearsAfter } from '../../src/credit-records/credit-from-tasks.service';

describe('credit severity rules', () => {
  it('a penalty is as serious as its worst category; a large fine is 较重', () => {
    expect(penaltySeverity(['警告'], null, null)).toBe('轻微');
    expect(penaltySeverity(['通报批评'], null, null)).toBe('轻微');
    expect(penaltySeverity(['警告', '罚款'], '0.5', null)).toBe('一般');
    expect(penaltySeverity(['罚款'], '9.99', null)).toBe('一般');
    expect(penaltySeverity(['罚款', '没收违法所得'], '8', '2')).toBe('较重');
    expect(penaltySeverity(['责令停产停业'], null, null)).toBe('较重');
    expect(penaltySeverity(['罚款', '吊销许可证件'], '1', null)).toBe('严重');
    expect(penaltySeverity(['责令关闭'], null, null)).toBe('严重');
    expect(penaltySeverity(['限制从业'], null, null)).toBe('严重');
  });

  it('licences and findings', () => {
    expect(licenceSeverity('已吊销')).toBe('严重');
    expect(licenceSeverity('已撤销')).toBe('较重');
    expect(findingSeverity(1)).toBe('一般');
    expect(findingSeverity(3)).toBe('较重');
  });

  it('a finding counts three years, 29 February ending on 28 February', () => {
    expect(yearsAfter('2026-11-18', 3)).toBe('2029-11-18');
    expect(yearsAfter('2028-02-29', 3)).toBe('2031-02-28');
  });
});
