import { seededRandom } from '../shared/seeded-random';
import { RegisterColumnsBuilder } from './engine/register-columns';
import type { CreditClass, FrameRegisters, RoundInspector, RoundItem } from './engine/types';

export interface SyntheticCityOptions {
  subjects: number;
  departments: number;
  items: number;
  inspectors: number;
  industries?: number;
  divisions?: number;
  design?: RoundItem['design'];
  seed?: number;
}

export interface SyntheticCity {
  registers: FrameRegisters;
  inspectors: RoundInspector[];
  departmentNames: Record<number, string>;
}

/**
 * A generated reference city: industries with a Zipf skew, divisions,
 * credit classes A/B/C/D at 30/50/15/5 %, items each covering 1–6 industries with ratios
 * A 2 % / B 5 % / C 20 % / D 50 %, and inspectors spread over the departments (a few inactive,
 * a few with expired certificates, a few declared conflicts). Deterministic for a given seed.
 */
export function syntheticCity(options: SyntheticCityOptions): SyntheticCity {
  const random = seededRandom(options.seed ?? 20261123);
  const industryCount = options.industries ?? 96;
  const divisionCount = options.divisions ?? 12;
  const industries = Array.from({ length: industryCount }, (_, k) => `${10 + Math.floor(k / 2)}${k % 2 ? '11' : '21'}`);
  const zipf = industries.map((code, k) => [code, 1 / (k + 1)] as const);
  const divisions = Array.from({ length: divisionCount }, (_, k) => `3711${String(k + 1).padStart(2, '0')}`);
  const classes = [
    ['A', 30],
    ['B', 50],
    ['C', 15],
    ['D', 5],
  ] as const satisfies readonly (readonly [CreditClass, number])[];
  // Straight into columns, as the platform loads registers (draw-inputs.repository.ts).
  const register = new RegisterColumnsBuilder(options.subjects);
  // Joined, not a template: a template leaves a rope of three strings per code (about 144 bytes instead of 40),
  // where the platform's registers hold each code as one flat string read from the database.
  const usccOf = (i: number) => ['9137', String(i).padStart(13, '0'), 'X'].join('');
  for (let i = 0; i < options.subjects; i += 1) {
    const second = random.next() < 0.1 ? random.weighted(zipf) : null;
    const kind = random.next() < 0.8 ? '企业' : '个体工商户';
    const divisionCode = random.pick(divisions);
    const first = random.weighted(zipf);
    register.add({
      id: i + 1,
      uscc: usccOf(i),
      kind,
      divisionCode,
      industryCodes: second === null ? first : `${first},${second}`,
      status: '存续',
      creditClass: random.weighted(classes),
      keyTarget: false,
      whitelisted: false,
      riskLevel: null,
    });
  }
  const departmentNames: Record<number, string> = {};
  for (let d = 1; d <= options.departments; d += 1) departmentNames[d] = `部门${String(d).padStart(2, '0')}`;
  const items: RoundItem[] = Array.from({ length: options.items }, (_, j) => {
    const departmentId = (j % options.departments) + 1;
    const count = 1 + random.int(6);
    const scope = new Set<string>();
    while (scope.size < count) scope.add(random.pick(industries));
    return {
      id: j + 1,
      code: `SJ${String(j + 1).padStart(4, '0')}`,
      departmentId,
      scope: { industries: [...scope], tags: [], subjectKinds: [], divisions: [] },
      ratios: { A: 2, B: 5, C: 20, D: 50 },
      design: options.design ?? 'fixed',
      keyTargetsCertain: true,
      fields: [`${departmentNames[departmentId]}执法`],
      minInspectors: 2,
    };
  });
  const inspectors: RoundInspector[] = Array.from({ length: options.inspectors }, (_, n) => {
    const departmentId = (n % options.departments) + 1;
    return {
      id: n + 1,
      departmentId,
      active: random.next() > 0.03,
      certificateIssuedOn: '2024-01-01',
      certificateValidUntil: random.next() < 0.04 ? '2026-03-31' : '2029-12-31',
      fields: [`${departmentNames[departmentId]}执法`],
      qualifiedItemCodes: [],
      capacity: 200,
      conflicts: random.next() < 0.05 ? [usccOf(random.int(options.subjects))] : [],
      lastCycle: [],
    };
  });
  return {
    registers: {
      register: register.done(),
      items,
      sectionOfDivision: Object.fromEntries(industries.map((c) => [c.slice(0, 2), 'C'])),
      routineVisits: new Map(),
      inspectedItems: new Map(),
      exclusions: [],
    },
    inspectors,
    departmentNames,
  };
}
