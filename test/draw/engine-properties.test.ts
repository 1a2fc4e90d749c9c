import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleJson, parseBundle, sealDraw } from '../../src/draw/engine/bundle';
import { buildCommitment, type EntropyDeclaration, type EntropyReveal } from '../../src/draw/engine/commitment';
import { runDraw } from '../../src/draw/engine/draw';
import { PPM } from '../../src/draw/engine/inclusion';
import { kthSmallest, selectMembers, stratumTarget } from '../../src/draw/engine/selection';
import { exclusionReasons } from '../../src/draw/engine/frame';
import { ALGORITHM_VERSION, CURRENT_TREE_ARITY, treeArity } from '../../src/draw/engine/algorithm';
import { frameRoot, merkleProof, rootFromProof } from '../../src/draw/engine/merkle';
import { hexDigest } from '../../src/draw/engine/prn';
import { rfc3797KeyString, rfc3797Select } from '../../src/draw/engine/rfc3797';
import type { CreditClass, FrameItem, Frames, RoundInspector } from '../../src/draw/engine/types';
import { stableResult, verifyBundle } from '../../src/draw/engine/verify';
import { canonicalJson } from '../../src/shared/canonical-json';
import { framesOf, item, round, seedOf, subject } from './engine-fixtures';

const classArb = fc.constantFrom<CreditClass | null>('A', 'B', 'C', 'D', null);
const subjectArb = fc.record({
  cls: classArb,
  whitelisted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  keyTarget: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  visits: fc.constantFrom(0, 0, 0, 1, 2, 3),
  industry: fc.constantFrom('5211', '5212', '6110'),
  inspected: fc.constantFrom([], [], [], [1], [2, 3]),
  exempt: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  status: fc.constantFrom('存续', '存续', '存续', '注销'),
});
type SubjectRow = typeof subjectArb extends fc.Arbitrary<infer T> ? T : never;
const cityArb = fc.array(subjectArb, { minLength: 1, maxLength: 60, size: 'max' });

function cityFrom(rows: SubjectRow[]) {
  const subjects = rows.map((r, n) =>
    subject(n + 1, r.cls, {
      whitelisted: r.whitelisted,
      keyTarget: r.keyTarget,
      industryCodes: [r.industry],
      status: r.status,
    }),
  );
  const items = [
    item(1, { design: 'fixed', ratios: { A: 20, B: 40, C: 60, D: 90 } }),
    item(2, {
      scope: { industries: ['5212', '61'], tags: [], subjectKinds: [], divisions: [] },
      ratios: { A: 10, B: 30, C: 60, D: 90 },
    }),
    item(3, {
      departmentId: 3,
      keyTargetsCertain: false,
      design: 'fixed',
      minInspectors: 3,
      fields: ['食品'],
      ratios: { A: 30, B: 50, C: 70, D: 100 },
    }),
  ];
  const extra = {
    sectionOfDivision: { '52': 'F', '61': 'H' },
    routineVisits: new Map(rows.map((r, n) => [n + 1, r.visits])),
    inspectedItems: new Map(rows.map((r, n) => [n + 1, new Set(r.inspected)])),
    exclusions: rows.flatMap((r, n) =>
      r.exempt ? [{ subjectId: n + 1, itemId: 2, reason: '信用修复期内免予检查' }] : [],
    ),
  };
  return { subjects, items, extra, frames: framesOf(subjects, items, extra) };
}

const inspectorArb = fc.record({
  departmentId: fc.constantFrom(1, 2, 3),
  active: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  expired: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  food: fc.boolean(),
  capacity: fc.integer({ min: 0, max: 10 }),
  conflicts: fc.subarray([1, 2, 3, 4, 5, 6]),
  lastCycle: fc.subarray([2, 4, 6, 8]),
});
type InspectorRow = typeof inspectorArb extends fc.Arbitrary<infer T> ? T : never;
/** A city, its inspectors and a seed: what the staffing properties draw from. */
const staffingArbs = [cityArb, fc.array(inspectorArb, { minLength: 6, maxLength: 30 }), fc.nat(10_000)] as const;

function inspectorsFrom(rows: InspectorRow[], uscc: (n: number) => string): RoundInspector[] {
  return rows.map((r, n) => ({
    id: 100 + n,
    departmentId: r.departmentId,
    active: r.active,
    certificateIssuedOn: '2024-01-01',
    certificateValidUntil: r.expired ? '2026-05-01' : '2028-12-31',
    fields: r.food ? ['食品'] : ['特种设备'],
    qualifiedItemCodes: [],
    capacity: r.capacity,
    conflicts: r.conflicts.map(uscc),
    lastCycle: r.lastCycle.map(uscc),
  }));
}
const usccOf = (n: number) => subject(n, null).uscc;

/** The same frames with the subjects in descending order: each item's lists reversed, positions mirrored. */
function reversedFrames(frames: Frames): Frames {
  const last = frames.usccs.length - 1;
  return {
    ...frames,
    usccs: [...frames.usccs].reverse(),
    subjectIds: [...frames.subjectIds].reverse(),
    items: frames.items.map((fi) => ({
      ...fi,
      members: Int32Array.from(fi.members, (m) => last - m).reverse(),
      piPpm: fi.piPpm.slice().reverse(),
      stratum: fi.stratum.slice().reverse(),
    })),
  };
}

describe('draw engine: properties', () => {
  it('frames hold exactly the eligible subjects; every exclusion is listed with its reason; key targets are always drawn where certain', () => {
    fc.assert(
      fc.property(cityArb, fc.nat(10_000), (rows, s) => {
        const { subjects, frames } = cityFrom(rows);
        const result = runDraw({ round, seed: seedOf(s), frames, inspectors: [] });
        frames.items.forEach((fi, j) => {
          const members = new Set(Array.from(fi.members, (m) => frames.usccs[m]!));
          for (const m of result.selections[j]!.members) expect(members.has(frames.usccs[m]!)).toBe(true);
          subjects.forEach((sub, n) => {
            const row = rows[n]!;
            const inScope =
              sub.status === '存续' &&
              (fi.code === 'SJ002' ? ['5212', '6110'].includes(row.industry) : row.industry.startsWith('52'));
            const reason = !inScope
              ? null
              : row.whitelisted
                ? exclusionReasons.whitelisted
                : row.visits >= 2
                  ? exclusionReasons.visitCap
                  : row.inspected.includes(fi.id)
                    ? exclusionReasons.inspectedThisYear
                    : fi.id === 2 && row.exempt
                      ? '信用修复期内免予检查'
                      : null;
            expect(members.has(sub.uscc)).toBe(inScope && reason === null);
            if (reason)
              expect(
                frames.excluded.some(
                  (e) => e.uscc === sub.uscc && e.reason === reason && (e.itemCode === null || e.itemCode === fi.code),
                ),
              ).toBe(true);
            if (members.has(sub.uscc) && sub.keyTarget && fi.code !== 'SJ003') {
              const m = frames.usccs.indexOf(sub.uscc);
              expect(result.selections[j]!.members).toContain(m);
            }
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('frames do not depend on the order the registers come in (the loader sorts them by USCC; a caller may not)', () => {
    fc.assert(
      fc.property(cityArb, fc.nat(), (rows, turn) => {
        const { subjects, items, extra, frames } = cityFrom(rows);
        const at = turn % subjects.length;
        // Rotated, then each half reversed: out of order whenever there are at least two subjects.
        const reordered = [...subjects.slice(at).reverse(), ...subjects.slice(0, at).reverse()];
        expect(framesOf(reordered, items, extra)).toEqual(frames);
      }),
      { numRuns: 150 },
    );
  });

  it('every staffed task satisfies every inspector rule; unstaffed tasks have a reason and nobody assigned', () => {
    let staffedJoint = 0;
    fc.assert(
      fc.property(...staffingArbs, (rows, inspectorRows, s) => {
        const { frames } = cityFrom(rows);
        const inspectors = inspectorsFrom(inspectorRows, usccOf);
        const byId = new Map(inspectors.map((i) => [i.id, i]));
        const result = runDraw({ round, seed: seedOf(s), frames, inspectors });
        const load = new Map<number, number>();
        const unstaffed = new Set(result.unstaffed.map((u) => u.key));
        for (const u of result.unstaffed) expect(u.reason.length).toBeGreaterThan(5);
        for (const task of result.tasks) {
          if (unstaffed.has(task.key)) {
            expect(task.inspectorIds).toEqual([]);
            continue;
          }
          const items = frames.items.filter((fi) => task.itemCodes.includes(fi.code));
          expect(task.inspectorIds.length).toBeGreaterThanOrEqual(Math.max(2, ...items.map((i) => i.minInspectors)));
          expect(new Set(task.inspectorIds).size).toBe(task.inspectorIds.length);
          for (const d of task.departmentIds)
            expect(task.inspectorIds.some((id) => byId.get(id)!.departmentId === d)).toBe(true);
          for (const fi of items) {
            expect(
              task.inspectorIds.some(
                (id) =>
                  byId.get(id)!.departmentId === fi.departmentId &&
                  (fi.fields.length === 0 || byId.get(id)!.fields.some((f) => fi.fields.includes(f))),
              ),
            ).toBe(true);
          }
          for (const id of task.inspectorIds) {
            const ins = byId.get(id)!;
            expect(ins.active).toBe(true);
            expect(ins.certificateValidUntil >= round.window.to).toBe(true);
            expect(task.departmentIds).toContain(ins.departmentId);
            expect(
              items.some(
                (fi) =>
                  fi.departmentId === ins.departmentId &&
                  (fi.fields.length === 0 || ins.fields.some((f) => fi.fields.includes(f))),
              ),
            ).toBe(true);
            expect(ins.conflicts).not.toContain(task.uscc);
            expect(ins.lastCycle).not.toContain(task.uscc);
            load.set(id, (load.get(id) ?? 0) + 1);
          }
        }
        for (const [id, n] of load) expect(n).toBeLessThanOrEqual(byId.get(id)!.capacity);
        expect(result.measures.unstaffed).toBe(result.unstaffed.length);
        staffedJoint += result.tasks.filter((t) => t.inspectorIds.length > 0 && t.departmentIds.length > 1).length;
      }),
      { numRuns: 150 },
    );
    // The generator must reach the interesting case: joint tasks that could be staffed.
    expect(staffedJoint).toBeGreaterThan(50);
  });

  it('staffing depends on the tasks, not on where their subjects stand in the frames (keys not ascending included)', () => {
    fc.assert(
      fc.property(...staffingArbs, (rows, inspectorRows, s) => {
        const { frames } = cityFrom(rows);
        const reversed = reversedFrames(frames);
        const inspectors = inspectorsFrom(inspectorRows, usccOf);
        const ascending = runDraw({ round, seed: seedOf(s), frames, inspectors });
        const descending = runDraw({ round, seed: seedOf(s), frames: reversed, inspectors });
        expect(descending.tasks).toEqual(ascending.tasks);
        expect(descending.unstaffed).toEqual(ascending.unstaffed);
        expect(descending.measures.inspectorLoad).toEqual(ascending.measures.inspectorLoad);
      }),
      { numRuns: 100 },
    );
  });

  it('tasks whose only qualified inspectors are both in conflict and last cycle’s (negative difficulty) go first, whatever the order', () => {
    // Six D-class subjects under items 1 and 3; department 1's three inspectors are in conflict with subjects 2, 4
    // and 6 and inspected them last cycle, so those tasks count −3 eligible inspectors there, the others 3.
    const rows = Array.from({ length: 6 }, () => ({
      cls: 'D' as const,
      whitelisted: false,
      keyTarget: true,
      visits: 0,
      industry: '5211' as const,
      inspected: [] as number[],
      exempt: false,
      status: '存续' as const,
    }));
    const { frames } = cityFrom(rows);
    const inspector = (departmentId: number, food: boolean, blocked: number[]): InspectorRow => ({
      departmentId,
      active: true,
      expired: false,
      food,
      capacity: 10,
      conflicts: blocked,
      lastCycle: blocked,
    });
    const inspectors = inspectorsFrom(
      [...[0, 1, 2].map(() => inspector(1, false, [2, 4, 6])), ...[0, 1, 2].map(() => inspector(3, true, []))],
      usccOf,
    );
    const reversed = reversedFrames(frames);
    const ascending = runDraw({ round, seed: seedOf(7), frames, inspectors });
    const descending = runDraw({ round, seed: seedOf(7), frames: reversed, inspectors });
    expect(descending.tasks).toEqual(ascending.tasks);
    expect(descending.unstaffed).toEqual(ascending.unstaffed);
    const blockedUsccs = [2, 4, 6].map(usccOf);
    const blocked = ascending.tasks.filter((x) => blockedUsccs.includes(x.uscc) && x.departmentIds.includes(1));
    expect(blocked.length).toBeGreaterThan(0);
    for (const task of blocked) expect(ascending.unstaffed.map((u) => u.key)).toContain(task.key);
    expect(ascending.tasks.some((x) => !blockedUsccs.includes(x.uscc) && x.inspectorIds.length >= 2)).toBe(true);
  });

  it('the selection threshold (k-th smallest ranking key) equals the sorted order’s, ties and repeats included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }), fc.nat(), (raw, at) => {
        const values = Float64Array.from(raw, (x) => x / 7);
        const k = at % values.length;
        expect(kthSmallest(values.slice(), k)).toBe(values.slice().sort()[k]);
      }),
      { numRuns: 500 },
    );
  });

  it('fixed size: the selection is that of ranking every key by (u·PPM/π, position), also when numbers pile up at the top or tie', () => {
    // The specification's ranking, done the slow way: per stratum, every ranked member sorted by key then position.
    const reference = (frame: FrameItem, u: Float64Array): number[] => {
      const picked: number[] = [];
      for (let h = 0; h < 4; h += 1) {
        const at = [...frame.members.keys()].filter((k) => frame.stratum[k] === h);
        const piSum = at.reduce((sum, k) => sum + frame.piPpm[k]!, 0);
        const certain = at.filter((k) => frame.piPpm[k]! >= PPM);
        const ranked = at.filter((k) => frame.piPpm[k]! > 0 && frame.piPpm[k]! < PPM);
        const rest = Math.min(ranked.length, Math.max(0, stratumTarget(piSum, at.length) - certain.length));
        const key = (k: number) => (u[frame.members[k]!]! * PPM) / frame.piPpm[k]!;
        ranked.sort((a, b) => key(a) - key(b) || a - b);
        picked.push(...certain, ...ranked.slice(0, rest));
      }
      return picked.sort((a, b) => a - b).map((k) => frame.members[k]!);
    };
    const memberArb = fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      stratum: fc.integer({ min: 0, max: 3 }),
      pi: fc.constantFrom(0, 1, 50_000, 100_000, 100_000, 300_000, 999_999, PPM),
      u: fc.integer({ min: 0, max: 1_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 400, size: 'max' }),
        // Numbers uniform, coarse (ties), or all near 1 (so too few keys fall under the bound and the pass repeats).
        fc.constantFrom('uniform', 'coarse', 'high'),
        (rows, shape) => {
          let position = -1;
          const members = Int32Array.from(rows, (r) => (position += r.gap));
          const frame: FrameItem = {
            id: 1,
            code: 'SJ001',
            departmentId: 1,
            design: 'fixed',
            fields: [],
            minInspectors: 1,
            members,
            piPpm: Int32Array.from(rows, (r) => r.pi),
            stratum: Uint8Array.from(rows, (r) => r.stratum),
          };
          const u = new Float64Array(position + 1);
          rows.forEach((r, k) => {
            u[members[k]!] =
              shape === 'uniform' ? r.u / 1_001 : shape === 'coarse' ? Math.floor(r.u / 250) / 4 : 0.99 + r.u / 200_000;
          });
          expect(selectMembers(frame, u)).toEqual(reference(frame, u));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('same inputs and seed give byte-identical output', () => {
    fc.assert(
      fc.property(cityArb, fc.array(inspectorArb, { maxLength: 10 }), fc.nat(10_000), (rows, inspectorRows, s) => {
        const { frames } = cityFrom(rows);
        const input = { round, seed: seedOf(s), frames, inspectors: inspectorsFrom(inspectorRows, usccOf) };
        expect(canonicalJson(stableResult(runDraw(input)))).toBe(
          canonicalJson(stableResult(runDraw(structuredClone(input)))),
        );
      }),
      { numRuns: 60 },
    );
  });
});

const lottery: EntropyDeclaration = { kind: 'lottery', description: '2026-04-02 福彩双色球开奖号码', sources: 3 };
const keyString = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = (digest: string) => ({
  algorithm: 'ed25519' as const,
  publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  value: sign(null, Buffer.from(digest, 'utf8'), privateKey).toString('base64'),
});

const arity = CURRENT_TREE_ARITY;

function sealed(
  frames: Frames,
  inspectors: RoundInspector[],
  reveal: EntropyReveal = { kind: 'lottery', keyString },
  entropy: EntropyDeclaration = lottery,
  /** A commitment made under an earlier version of the procedure (its own tree). */
  algorithm?: string,
) {
  const current = buildCommitment(round, frames, inspectors, entropy, '2026-03-20T02:00:00.000Z');
  const commitment =
    algorithm === undefined
      ? current
      : { ...current, algorithm, frameRoot: frameRoot(round.hash, frames, treeArity(algorithm) ?? 2) };
  const bundle = sealDraw(
    {
      recordNo: 'CQ-2026-0001',
      redraw: null,
      commitment,
      reveal,
      frames,
      inspectors,
      departmentNames: { 1: '市市场监管局', 2: '市应急局' },
    },
    signer,
  );
  if ('problem' in bundle) throw new Error(bundle.problem);
  return bundle;
}

describe('draw records: commitment, seed, verification', () => {
  const rows = Array.from({ length: 40 }, (_, n) => ({
    cls: 'ABCD'[n % 4] as CreditClass,
    whitelisted: false,
    keyTarget: n === 5,
    visits: 0,
    industry: n % 3 ? '5211' : '5212',
    inspected: [],
    exempt: false,
    status: '存续',
  }));
  const { frames } = cityFrom(rows);
  const inspectors = inspectorsFrom(
    Array.from({ length: 12 }, (_, n) => ({
      departmentId: (n % 3) + 1,
      active: true,
      expired: false,
      food: n % 2 === 0,
      capacity: 40,
      conflicts: [],
      lastCycle: [],
    })),
    usccOf,
  );

  it('a sealed bundle verifies as identical, also after a round trip through its JSON file', () => {
    const bundle = sealed(frames, inspectors);
    expect(verifyBundle(bundle)).toEqual({ identical: true, seed: bundle.seed });
    const parsed = parseBundle(bundleJson(bundle));
    if (!('bundle' in parsed)) throw new Error(parsed.problem);
    expect(verifyBundle(parsed.bundle).identical).toBe(true);
    expect(parseBundle('{"format":"x"}')).toEqual({ problem: expect.stringContaining('不是抽取记录包') });
  });

  it('a round committed under lianjian-draw/2 (binary tree) is drawn and verified under /2; an unknown version is refused', () => {
    expect(ALGORITHM_VERSION).toBe('lianjian-draw/3');
    const current = sealed(frames, inspectors);
    const earlier = sealed(frames, inspectors, undefined, undefined, 'lianjian-draw/2');
    expect(current.commitment.frameRoot).toBe(frameRoot('sha256', frames, 16));
    expect(earlier.commitment.frameRoot).toBe(frameRoot('sha256', frames, 2));
    expect(earlier.commitment.frameRoot).not.toBe(current.commitment.frameRoot);
    // The draw itself is the same procedure; the record names the version its commitment was made under.
    expect(earlier.result.algorithm).toBe('lianjian-draw/2');
    expect(current.result.algorithm).toBe('lianjian-draw/3');
    // (the seeds differ, as the commitments do; from the same seed both versions give the same tasks)
    const again = runDraw({ round, seed: earlier.seed, frames, inspectors });
    expect(again.algorithm).toBe('lianjian-draw/3');
    expect(canonicalJson(again.tasks)).toBe(canonicalJson(earlier.result.tasks));
    expect(verifyBundle(earlier)).toEqual({ identical: true, seed: earlier.seed });
    // A /2 record whose root was made with the /3 tree does not verify: the version decides the tree.
    const mixed = { ...earlier, commitment: { ...earlier.commitment, frameRoot: current.commitment.frameRoot } };
    expect(verifyBundle(mixed)).toMatchObject({ identical: false, difference: expect.stringContaining('默克尔根') });
    const unknown = { ...current, commitment: { ...current.commitment, algorithm: 'lianjian-draw/9' } };
    expect(verifyBundle(unknown)).toEqual({
      identical: false,
      difference: expect.stringContaining('不支持算法版本 lianjian-draw/9'),
    });
    expect(() => sealed(frames, inspectors, undefined, undefined, 'lianjian-draw/9')).toThrow(
      '不支持算法版本 lianjian-draw/9',
    );
  });

  it('changing any frame leaf changes the Merkle root and makes verification fail', () => {
    const bundle = sealed(frames, inspectors);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 999_999 }), (j, k, delta) => {
        const copy = parseBundle(bundleJson(bundle));
        if (!('bundle' in copy)) throw new Error(copy.problem);
        const fi = copy.bundle.frames.items[j % copy.bundle.frames.items.length]!;
        const at = k % fi.piPpm.length;
        fi.piPpm[at] = (fi.piPpm[at]! + delta) % 1_000_001;
        expect(frameRoot('sha256', copy.bundle.frames, arity)).not.toBe(bundle.commitment.frameRoot);
        const outcome = verifyBundle(copy.bundle);
        expect(outcome.identical).toBe(false);
        if (!outcome.identical) expect(outcome.difference).toContain('默克尔根');
      }),
      { numRuns: 100 },
    );
  });

  it('tampering with the result, the seed, the signature or the inspectors is reported as the first difference', () => {
    const bundle = sealed(frames, inspectors);
    const copy = () => {
      const p = parseBundle(bundleJson(bundle));
      if (!('bundle' in p)) throw new Error(p.problem);
      return p.bundle;
    };
    const dropped = copy();
    dropped.result.selections[0]!.members.pop();
    expect(verifyBundle(dropped)).toEqual({
      identical: false,
      difference: expect.stringContaining(`事项 ${dropped.result.selections[0]!.code} 的抽中名单不同`),
    });
    const swapped = copy();
    const staffed = swapped.result.tasks.find((t) => t.inspectorIds.length > 0)!;
    staffed.inspectorIds = [...staffed.inspectorIds].reverse();
    expect(verifyBundle(swapped)).toEqual({ identical: false, difference: expect.stringContaining('检查任务不同') });
    const reseeded = copy();
    reseeded.reveal = { kind: 'lottery', keyString: '9319./2.5.8.10.13./9.18.26.34.41.45./' };
    expect(verifyBundle(reseeded)).toEqual({ identical: false, difference: expect.stringContaining('种子') });
    const resigned = copy();
    resigned.signature = { ...resigned.signature!, value: Buffer.alloc(64).toString('base64') };
    expect(verifyBundle(resigned)).toEqual({ identical: false, difference: '平台签名校验失败' });
    const reclassed = copy();
    reclassed.frames.items[0]!.stratum[0] = (reclassed.frames.items[0]!.stratum[0]! + 1) % 4;
    expect(verifyBundle(reclassed)).toEqual({ identical: false, difference: expect.stringContaining('分层') });
    const retired = copy();
    retired.inspectors[0] = { ...retired.inspectors[0]!, active: false };
    expect(verifyBundle(retired)).toEqual({
      identical: false,
      difference: expect.stringContaining('执法检查人员快照'),
    });
  });

  it('a local seed counts only when its hash was committed first', () => {
    const local = 'c0ffee'.repeat(10);
    const ok = sealed(
      frames,
      inspectors,
      { kind: 'local', seed: local },
      { kind: 'local', seedHash: hexDigest('sha256', local) },
    );
    expect(verifyBundle(ok).identical).toBe(true);
    const commitment = buildCommitment(
      round,
      frames,
      inspectors,
      { kind: 'local', seedHash: hexDigest('sha256', 'other') },
      '2026-03-20T02:00:00.000Z',
    );
    expect(
      sealDraw(
        {
          recordNo: 'x',
          redraw: null,
          commitment,
          reveal: { kind: 'local', seed: local },
          frames,
          inspectors,
          departmentNames: {},
        },
        null,
      ),
    ).toEqual({ problem: '本地随机种子与承诺时公布的摘要不符' });
    const twoSources = buildCommitment(
      round,
      frames,
      inspectors,
      { ...lottery, sources: 2 },
      '2026-03-20T02:00:00.000Z',
    );
    expect(
      sealDraw(
        {
          recordNo: 'x',
          redraw: null,
          commitment: twoSources,
          reveal: { kind: 'lottery', keyString },
          frames,
          inspectors,
          departmentNames: {},
        },
        null,
      ),
    ).toEqual({ problem: '承诺声明了 2 个随机源，密钥串含 3 个' });
  });

  it('a subject can check its own leaf against the published root with a Merkle proof', () => {
    for (const index of [0, 1, 17, frames.usccs.length - 1]) {
      const { leaf, proof } = merkleProof('sha256', frames, index, arity);
      expect(leaf.startsWith(frames.usccs[index]!)).toBe(true);
      expect(rootFromProof('sha256', leaf, proof)).toBe(frameRoot('sha256', frames, arity));
      expect(leaf).not.toMatch(/:\d+:\d/);
      expect(rootFromProof('sha256', leaf.replace(/:(\d+)/, ':1'), proof)).not.toBe(frameRoot('sha256', frames, arity));
    }
  });
});

describe('RFC 3797', () => {
  it('reproduces the RFC worked example: 25 names, 16 picks', () => {
    const key = rfc3797KeyString([[9319], [12, 10, 8, 5, 2], [45, 41, 34, 26, 18, 9]]);
    expect(key).toBe(keyString);
    expect(rfc3797Select(25, key, 16)).toEqual([17, 7, 2, 16, 25, 23, 8, 24, 19, 13, 22, 5, 18, 9, 1, 4]);
  });
});
