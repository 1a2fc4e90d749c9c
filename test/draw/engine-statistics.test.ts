import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/draw/engine/draw';
import { subjectNumbers } from '../../src/draw/engine/subject-numbers';
import type { Frames } from '../../src/draw/engine/types';
import { framesOf, item, round, seedOf, smallCity, zFor } from './engine-fixtures';

const SEEDS = 1000;
const draw = (frames: Frames, seed: string) => runDraw({ round, seed, frames, inspectors: [] });

describe('draw engine: inclusion frequencies over 1,000 seeds', () => {
  const subjects = smallCity();

  it('Poisson design: every stratum of every item is drawn at its π (99.9 % binomial interval), and distinct visits average Σ max π', () => {
    const items = [
      item(1),
      item(2, { ratios: { A: 2, B: 20, C: 40, D: 80 } }),
      item(3, { ratios: { A: 0, B: 5, C: 5, D: 100 } }),
    ];
    const frames = framesOf(subjects, items);
    const z = zFor(0.999);
    const hits = frames.items.map(() => [0, 0, 0, 0]);
    let visits = 0;
    for (let s = 0; s < SEEDS; s += 1) {
      const result = draw(frames, seedOf(s));
      result.selections.forEach((sel, j) => {
        const stratumOf = new Map(Array.from(frames.items[j]!.members, (m, k) => [m, frames.items[j]!.stratum[k]!]));
        for (const m of sel.members) hits[j]![stratumOf.get(m)!] += 1;
      });
      visits += result.measures.distinctVisits;
    }
    let checked = 0;
    frames.items.forEach((frameItem, j) => {
      for (let h = 0; h < 4; h += 1) {
        const ks = Array.from(frameItem.stratum.keys()).filter((k) => frameItem.stratum[k] === h);
        const pi = frameItem.piPpm[ks[0]!]! / 1e6;
        const trials = ks.length * SEEDS;
        const expected = trials * pi;
        const sd = Math.sqrt(trials * pi * (1 - pi));
        expect(
          Math.abs(hits[j]![h]! - expected),
          `${frameItem.code} stratum ${h}: ${hits[j]![h]} vs ${expected}`,
        ).toBeLessThanOrEqual(z * sd + 1e-9);
        checked += 1;
      }
    });
    expect(checked).toBe(12);

    // With one number per subject, subject i is visited iff u_i < max_j π_ij: Bernoulli(max π), independent across subjects.
    const maxPi = Array.from({ length: frames.usccs.length }, () => 0);
    for (const fi of frames.items) fi.members.forEach((m, k) => (maxPi[m] = Math.max(maxPi[m]!, fi.piPpm[k]! / 1e6)));
    const bound = maxPi.reduce((a, b) => a + b, 0);
    const variance = maxPi.reduce((a, p) => a + p * (1 - p), 0);
    const mean = visits / SEEDS;
    expect(Math.abs(mean - bound)).toBeLessThanOrEqual(z * Math.sqrt(variance / SEEDS));
    expect(draw(frames, seedOf(0)).measures.lowerBound).toBeCloseTo(bound, 1);
  });

  it('fixed size per stratum: always exactly n_h = round(ratio × |F_h|), and each subject is drawn at n_h / |F_h|', () => {
    const items = [item(1, { design: 'fixed' }), item(2, { design: 'fixed', ratios: { A: 3, B: 25, C: 33, D: 50 } })];
    const frames = framesOf(subjects, items);
    const sizes = [40, 80, 50, 30];
    const targets = items.map((it) =>
      ['A', 'B', 'C', 'D'].map((c, h) => Math.round((it.ratios[c as 'A'] / 100) * sizes[h]!)),
    );
    const perSubject = frames.items.map((fi) => new Array<number>(fi.members.length).fill(0));
    for (let s = 0; s < SEEDS; s += 1) {
      const result = draw(frames, seedOf(s));
      result.measures.items.forEach((m, j) => {
        for (const st of m.strata) expect(st.selected).toBe(targets[j]!['ABCD'.indexOf(st.stratum)]);
      });
      result.selections.forEach((sel, j) => {
        const at = new Map(Array.from(frames.items[j]!.members, (m, k) => [m, k]));
        for (const m of sel.members) perSubject[j]![at.get(m)!] += 1;
      });
    }
    // Every subject's frequency within a Bonferroni-corrected 99.9 % interval around n_h / |F_h|.
    const z = zFor(1 - 0.001 / subjects.length);
    frames.items.forEach((fi, j) => {
      perSubject[j]!.forEach((count, k) => {
        const p = targets[j]![fi.stratum[k]!]! / sizes[fi.stratum[k]!]!;
        expect(Math.abs(count - SEEDS * p)).toBeLessThanOrEqual(z * Math.sqrt(SEEDS * p * (1 - p)) + 1e-9);
      });
    });
  });

  it('coordination: the same numbers serve every item, so joint samples overlap and visits stay near the bound', () => {
    const items = [item(1, { design: 'fixed' }), item(2, { design: 'fixed' }), item(3, { design: 'fixed' })];
    const result = draw(framesOf(subjects, items), seedOf(7));
    const [a, b] = result.selections;
    // Identical ratios and frames: the samples coincide entirely.
    expect(b!.members).toEqual(a!.members);
    expect(result.measures.distinctVisits).toBe(a!.members.length);
    expect(result.measures.independentExpected).toBeGreaterThan(result.measures.lowerBound * 2);
  });

  it('rotation: round 2 of 2 shifts every number by ½, so with π ≤ ½ the two rounds never pick the same subject', () => {
    const frames = framesOf(subjects, [item(1, { ratios: { A: 10, B: 20, C: 40, D: 50 } })]);
    const seed = seedOf(3);
    const first = runDraw({ round, seed, frames, inspectors: [] }).selections[0]!.members;
    const second = runDraw({ round: { ...round, roundIndex: 2, roundsInYear: 2 }, seed, frames, inspectors: [] })
      .selections[0]!.members;
    expect(first.length).toBeGreaterThan(10);
    expect(second.length).toBeGreaterThan(10);
    expect(first.filter((m) => second.includes(m))).toEqual([]);
    const u1 = subjectNumbers('sha256', seed, frames.usccs, 1, 2);
    const u2 = subjectNumbers('sha256', seed, frames.usccs, 2, 2);
    expect((u2[0]! - u1[0]! + 1) % 1).toBeCloseTo(0.5, 12);
  });
});

describe('inspector assignment: who is sent, over 1,000 seeds', () => {
  it('each eligible inspector is picked equally often (99.9 % binomial interval, Bonferroni over inspectors); conflicted and inactive ones never', () => {
    const subjects = smallCity().slice(0, 1);
    const frames = framesOf(subjects, [item(1, { ratios: { A: 100, B: 100, C: 100, D: 100 }, design: 'fixed' })]);
    const uscc = frames.usccs[0]!;
    const inspectors = Array.from({ length: 12 }, (_, k) => ({
      id: 100 + k,
      departmentId: 1,
      active: k !== 11,
      certificateIssuedOn: '2020-01-01',
      certificateValidUntil: '2030-12-31',
      fields: [],
      qualifiedItemCodes: [],
      capacity: 1_000_000,
      conflicts: k === 10 ? [uscc] : [],
      lastCycle: [],
    }));
    const picks = new Map<number, number>();
    for (let s = 0; s < SEEDS; s += 1) {
      const { tasks } = runDraw({ round, seed: seedOf(s), frames, inspectors });
      expect(tasks[0]!.inspectorIds).toHaveLength(2);
      for (const id of tasks[0]!.inspectorIds) picks.set(id, (picks.get(id) ?? 0) + 1);
    }
    expect(picks.has(110)).toBe(false);
    expect(picks.has(111)).toBe(false);
    const eligible = 10;
    const p = 2 / eligible;
    const z = zFor(1 - 0.001 / eligible);
    for (let k = 0; k < eligible; k += 1) {
      const n = picks.get(100 + k) ?? 0;
      expect(Math.abs(n - SEEDS * p), `inspector ${100 + k}: ${n}`).toBeLessThanOrEqual(
        z * Math.sqrt(SEEDS * p * (1 - p)),
      );
    }
  });
});
