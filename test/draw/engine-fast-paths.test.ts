import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachLeaf, frameRoot, leafHash, merkleProof, rootFromProof } from '../../src/draw/engine/merkle';
import type { Frames } from '../../src/draw/engine/types';
import { syntheticCity } from '../../src/draw/synthetic-city';
import { subjectNumber } from '../../src/draw/engine/prn';
import { subjectNumbers } from '../../src/draw/engine/subject-numbers';
import { buildFrames } from '../../src/draw/engine/frame';
import { frameParams, item, registers, subject } from './engine-fixtures';

/**
 * The root as the specification states it: leaves hashed from forEachLeaf's text, each level cut into groups of
 * `arity` nodes hashed up, a last group of one node moving up.
 */
function rootFromTexts(frames: Frames, arity: number): string {
  let level: Buffer[] = [];
  forEachLeaf(frames, (text) => level.push(leafHash('sha256', text)));
  while (level.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < level.length; i += arity) {
      const group = level.slice(i, i + arity);
      up.push(
        group.length > 1
          ? createHash('sha256')
              .update(Buffer.concat([Buffer.from([1]), ...group]))
              .digest()
          : group[0]!,
      );
    }
    level = up;
  }
  return level[0]!.toString('hex');
}

describe('the frame root from leaf bytes written directly (merkle.ts leafDigests)', () => {
  it('equals the root over the specification’s leaf texts, and every proof leads to it, for trees of 2 and 16 children', () => {
    const city = syntheticCity({ subjects: 3000, departments: 6, items: 40, inspectors: 0 });
    const frames = buildFrames(city.registers, frameParams);
    expect(frames.usccs.length).toBeGreaterThan(1000);
    const roots = [2, 16].map((arity) => {
      const root = frameRoot('sha256', frames, arity);
      expect(root).toBe(rootFromTexts(frames, arity));
      for (const at of [0, 1, 15, 16, 777, frames.usccs.length - 1]) {
        const { leaf, proof } = merkleProof('sha256', frames, at, arity);
        expect(rootFromProof('sha256', leaf, proof)).toBe(root);
        // A proof names the other nodes of each group the leaf's path passes: at most arity − 1 per level.
        for (const step of proof) expect(step.left.length + step.right.length).toBeLessThanOrEqual(arity - 1);
      }
      return root;
    });
    expect(roots[0]).not.toBe(roots[1]);
    // About log16(n) levels instead of log2(n): a proof of five steps instead of twelve for about 3,000 subjects.
    expect(merkleProof('sha256', frames, 5, 16).proof.length).toBeLessThan(
      merkleProof('sha256', frames, 5, 2).proof.length,
    );
  });

  it('moves a last group of one node up unchanged and hashes a short last group, at every level', () => {
    const frames = (n: number): Frames => ({
      usccs: Array.from({ length: n }, (_, m) => `9137110000${String(m).padStart(7, '0')}X`),
      subjectIds: Array.from({ length: n }, (_, m) => m + 1),
      items: [],
      excluded: [],
    });
    for (const n of [1, 2, 15, 16, 17, 31, 32, 33, 255, 256, 257, 272, 273]) {
      expect(frameRoot('sha256', frames(n), 16), `${n}`).toBe(rootFromTexts(frames(n), 16));
      const { leaf, proof } = merkleProof('sha256', frames(n), n - 1, 16);
      expect(rootFromProof('sha256', leaf, proof), `${n}`).toBe(frameRoot('sha256', frames(n), 16));
    }
  });

  it('encodes a non-ASCII identifier and a subject in very many items like the text', () => {
    const items = Array.from({ length: 400 }, (_, j) => ({
      id: j + 1,
      code: `抽查事项-${String(j).padStart(4, '0')}`,
      departmentId: 1,
      design: 'fixed' as const,
      fields: [],
      minInspectors: 1,
      members: Int32Array.from([0, 1, 2]),
      piPpm: Int32Array.from([1_000_000, 123_456 + j, 7]),
      stratum: Uint8Array.from([0, 1, 2]),
    }));
    const frames: Frames = {
      usccs: ['91371100000000001X', '测试主体编码甲', '91371100000000003X'],
      subjectIds: [1, 2, 3],
      items,
      excluded: [],
    };
    expect(frameRoot('sha256', frames, 2)).toBe(rootFromTexts(frames, 2));
    expect(frameRoot('sha256', frames, 16)).toBe(rootFromTexts(frames, 16));
  });
});

describe('the permanent random numbers of a whole frame (subject-numbers.ts)', () => {
  it('equal the specification’s u from the hex digest, bit for bit, for SHA-256 and SM3 and rotated rounds', () => {
    const usccs = Array.from({ length: 5000 }, (_, i) => `91371100${String(i * 7919).padStart(9, '0')}X`);
    const seed = 'ab'.repeat(32);
    for (const hash of ['sha256', 'sm3'] as const)
      for (const [k, of] of [
        [1, 1],
        [2, 3],
        [4, 4],
      ] as const) {
        const all = subjectNumbers(hash, seed, usccs, k, of);
        const one = usccs.map((uscc) => subjectNumber(hash, seed, uscc, k, of));
        expect(Array.from(all)).toEqual(one);
        // Not a constant: the numbers spread over [0, 1).
        expect(Math.min(...one)).toBeLessThan(0.01);
        expect(Math.max(...one)).toBeGreaterThan(0.99);
      }
  });

  it('in two threads: the same numbers whatever the chunks, also when the worker is given up on at once', () => {
    const usccs = Array.from({ length: 3001 }, (_, i) =>
      i % 7 === 0 ? `测试${i}` : `91371100${String(i * 104729).padStart(9, '0')}X`,
    );
    const seed = 'cd'.repeat(32);
    for (const hash of ['sha256', 'sm3'] as const)
      for (const [chunkSize, stallMs, k, of] of [
        [1, 2000, 1, 1],
        [7, 2000, 2, 3],
        [64, 0, 1, 1],
        [4096, 0, 3, 3],
      ] as const) {
        const threaded = subjectNumbers(hash, seed, usccs, k, of, { minSubjects: 0, chunkSize, stallMs });
        expect(threaded.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Array.from(threaded)).toEqual(usccs.map((uscc) => subjectNumber(hash, seed, uscc, k, of)));
      }
    // One subject (the worker's half is the whole frame) and none.
    expect(Array.from(subjectNumbers('sha256', seed, ['91371100000000001X'], 1, 1, { minSubjects: 0 }))).toEqual([
      subjectNumber('sha256', seed, '91371100000000001X'),
    ]);
    expect(subjectNumbers('sha256', seed, [], 1, 1, { minSubjects: 0 })).toHaveLength(0);
  });
});

describe('frames built in shared columns (frame.ts buildFrames)', () => {
  it('many items scoped by kind rather than industry: every subject of the kind in every item, in USCC order', () => {
    // 100 subjects in reverse USCC order, every third an individual business; 40 items with no industry scope count
    // every subject as a candidate (4,000), past the first size of the members' buffer (16 a subject), which grows.
    const subjects = Array.from({ length: 100 }, (_, k) =>
      subject(100 - k, 'B', { kind: k % 3 === 0 ? '个体工商户' : '企业', industryCodes: [k % 2 ? '5211' : '6110'] }),
    );
    const items = Array.from({ length: 40 }, (_, j) =>
      item(j + 1, {
        design: 'fixed',
        scope: { industries: [], tags: [], subjectKinds: j % 2 ? ['企业'] : [], divisions: [] },
      }),
    );
    const frames = buildFrames(registers(subjects, items), frameParams);
    const sorted = [...subjects].sort((a, b) => (a.uscc < b.uscc ? -1 : 1));
    expect(frames.usccs).toEqual(sorted.map((s) => s.uscc));
    const companies = sorted.flatMap((s, position) => (s.kind === '企业' ? [position] : []));
    frames.items.forEach((frame) => {
      const scoped = items.find((i) => i.code === frame.code)!;
      const expected = scoped.scope.subjectKinds.length ? companies : sorted.map((_, position) => position);
      expect(Array.from(frame.members), frame.code).toEqual(expected);
      expect(frame.piPpm.every((pi) => pi === 100_000)).toBe(true);
    });
  });
});
