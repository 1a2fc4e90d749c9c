import { describe, expect, it } from 'vitest';
import { checkVisit, type SubjectYear } from '../../src/registrations/visit-rules';
import { matchVisits } from '../../src/registrations/visit-matching';
import { BUILTIN_SUPERVISION_RULES as caps } from '../../src/settings/visit-rules-setting';

const subject = (over: Partial<SubjectYear> = {}): SubjectYear => ({
  uscc: '91370100MA0000000X',
  name: '济南某某食品有限公司',
  whitelisted: false,
  year: 2026,
  visits: [],
  ...over,
});
const item = { code: 'SC-01', name: '食品生产许可条件检查' };

describe('visit rules', () => {
  it('a whitelisted subject takes only reactive kinds', () => {
    const white = subject({ whitelisted: true });
    for (const kind of ['日常检查', '专项检查', '后续跟进'] as const) {
      const [refusal] = checkVisit(white, kind, [item], caps);
      expect(refusal?.rule).toBe('whitelist');
      expect(refusal?.message).toContain('白名单主体');
      expect(refusal?.message).toContain('济南某某食品有限公司（91370100MA0000000X）');
    }
    for (const kind of ['投诉举报', '监测发现', '转办交办', '依法依规'] as const)
      expect(checkVisit(white, kind, [item], caps)).toEqual([]);
  });

  it('routine visits stop at two a year, naming the earlier ones', () => {
    const two = subject({
      visits: [
        { ref: '任务 CQ2026-0001-0001-00001', routine: true, itemCodes: [] },
        { ref: '登记 DJ2026-00002', routine: true, itemCodes: [] },
      ],
    });
    const [refusal] = checkVisit(two, '日常检查', [item], caps);
    expect(refusal?.rule).toBe('routineCap');
    expect(refusal?.message).toBe(
      '该主体济南某某食品有限公司（91370100MA0000000X） 2026 年已有 2 次日常检查（任务 CQ2026-0001-0001-00001、登记 DJ2026-00002），已达上限（每年不超过 2 次）',
    );
    // Complaints and special campaigns are not routine visits.
    expect(checkVisit(two, '投诉举报', [item], caps)).toEqual([]);
    expect(checkVisit(two, '专项检查', [item], caps)).toEqual([]);
    const one = subject({
      visits: [
        { ref: '任务 X', routine: true, itemCodes: [] },
        { ref: '登记 Y', routine: false, itemCodes: [] },
      ],
    });
    expect(checkVisit(one, '日常检查', [item], caps)).toEqual([]);
  });

  it('the same item once a year for planned checks; follow-ups and reactive checks are not bound', () => {
    const done = subject({ visits: [{ ref: '登记 DJ2026-00001', routine: false, itemCodes: ['SC-01'] }] });
    const refusals = checkVisit(done, '专项检查', [item, { code: 'SC-02', name: '其他' }], caps);
    expect(refusals.map((r) => r.rule)).toEqual(['sameItem']);
    expect(refusals[0]!.message).toContain(
      '已就事项“食品生产许可条件检查”（SC-01）安排检查（登记 DJ2026-00001），同一事项每年不超过 1 次',
    );
    expect(checkVisit(done, '后续跟进', [item], caps)).toEqual([]);
    expect(checkVisit(done, '投诉举报', [item], caps)).toEqual([]);
  });
});

describe('visit matching', () => {
  it('overlapping visits of different departments become one match in the intersection', () => {
    const matches = matchVisits([
      { ref: 'r1', subjectId: 7, departmentIds: [1], from: '2026-05-01', to: '2026-06-30' },
      { ref: 't9', subjectId: 7, departmentIds: [2, 3], from: '2026-04-01', to: '2026-05-31' },
      { ref: 'r2', subjectId: 7, departmentIds: [4], from: '2026-09-01', to: '2026-09-30' },
      { ref: 'r3', subjectId: 8, departmentIds: [1], from: '2026-05-01', to: '2026-06-30' },
      { ref: 'r4', subjectId: 8, departmentIds: [1], from: '2026-05-01', to: '2026-06-30' },
    ]);
    expect(matches).toEqual([
      {
        subjectId: 7,
        refs: ['t9', 'r1'],
        departmentIds: [1, 2, 3],
        window: { from: '2026-05-01', to: '2026-05-31' },
        key: '重叠:r1,t9',
      },
    ]);
  });

  it('the key does not depend on the order of the input', () => {
    const a = { ref: 'r5', subjectId: 1, departmentIds: [1], from: '2026-01-01', to: '2026-01-31' };
    const b = { ref: 'r6', subjectId: 1, departmentIds: [2], from: '2026-01-10', to: '2026-02-28' };
    expect(matchVisits([a, b])[0]!.key).toBe(matchVisits([b, a])[0]!.key);
  });
});

describe('visit matching of a joint task', () => {
  it('a joint task alone is not a match, with one more department’s registration it is', () => {
    const joint = { ref: 't1', subjectId: 3, departmentIds: [1, 2], from: '2026-04-01', to: '2026-06-30' };
    expect(matchVisits([joint])).toEqual([]);
    expect(
      matchVisits([joint, { ref: 'r1', subjectId: 3, departmentIds: [1], from: '2026-05-01', to: '2026-05-10' }]),
    ).toHaveLength(1);
  });
});

describe('visit matching past a department’s own visits', () => {
  it('a long visit meets a later visit of another department although a short one of its own department came between', () => {
    const matches = matchVisits([
      { ref: 'r1', subjectId: 5, departmentIds: [1], from: '2026-01-01', to: '2026-12-31' },
      { ref: 'r2', subjectId: 5, departmentIds: [1], from: '2026-02-01', to: '2026-02-28' },
      { ref: 'r3', subjectId: 5, departmentIds: [2], from: '2026-11-01', to: '2026-11-30' },
    ]);
    expect(matches).toEqual([
      {
        subjectId: 5,
        refs: ['r1', 'r3'],
        departmentIds: [1, 2],
        window: { from: '2026-11-01', to: '2026-11-30' },
        key: '重叠:r1,r3',
      },
    ]);
  });
});
