import { sql, type Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFrames } from '../../src/draw/engine/frame';
import { PPM } from '../../src/draw/engine/inclusion';
import { subjectNumbers } from '../../src/draw/engine/subject-numbers';
import { selectMembers } from '../../src/draw/engine/selection';
import type { Design, Frames } from '../../src/draw/engine/types';
import { createFrameTables, dropFrameTables, frameTable, loadFrameRows } from '../../src/draw/sql-frame.repository';
import { selectInSql, subjectNumbersSql, type SqlDrawRound } from '../../src/draw/sql-selection';
import { syntheticCity } from '../../src/draw/synthetic-city';
import { creditCodes, riskCodes } from '../../src/draw/engine/register-columns';
import { testPlatform } from '../support/test-platform';
import { frameParams, seedOf } from './engine-fixtures';

/** A synthetic city of 3,000 subjects with key targets (π = 1) and risk levels (unequal π within a stratum). */
function cityFrames(designOf: (itemIndex: number) => Design): { frames: Frames; divisionOf: (p: number) => string } {
  const city = syntheticCity({ subjects: 3000, departments: 4, items: 16, inspectors: 8, seed: 7 });
  const { register, items } = city.registers;
  for (let i = 0; i < register.count; i += 1) {
    register.keyTarget[i] = i % 41 === 0 ? 1 : 0;
    register.risk[i] = riskCodes.indexOf(i % 7 === 0 ? '高' : i % 11 === 0 ? '低' : i % 13 === 0 ? '较高' : null);
    if (i % 17 === 0) register.credit[i] = creditCodes.indexOf(null);
  }
  items.forEach((item, j) => (item.design = designOf(j)));
  const frames = buildFrames(city.registers, frameParams);
  return { frames, divisionOf: (p) => register.divisions[register.division[frames.subjectIds[p]! - 1]!]! };
}

const engineSelection = (frames: Frames, u: Float64Array) =>
  frames.items.map((item) => ({ code: item.code, usccs: selectMembers(item, u).map((m) => frames.usccs[m]!) }));

const bits = (numbers: Float64Array) => Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength);

/** Runs `body` on one connection (the tables are temporary) with the frames loaded, and drops them afterwards. */
async function withFrames<T>(
  db: Kysely<unknown>,
  frames: Frames,
  divisionOf: (p: number) => string,
  body: (conn: Kysely<unknown>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await createFrameTables(conn, { kind: 'temporary' });
    try {
      await loadFrameRows(conn, frames, divisionOf, 2000);
      return await body(conn);
    } finally {
      await dropFrameTables(conn);
    }
  });
}

describe('the selection in SQL gives the engine’s selection', () => {
  let db: Kysely<unknown>;
  beforeAll(async () => {
    db = (await testPlatform()).deps.db as unknown as Kysely<unknown>;
  });

  const commitments: { name: string; seed: string; roundIndex: number; roundsInYear: number; design: Design[] }[] = [
    { name: 'fixed size, round 1 of 1', seed: seedOf(101), roundIndex: 1, roundsInYear: 1, design: ['fixed'] },
    { name: 'Poisson, round 2 of 3', seed: seedOf(202), roundIndex: 2, roundsInYear: 3, design: ['poisson'] },
    {
      name: 'both designs, round 4 of 4',
      seed: seedOf(303),
      roundIndex: 4,
      roundsInYear: 4,
      design: ['fixed', 'poisson'],
    },
  ];

  for (const c of commitments) {
    it(`${c.name}: u bit-identical, every item member for member`, async () => {
      const { frames, divisionOf } = cityFrames((j) => c.design[j % c.design.length]!);
      const round: SqlDrawRound = {
        hash: 'sha256',
        seed: c.seed,
        roundIndex: c.roundIndex,
        roundsInYear: c.roundsInYear,
      };
      const u = subjectNumbers('sha256', c.seed, frames.usccs, c.roundIndex, c.roundsInYear);
      const expected = engineSelection(frames, u);
      const { numbers, selection } = await withFrames(db, frames, divisionOf, async (conn) => ({
        numbers: await subjectNumbersSql(conn, round),
        selection: await selectInSql(conn, round),
      }));

      expect(numbers.usccs).toEqual(frames.usccs);
      expect(bits(numbers.numbers).equals(bits(u))).toBe(true);
      expect(selection).toEqual(expected);
      // The comparison is not vacuous: many members drawn, certain members among them, every design present.
      expect(expected.reduce((n, s) => n + s.usccs.length, 0)).toBeGreaterThan(100);
      const certain = frames.items.flatMap((item) =>
        Array.from(item.members)
          .filter((_, k) => item.piPpm[k]! >= PPM)
          .map((m) => `${item.code}|${frames.usccs[m]}`),
      );
      expect(certain.length).toBeGreaterThan(0);
      const drawn = new Set(expected.flatMap((s) => s.usccs.map((x) => `${s.code}|${x}`)));
      expect(certain.every((key) => drawn.has(key))).toBe(true);
      expect(new Set(frames.items.map((i) => i.design))).toEqual(new Set(c.design));
    });
  }

  it('ties in the ranking key go by credit code, as in the engine (numbers stored, coarse enough to tie)', async () => {
    const { frames, divisionOf } = cityFrames(() => 'fixed');
    // u on a grid of 1/32: members of a stratum with equal π tie in u·10^6/π, many at the threshold.
    const u = Float64Array.from(frames.usccs, (_, p) => ((p * 2654435761) % 32) / 32);
    const expected = engineSelection(frames, u);
    const selection = await withFrames(db, frames, divisionOf, async (conn) => {
      await sql`insert into ${sql.table(frameTable.numbers)} (uscc, division_code, u)
          select * from unnest(${frames.usccs}::text[], ${frames.usccs.map((_, p) => divisionOf(p))}::text[],
            ${Array.from(u)}::float8[])`.execute(conn);
      return selectInSql(conn, 'stored');
    });
    expect(selection).toEqual(expected);
    // Ties did decide: some item leaves out a member whose key equals a drawn member's key in the same stratum.
    const decidedByTie = frames.items.some((item) => {
      const drawn = new Set(selectMembers(item, u));
      const keyOf = (k: number) => `${item.stratum[k]}:${(u[item.members[k]!]! * PPM) / item.piPpm[k]!}`;
      const drawnKeys = new Set<string>();
      item.members.forEach((m, k) => {
        if (drawn.has(m) && item.piPpm[k]! < PPM) drawnKeys.add(keyOf(k));
      });
      return Array.from(item.members).some((m, k) => !drawn.has(m) && item.piPpm[k]! > 0 && drawnKeys.has(keyOf(k)));
    });
    expect(decidedByTie).toBe(true);
  });

  it('an SM3 round is refused with the reason, not drawn with another hash', async () => {
    const round: SqlDrawRound = { hash: 'sm3', seed: seedOf(1), roundIndex: 1, roundsInYear: 1 };
    await expect(selectInSql(db, round)).rejects.toThrow('只支持 SHA-256');
    await expect(subjectNumbersSql(db, round)).rejects.toThrow('只支持 SHA-256');
  });
});
