import {
  computations,
  type Dimension,
  type DimensionScore,
  dimensions,
  type IndicatorDefinition,
  type IndicatorSet,
} from './performance-catalog';

/** At most this many records of evidence are kept per indicator and department (the count is kept in full). */
export const EVIDENCE_KEPT = 200;

/** One unit a computation counted: `good` of `total` done right (1 of 1 for most; records for a batch), and its label. */
export interface Fact {
  departmentId: number;
  good: number;
  total: number;
  ref: string;
}

export interface Tally {
  numerator: number;
  denominator: number;
  /** The units that cost points. */
  evidence: string[];
  evidenceTotal: number;
}

/** Sums a computation's facts per department; units not fully good become evidence. */
export function tally(facts: readonly Fact[]): Map<number, Tally> {
  const out = new Map<number, Tally>();
  for (const f of facts) {
    const t = out.get(f.departmentId) ?? { numerator: 0, denominator: 0, evidence: [], evidenceTotal: 0 };
    t.numerator += f.good;
    t.denominator += f.total;
    if (f.good < f.total) {
      t.evidenceTotal += 1;
      if (t.evidence.length < EVIDENCE_KEPT) t.evidence.push(f.ref);
    }
    out.set(f.departmentId, t);
  }
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface IndicatorScore {
  applicable: boolean;
  score: number;
}

/** One indicator's score from its counted value, by its rule (and its rule for an empty count). */
export function scoreIndicator(def: IndicatorDefinition, numerator: number, denominator: number): IndicatorScore {
  if (denominator <= 0) {
    if (def.whenEmpty === '不计') return { applicable: false, score: 0 };
    return { applicable: true, score: def.whenEmpty === '满分' ? def.points : 0 };
  }
  const rule = def.rule;
  if (rule.kind === 'deduct') {
    return { applicable: true, score: round2(Math.max(0, def.points - rule.perCase * (denominator - numerator))) };
  }
  const rate = numerator / denominator;
  const share = rate >= rule.fullAt ? 1 : rate <= rule.zeroAt ? 0 : (rate - rule.zeroAt) / (rule.fullAt - rule.zeroAt);
  return { applicable: true, score: round2(def.points * share) };
}

export interface ScoredIndicator extends IndicatorScore, Tally {
  code: IndicatorDefinition['code'];
  name: string;
  dimension: Dimension;
  points: number;
}

/** A department's indicators scored, its dimensions and its total out of 100 (the applicable points rescaled to 100). */
export function scoreDepartment(
  set: IndicatorSet,
  tallies: ReadonlyMap<string, Tally | undefined>,
): { indicators: ScoredIndicator[]; dimensions: DimensionScore[]; total: number } {
  const empty: Tally = { numerator: 0, denominator: 0, evidence: [], evidenceTotal: 0 };
  const indicators = set.indicators.map((def) => {
    const t = tallies.get(def.code) ?? empty;
    const spec = computations[def.code];
    return {
      code: def.code,
      name: spec.name,
      dimension: spec.dimension,
      points: def.points,
      ...t,
      ...scoreIndicator(def, t.numerator, t.denominator),
    };
  });
  const dims = dimensions
    .map((dimension) => {
      const own = indicators.filter((i) => i.dimension === dimension && i.applicable);
      return {
        dimension,
        score: round2(own.reduce((s, i) => s + i.score, 0)),
        max: round2(own.reduce((s, i) => s + i.points, 0)),
      };
    })
    .filter((d) => set.indicators.some((i) => computations[i.code].dimension === d.dimension));
  const max = dims.reduce((s, d) => s + d.max, 0);
  const score = dims.reduce((s, d) => s + d.score, 0);
  return { indicators, dimensions: dims, total: max > 0 ? round2((score / max) * 100) : 100 };
}

/** Competition ranks (1, 1, 3 …) by total, highest first. */
export function ranks(totals: readonly number[]): number[] {
  return totals.map((t) => 1 + totals.filter((o) => o > t).length);
}
