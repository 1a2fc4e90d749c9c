import { describe, expect, it } from 'vitest';
import { exclusionReasons, subjectInScope } from '../../src/draw/engine/frame';
import { inclusionPpm } from '../../src/draw/engine/inclusion';
import { RegisterColumnsBuilder, subjectAt } from '../../src/draw/engine/register-columns';
import type { CreditClass, RegisterSubject, RiskLevel } from '../../src/draw/engine/types';
import { frameParams, framesOf, item, registerColumns, subject } from './engine-fixtures';

const classes: (CreditClass | null)[] = ['A', 'B', 'C', 'D', null];
const risks: (RiskLevel | null)[] = [null, '低', '一般', '较高', '高'];
const kinds = ['企业', '个体工商户', '农民专业合作社'];
const divisions = ['371102', '371103', '371122', '371202'];
const industries = [['5211'], ['5212', '6110'], [], ['6110'], ['1321', '5211']];

/** A varied register: every class, risk, kind and division, some tags, key targets, whitelisted and 注销 subjects. */
function variedSubjects(count: number): RegisterSubject[] {
  return Array.from({ length: count }, (_, k) =>
    subject(k + 1, classes[k % classes.length]!, {
      kind: kinds[k % kinds.length]!,
      divisionCode: divisions[(k >> 1) % divisions.length]!,
      industryCodes: industries[Math.floor(k / 5) % industries.length]!,
      tags: k % 6 === 0 ? ['冷链', '学校周边'] : k % 9 === 0 ? ['学校周边'] : [],
      riskLevel: risks[(k >> 2) % risks.length]!,
      keyTarget: k % 11 === 0,
      whitelisted: k % 23 === 0,
      status: k % 13 === 0 ? '注销' : '存续',
    }),
  );
}

describe('the register as columns (src/draw/engine/register-columns.ts)', () => {
  it('gives every subject back as it was added, beyond the first capacity of the columns', () => {
    const subjects = variedSubjects(300);
    const builder = new RegisterColumnsBuilder(16);
    for (const s of subjects) {
      const i = builder.add({ ...s, industryCodes: s.industryCodes.join(',') });
      builder.tag(i, s.tags);
    }
    const register = builder.done();
    expect(register.count).toBe(300);
    expect(register.ids.length).toBe(300);
    expect(Array.from({ length: 300 }, (_, i) => subjectAt(register, i))).toEqual(subjects);
    // Values with few forms are codes into short lists, shared by the subjects that have them.
    expect([...register.kinds].sort()).toEqual([...kinds].sort());
    expect(register.divisions).toHaveLength(divisions.length);
    expect(register.industryLists).toHaveLength(industries.length);
    expect(subjectAt(register, 0).industryCodes).toBe(subjectAt(register, 1).industryCodes);
    expect(register.tags.size).toBe(subjects.filter((s) => s.tags.length > 0).length);
    expect(registerColumns(subjects)).toEqual(register);
  });

  it('refuses a credit class or risk level it has no code for, and tags for a subject not added', () => {
    const builder = new RegisterColumnsBuilder();
    const row = { ...subject(1, 'A'), industryCodes: '5211' };
    expect(() => builder.add({ ...row, creditClass: 'E' as CreditClass })).toThrow('unknown credit class E');
    expect(() => builder.add({ ...row, riskLevel: '极高' as RiskLevel })).toThrow('unknown risk level 极高');
    expect(builder.add(row)).toBe(0);
    expect(() => builder.tag(1, ['冷链'])).toThrow('no subject at 1');
  });

  it('frames built from the columns keep the one-subject rules: scope by kind, division, tag and section, exclusions, π', () => {
    const subjects = variedSubjects(400);
    const items = [
      item(1, { scope: { industries: ['F'], tags: [], subjectKinds: ['个体工商户'], divisions: [] } }),
      item(2, { scope: { industries: [], tags: ['学校周边'], subjectKinds: [], divisions: ['371102', '3712'] } }),
      item(3, { scope: { industries: ['6110', '13'], tags: [], subjectKinds: [], divisions: [] }, aClassExempt: true }),
      item(4, { scope: { industries: [], tags: [], subjectKinds: [], divisions: [] }, keyTargetsCertain: false }),
    ];
    const sections = { '52': 'F', '61': 'I', '13': 'C' };
    const frames = framesOf(subjects, items, { sectionOfDivision: sections });
    frames.items.forEach((frame, j) => {
      const roundItem = items.find((i) => i.code === frame.code)!;
      const members = new Map(Array.from(frame.members, (m, k) => [frames.usccs[m]!, k]));
      let expected = 0;
      for (const s of subjects) {
        const eligible =
          subjectInScope(s, roundItem.scope, sections) &&
          !s.whitelisted &&
          !(roundItem.aClassExempt && s.creditClass === 'A' && !s.keyTarget);
        expect(members.has(s.uscc), `${frame.code} ${s.uscc}`).toBe(eligible);
        if (!eligible) continue;
        expected += 1;
        const k = members.get(s.uscc)!;
        expect(frame.piPpm[k]).toBe(inclusionPpm(s, roundItem, frameParams));
        expect(frame.stratum[k]).toBe(['A', 'B', 'C', 'D'].indexOf(s.creditClass ?? frameParams.unclassifiedAs));
        expect(frames.subjectIds[frame.members[k]!]).toBe(s.id);
      }
      expect(frame.members.length, `item ${j}`).toBe(expected);
      expect(expected).toBeGreaterThan(0);
    });
    const whitelisted = subjects.filter((s) => s.whitelisted && s.status === '存续');
    expect(whitelisted.length).toBeGreaterThan(0);
    for (const s of whitelisted)
      expect(frames.excluded).toContainEqual({ uscc: s.uscc, itemCode: null, reason: exclusionReasons.whitelisted });
    expect(frames.excluded.some((e) => e.reason === exclusionReasons.aClassExempt && e.itemCode === 'SJ003')).toBe(
      true,
    );
  });
});
