import type { CreditRecordKind, CreditSeverity } from '../credit-records/credit-record.table';
import type { CreditClass } from '../subjects/subject.table';
import type { CreditDecay, CreditModelDefinition } from './credit-model';

/** What scoring needs of a credit record that counts at the run's date. */
export interface ScoredRecord {
  id: number;
  kind: CreditRecordKind;
  severity: CreditSeverity;
  /** YYYY-MM-DD */
  occurredOn: string;
}

export interface Contribution {
  indicator: string;
  name: string;
  points: number;
  recordIds: number[];
}

export interface CreditScore {
  score: number;
  creditClass: CreditClass;
  /** The name of the one-vote veto that decided the class, or null. */
  veto: string | null;
  /** One entry per indicator that counted a record (null: no records, the base score). */
  contributions: Contribution[] | null;
}

/** A month is 30 days: simple to compute by hand and the same on every machine. */
export const DAYS_PER_MONTH = 30;
const DAY_MS = 86_400_000;

export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `from` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** How much of its points a record still carries `ageDays` after it happened (1 on the day, never below 0). */
export function decayFactor(decay: CreditDecay, ageDays: number): number {
  const age = Math.max(0, ageDays);
  const span = decay.months * DAYS_PER_MONTH;
  if (decay.kind === '不衰减') return 1;
  if (decay.kind === '线性') return Math.max(0, 1 - age / span);
  return Math.pow(0.5, age / span);
}

export function classOf(model: CreditModelDefinition, score: number): CreditClass {
  if (score >= model.cutoffs.A) return 'A';
  if (score >= model.cutoffs.B) return 'B';
  if (score >= model.cutoffs.C) return 'C';
  return 'D';
}

const severityRank: Record<CreditClass, number> = { A: 0, B: 1, C: 2, D: 3 };

/** Ranks classes from low risk (A) to high risk (D): positive when `to` is a worse class than `from`. */
export const classChange = (from: CreditClass, to: CreditClass): number => severityRank[to] - severityRank[from];

/**
 * A subject's score and class at `asOf` from the records that count then: each indicator sums its records' points
 * after decay, limited to its cap, times its weight (rounded to 0.01); the score is the base plus the indicators,
 * kept between 0 and the maximum. A one-vote veto (the worst class of those that apply) overrides the cut-offs.
 */
export function scoreSubject(
  records: readonly ScoredRecord[],
  model: CreditModelDefinition,
  asOf: string,
): CreditScore {
  const counted = records.filter((r) => r.occurredOn <= asOf);
  if (counted.length === 0)
    return { score: model.baseScore, creditClass: classOf(model, model.baseScore), veto: null, contributions: null };
  const contributions: Contribution[] = [];
  for (const indicator of model.indicators) {
    const mine = counted
      .filter((r) => indicator.kinds.includes(r.kind))
      .filter((r) => indicator.severities.length === 0 || indicator.severities.includes(r.severity))
      .sort((a, b) => a.id - b.id);
    if (mine.length === 0) continue;
    const raw = mine.reduce(
      (sum, r) => sum + indicator.points * decayFactor(model.decay, daysBetween(r.occurredOn, asOf)),
      0,
    );
    const capped = Math.sign(raw) * Math.min(Math.abs(raw), indicator.cap);
    contributions.push({
      indicator: indicator.key,
      name: indicator.name,
      points: round2(capped * indicator.weight) || 0,
      recordIds: mine.map((r) => r.id),
    });
  }
  const total = contributions.reduce((sum, c) => sum + c.points, model.baseScore);
  const score = round2(Math.min(model.maxScore, Math.max(0, total)));
  const veto = vetoOf(counted, model, asOf);
  const creditClass =
    veto && classChange(classOf(model, score), veto.creditClass) > 0 ? veto.creditClass : classOf(model, score);
  return { score, creditClass, veto: veto && veto.creditClass === creditClass ? veto.name : null, contributions };
}

function vetoOf(records: readonly ScoredRecord[], model: CreditModelDefinition, asOf: string) {
  const applying = model.vetoes.filter((v) =>
    records.some(
      (r) =>
        v.kinds.includes(r.kind) &&
        (v.withinMonths === null || daysBetween(r.occurredOn, asOf) <= v.withinMonths * DAYS_PER_MONTH),
    ),
  );
  return applying.reduce<(typeof applying)[number] | null>(
    (worst, v) => (worst === null || classChange(worst.creditClass, v.creditClass) > 0 ? v : worst),
    null,
  );
}
