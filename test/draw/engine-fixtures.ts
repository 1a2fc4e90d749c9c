import { createHash } from 'node:crypto';
import { RegisterColumnsBuilder } from '../../src/draw/engine/register-columns';
import type { SealInput } from '../../src/draw/engine/bundle';
import { buildCommitment } from '../../src/draw/engine/commitment';
import { buildFrames } from '../../src/draw/engine/frame';
import type { SyntheticCity } from '../../src/draw/synthetic-city';
import type {
  CreditClass,
  FrameParams,
  FrameRegisters,
  Frames,
  RegisterColumns,
  RegisterSubject,
  RoundItem,
  RoundParams,
} from '../../src/draw/engine/types';

export const frameParams: FrameParams = {
  riskMultipliers: { 低: 0.5, 一般: 1, 较高: 1.5, 高: 2 },
  unclassifiedAs: 'B',
  routineVisitCap: 2,
};
export const round: RoundParams = {
  year: 2026,
  roundIndex: 1,
  roundsInYear: 1,
  window: { from: '2026-04-01', to: '2026-06-30' },
  hash: 'sha256',
};

export const seedOf = (n: number): string => createHash('sha256').update(`test-seed-${n}`).digest('hex');

export function subject(n: number, cls: CreditClass | null, overrides: Partial<RegisterSubject> = {}): RegisterSubject {
  return {
    id: n,
    uscc: `91371100${String(n).padStart(9, '0')}X`,
    kind: '企业',
    divisionCode: '371102',
    industryCodes: ['5211'],
    tags: [],
    status: '存续',
    creditClass: cls,
    keyTarget: false,
    whitelisted: false,
    riskLevel: null,
    ...overrides,
  };
}

export function item(id: number, overrides: Partial<RoundItem> = {}): RoundItem {
  return {
    id,
    code: `SJ${String(id).padStart(3, '0')}`,
    departmentId: id,
    scope: { industries: ['52'], tags: [], subjectKinds: [], divisions: [] },
    ratios: { A: 5, B: 10, C: 30, D: 60 },
    design: 'poisson',
    keyTargetsCertain: true,
    fields: [],
    minInspectors: 2,
    ...overrides,
  };
}

/** Columns of subjects written as objects, as the platform's loader would give them (register-columns.ts). */
export function registerColumns(subjects: readonly RegisterSubject[]): RegisterColumns {
  const builder = new RegisterColumnsBuilder(subjects.length);
  for (const s of subjects) {
    const i = builder.add({ ...s, industryCodes: s.industryCodes.join(',') });
    builder.tag(i, s.tags);
  }
  return builder.done();
}

export function registers(
  subjects: RegisterSubject[],
  items: RoundItem[],
  extra: Partial<FrameRegisters> = {},
): FrameRegisters {
  return {
    register: registerColumns(subjects),
    items,
    sectionOfDivision: { '52': 'F' },
    routineVisits: new Map(),
    inspectedItems: new Map(),
    exclusions: [],
    ...extra,
  };
}

/** 40 A, 80 B, 50 C, 30 D subjects in one industry. */
export function smallCity(): RegisterSubject[] {
  const classes: [CreditClass, number][] = [
    ['A', 40],
    ['B', 80],
    ['C', 50],
    ['D', 30],
  ];
  const out: RegisterSubject[] = [];
  for (const [cls, count] of classes) for (let k = 0; k < count; k += 1) out.push(subject(out.length + 1, cls));
  return out;
}

export function framesOf(subjects: RegisterSubject[], items: RoundItem[], extra: Partial<FrameRegisters> = {}): Frames {
  return buildFrames(registers(subjects, items, extra), frameParams);
}

/** z for a two-sided interval of the given coverage (normal approximation to the binomial). */
export function zFor(coverage: number): number {
  // Acklam's rational approximation of the normal quantile is overkill here; bisection on erf is enough.
  const target = (1 + coverage) / 2;
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 80; i += 1) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < target) lo = mid;
    else hi = mid;
  }
  return lo;
}

function normalCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26 for erf, accurate to 1.5e-7.
  const t = 1 / (1 + 0.3275911 * (x / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return 0.5 * (1 + y);
}

/**
 * The seal input of a generated city's frames, committed to a lottery of three number groups before the window
 * (one round a year, SHA-256), drawn with `keyString` as the revealed numbers.
 */
export function lotterySealInput(city: SyntheticCity, frames: Frames, keyString: string): SealInput {
  const commitment = buildCommitment(
    round,
    frames,
    city.inspectors,
    { kind: 'lottery', description: '测试', sources: 3 },
    '2026-03-20T00:00:00.000Z',
  );
  return {
    recordNo: 'CS-1',
    redraw: null,
    commitment,
    reveal: { kind: 'lottery', keyString },
    frames,
    inspectors: city.inspectors,
    departmentNames: city.departmentNames,
  };
}
