import { describe, expect, it } from 'vitest';
import { frameRoot } from '../../src/draw/engine/merkle';
import { frameRootInThreads } from '../../src/draw/engine/merkle-threads';
import type { Frames } from '../../src/draw/engine/types';
import { buildFrames } from '../../src/draw/engine/frame';
import { syntheticCity } from '../../src/draw/synthetic-city';
import { frameParams } from './engine-fixtures';

/** A frame of n subjects, subject m in item j when (m + j) % (j + 2) === 0, with a non-ASCII code among the USCCs. */
function frameOf(n: number): Frames {
  const usccs = Array.from({ length: n }, (_, m) =>
    m === 3 ? '测试主体编码甲' : `9137110000${String(m).padStart(7, '0')}X`,
  );
  const items = Array.from({ length: 7 }, (_, j) => {
    const members = usccs.map((_, m) => m).filter((m) => (m + j) % (j + 2) === 0);
    return {
      id: j + 1,
      code: `事项-${j}`,
      departmentId: 1,
      design: 'fixed' as const,
      fields: [],
      minInspectors: 1,
      members: Int32Array.from(members),
      piPpm: Int32Array.from(members, (m) => (m % 3 === 0 ? 1_000_000 : 100_000 + (m % 5))),
      stratum: new Uint8Array(members.length),
    };
  });
  return { usccs, subjectIds: usccs.map((_, m) => m + 1), items, excluded: [] };
}

describe('the frame root in worker threads (merkle-threads.ts)', () => {
  it('is the root of merkle.ts for every way of cutting the leaves into chunks, with SHA-256 and SM3, in trees of 2 and 16 children', async () => {
    const cuts = {
      2: [
        [2, 1],
        [2, 2],
        [3, 4],
        [2, 512],
        [4, 1024],
      ],
      16: [
        [2, 1],
        [2, 16],
        [3, 256],
        [4, 4096],
      ],
    } as const;
    for (const arity of [2, 16] as const)
      for (const n of [1, 2, 3, 5, 17, 257, 1023, 1024, 1025, 3000, 4097, 5000])
        for (const [threads, chunkSize] of cuts[arity]) {
          const frames = frameOf(n);
          for (const hash of ['sha256', 'sm3'] as const)
            expect(
              await frameRootInThreads(hash, frames, arity, { threads, chunkSize, minSubjects: 0 }),
              `${arity} ${n} ${threads} ${chunkSize} ${hash}`,
            ).toBe(frameRoot(hash, frames, arity));
        }
  }, 180_000);

  it('is the root of merkle.ts on a synthetic city with the default chunks', async () => {
    const city = syntheticCity({ subjects: 20_000, departments: 6, items: 40, inspectors: 0 });
    const frames = buildFrames(city.registers, frameParams);
    for (const arity of [2, 16]) {
      const root = frameRoot('sha256', frames, arity);
      expect(await frameRootInThreads('sha256', frames, arity, { threads: 2, minSubjects: 0 })).toBe(root);
      expect(await frameRootInThreads('sha256', frames, arity, { threads: 3, minSubjects: 0 })).toBe(root);
    }
    // A different frame has a different root: the threads hash what they are given.
    const root = frameRoot('sha256', frames, 16);
    frames.items[0]!.piPpm[0] = frames.items[0]!.piPpm[0]! + 1;
    expect(await frameRootInThreads('sha256', frames, 16, { threads: 2, minSubjects: 0 })).not.toBe(root);
  }, 60_000);

  it('refuses a chunk size that is not a power of the arity', async () => {
    await expect(
      frameRootInThreads('sha256', frameOf(10), 2, { threads: 2, chunkSize: 3, minSubjects: 0 }),
    ).rejects.toThrow('power of 2');
    await expect(
      frameRootInThreads('sha256', frameOf(10), 16, { threads: 2, chunkSize: 32, minSubjects: 0 }),
    ).rejects.toThrow('power of 16');
  });
});
