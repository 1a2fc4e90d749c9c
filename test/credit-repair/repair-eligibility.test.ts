import { describe, expect, it } from 'vitest';
import { addMonths, type RepairFacts, repairEligibility } from '../../src/credit-repair/repair-eligibility';

const base: RepairFacts = {
  categories: ['罚款'],
  decidedOn: '2026-06-15',
  decisionStatus: '有效',
  publicityUntil: '2027-06-14',
  published: true,
  openApplication: false,
  repaired: false,
  today: '2026-09-15',
};

describe('信用修复 eligibility (worked by hand)', () => {
  it('adds calendar months, clamped to the month end', () => {
    expect(addMonths('2026-06-15', 3)).toBe('2026-09-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-10-31', 2)).toBe('2026-12-31');
  });

  it('a fine: eligible on the day 3 months after the decision, not the day before', () => {
    expect(repairEligibility(base)).toEqual({ eligible: true, earliestOn: '2026-09-15', serious: false, reasons: [] });
    const early = repairEligibility({ ...base, today: '2026-09-14' });
    expect(early.eligible).toBe(false);
    expect(early.reasons[0]).toContain('2026-09-15 起可以申请');
  });

  it('only 警告 or 通报批评: not published, nothing to repair; with a fine it is', () => {
    expect(repairEligibility({ ...base, categories: ['警告'] }).reasons[0]).toContain('不予公示');
    expect(repairEligibility({ ...base, categories: ['警告', '通报批评'] }).eligible).toBe(false);
    expect(repairEligibility({ ...base, categories: ['警告', '罚款'] }).eligible).toBe(true);
  });

  it('a serious breach (吊销许可证件, 责令关闭 …) is not repairable by this route, even after a year', () => {
    const r = repairEligibility({ ...base, categories: ['罚款', '吊销许可证件'], today: '2027-07-01' });
    expect(r).toMatchObject({ eligible: false, serious: true, earliestOn: null });
    expect(repairEligibility({ ...base, categories: ['责令关闭'] }).serious).toBe(true);
  });

  it('nothing to repair when not published, expired, revoked, already repaired or already applied', () => {
    expect(repairEligibility({ ...base, published: false }).reasons[0]).toContain('尚未公示');
    expect(repairEligibility({ ...base, today: '2027-06-15' }).reasons[0]).toContain('已于 2027-06-14 届满');
    expect(repairEligibility({ ...base, decisionStatus: '已撤销' }).reasons[0]).toContain('已被撤销');
    expect(repairEligibility({ ...base, repaired: true }).reasons[0]).toContain('已完成信用修复');
    expect(repairEligibility({ ...base, openApplication: true }).reasons[0]).toContain('正在办理');
  });
});
