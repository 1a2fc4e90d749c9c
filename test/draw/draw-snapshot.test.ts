import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packRecord, packSnapshot, unpackBundle, unpackRecord, unpackSnapshot } from '../../src/draw/draw-snapshot';
import { bundleJson, sealDraw, typedArraysAsArrays } from '../../src/draw/engine/bundle';
import { buildCommitment } from '../../src/draw/engine/commitment';
import { frameRoot } from '../../src/draw/engine/merkle';
import type { RoundInspector } from '../../src/draw/engine/types';
import { verifyBundle } from '../../src/draw/engine/verify';
import { framesOf, item, round, smallCity, subject } from './engine-fixtures';

const subjects = [
  ...smallCity(),
  subject(900, 'B', { whitelisted: true }),
  subject(901, 'C', { industryCodes: ['5212', '5219'] }),
];
const frames = framesOf(subjects, [
  item(1),
  item(2, { design: 'fixed' }),
  item(3, { ratios: { A: 0, B: 0, C: 100, D: 100 } }),
]);
const inspectors: RoundInspector[] = [1, 2, 3].flatMap((d) =>
  [1, 2, 3].map((k) => ({
    id: d * 10 + k,
    departmentId: d,
    active: true,
    certificateIssuedOn: '2020-01-01',
    certificateValidUntil: '2030-12-31',
    fields: [],
    qualifiedItemCodes: [],
    capacity: 100,
    conflicts: k === 1 ? [subjects[0]!.uscc] : [],
    lastCycle: [],
  })),
);
const snapshot = {
  frames,
  inspectors,
  departmentNames: { 1: '市场监管局', 2: '应急管理局', 3: '生态环境局' },
  itemNames: { SJ001: '食品经营', SJ002: '特种设备', SJ003: '排污许可' },
};

describe('stored rounds and records', () => {
  it('a packed snapshot reads back exactly: every member, π and stratum, USCC, register id, exclusion and inspector', async () => {
    const back = unpackSnapshot(await packSnapshot(snapshot));
    expect(back.frames.usccs).toEqual(frames.usccs);
    expect(back.frames.subjectIds).toEqual(frames.subjectIds);
    expect(back.frames.excluded).toEqual(frames.excluded);
    expect(back.frames.excluded.length).toBeGreaterThan(0);
    expect(
      back.frames.items.map((i) => [
        i.code,
        i.design,
        Array.from(i.members),
        Array.from(i.piPpm),
        Array.from(i.stratum),
      ]),
    ).toEqual(
      frames.items.map((i) => [i.code, i.design, Array.from(i.members), Array.from(i.piPpm), Array.from(i.stratum)]),
    );
    expect(back.frames.items[0]!.members).toBeInstanceOf(Int32Array);
    expect(back.inspectors).toEqual(inspectors);
    expect(back.itemNames).toEqual(snapshot.itemNames);
    expect(frameRoot('sha256', back.frames, 16)).toBe(frameRoot('sha256', frames, 16));
  });

  it('an item with more than 256 distinct π values keeps them exactly (stored as int32)', async () => {
    const members = Int32Array.from({ length: 600 }, (_, k) => k * 1000 + (k % 7));
    const wide = {
      ...frames,
      usccs: Array.from({ length: 600_000 }, (_, k) => `X${k}`),
      subjectIds: Array.from({ length: 600_000 }, (_, k) => k + 1),
    };
    wide.items = [
      {
        ...frames.items[0]!,
        members,
        piPpm: Int32Array.from(members, (_, k) => 1000 + k * 997),
        stratum: Uint8Array.from(members, (_, k) => k % 4),
      },
    ];
    const back = unpackSnapshot(await packSnapshot({ ...snapshot, frames: wide })).frames.items[0]!;
    expect(Array.from(back.members)).toEqual(Array.from(members));
    expect(Array.from(back.piPpm)).toEqual(Array.from(wide.items[0]!.piPpm));
    expect(Array.from(back.stratum)).toEqual(Array.from(wide.items[0]!.stratum));
  });

  it('an empty frame packs and reads back', async () => {
    const empty = framesOf([], [item(1)]);
    const back = unpackSnapshot(await packSnapshot({ ...snapshot, frames: empty }));
    expect(back.frames.usccs).toEqual([]);
    expect(back.frames.items[0]!.members.length).toBe(0);
  });

  it('a record stores only what the round does not, and joined with its round it is the bundle that verifies', async () => {
    const commitment = buildCommitment(
      round,
      frames,
      inspectors,
      { kind: 'lottery', description: '2026 年第 1 期测试开奖', sources: 1 },
      '2026-03-20T00:00:00.000Z',
    );
    const sealed = sealDraw(
      {
        recordNo: 'T-1',
        redraw: null,
        commitment,
        reveal: { kind: 'lottery', keyString: '3.17.22./' },
        frames,
        inspectors,
        departmentNames: snapshot.departmentNames,
      },
      null,
    );
    if ('problem' in sealed) throw new Error(sealed.problem);
    const record = await packRecord(sealed, snapshot.itemNames);
    const stored = unpackRecord(record) as Record<string, unknown>;
    expect(stored['frames']).toBeUndefined();
    expect(stored['inspectors']).toBeUndefined();
    expect(stored['itemNames']).toEqual(snapshot.itemNames);
    const bundle = unpackBundle(record, await packSnapshot(snapshot));
    expect(bundleJson(bundle)).toBe(bundleJson(sealed));
    expect(verifyBundle(bundle)).toMatchObject({ identical: true });
    // Earlier storage: gzip JSON of the snapshot, and the whole bundle in the record.
    const legacySnapshot = gzipSync(JSON.stringify(snapshot, typedArraysAsArrays));
    expect(frameRoot('sha256', unpackSnapshot(legacySnapshot).frames, 16)).toBe(commitment.frameRoot);
    expect(verifyBundle(unpackBundle(gzipSync(bundleJson(sealed)), legacySnapshot))).toMatchObject({ identical: true });
  });
});
