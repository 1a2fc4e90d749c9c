import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typedArraysAsArrays } from '../../src/draw/engine/bundle';
import { jsonPieces } from '../../src/shared/json-pieces';

const toJson = (value: unknown) => typedArraysAsArrays('', value);
/** Whether the value holds an array long enough to be walked in slices. */
const hasBig = (v: unknown): boolean =>
  Array.isArray(v)
    ? v.length >= 512 || v.some(hasBig)
    : v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && Object.values(v).some(hasBig);
const whole = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => toJson(v));

describe('JSON in pieces (src/shared/json-pieces.ts)', () => {
  it('parses to what JSON.stringify gives, for large arrays, nested objects, typed arrays and unwritable members', () => {
    const leaf = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
      fc.constantFrom('检查任务“一”\n\t\\', null, true, undefined),
      fc.constant(() => 1),
      fc.int32Array({ maxLength: 5 }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('array'), tie('object'), tie('big')),
      array: fc.array(tie('node'), { maxLength: 6 }),
      object: fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 6 }),
      // Past the piece size, so the walk splits it (and its neighbours stay whole); its elements are small.
      big: fc.array(
        fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), leaf)),
        {
          minLength: 512,
          maxLength: 1300,
        },
      ),
    })).node;
    let walked = 0;
    fc.assert(
      fc.property(value, (v) => {
        const pieces = [...jsonPieces(v, toJson)];
        if (hasBig(v)) walked += 1;
        const expected = whole(v);
        if (expected === undefined) expect(pieces.join('')).toBe('null');
        else expect(JSON.parse(pieces.join(''))).toEqual(JSON.parse(expected));
      }),
      { numRuns: 200 },
    );
    expect(walked).toBeGreaterThan(20);
  });

  it('a draw record’s shape comes out in pieces of about 256 K characters, never as one string', () => {
    const tasks = Array.from({ length: 20_000 }, (_, i) => ({
      key: `2026-1-9137${i}X`,
      itemCodes: ['SJ0001', 'SJ0002'],
      inspectorIds: [i, i + 1],
      note: undefined,
    }));
    const record = {
      format: 'x',
      result: { selections: [{ code: 'SJ0001', members: tasks.map((_, i) => i) }], tasks },
    };
    const pieces = [...jsonPieces(record, toJson)];
    expect(JSON.parse(pieces.join(''))).toEqual(JSON.parse(whole(record)));
    expect(pieces.length).toBeGreaterThan(4);
    // At most a piece's worth plus the slice (512 tasks) that crossed it.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan((1 << 18) + whole(tasks.slice(0, 512)).length);
  });
});
