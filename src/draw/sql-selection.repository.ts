import { sql, type Kysely, type RawBuilder } from 'kysely';
import { frameTable, partitionOf } from './sql-frame.repository';
import type { HashName } from './engine/types';

// The statements of src/draw/sql-selection.ts: the permanent random numbers and the per-item selection over the
// frame tables (src/draw/sql-frame.repository.ts), each step repeating the engine's float8 operations in its order.

export interface SqlDrawRound {
  hash: HashName;
  /** 64 lowercase hex digits. */
  seed: string;
  roundIndex: number;
  roundsInYear: number;
}

/** Where the selection takes u from: hashed inside the statement for a round, or the numbers table as stored. */
export type NumberSource = SqlDrawRound | 'stored';

/** 2^53 and π's unit, as float8 literals (a bare 1e6 would be numeric). */
const TWO_POW_53 = sql.raw('9007199254740992::float8');
const PPM = sql.raw('1000000::float8');

/**
 * u of the subject in `usccColumn` before rotation: the first 53 bits of SHA-256(seed ‖ "subject" ‖ uscc) — the
 * digest's first 7 bytes read as a 56-bit integer, shifted right by 3 — over 2^53 (both exact in float8).
 */
function unrotated(seed: string, usccColumn: RawBuilder<unknown>): RawBuilder<number> {
  const digest = sql`sha256(convert_to(${seed}::text || 'subject' || ${usccColumn}, 'UTF8'))`;
  return sql<number>`((('x' || encode(substring(${digest} from 1 for 7), 'hex'))::bit(56)::bigint >> 3)::float8
      / ${TWO_POW_53})`;
}

/**
 * The subjects of the frame with their u: round k of R adds (k−1)/R and wraps at 1, as `rotate` in
 * src/draw/engine/prn.ts does (the same division and the same addition in float8).
 */
function numbersQuery(
  round: SqlDrawRound,
  partition?: number,
): RawBuilder<{ uscc: string; division_code: string; u: number }> {
  const raw = unrotated(round.seed, sql.ref('s.uscc'));
  const subjects = sql.table(
    partition === undefined ? frameTable.subjects : partitionOf(frameTable.subjects, partition),
  );
  if (round.roundsInYear <= 1 || round.roundIndex <= 1)
    return sql`select s.uscc, s.division_code, ${raw} as u from ${subjects} as s`;
  const shift = sql`(${round.roundIndex - 1}::float8 / ${round.roundsInYear}::float8)`;
  return sql`select uscc, division_code, case when shifted >= 1 then shifted - 1 else shifted end as u
      from (select s.uscc, s.division_code, ${raw} + ${shift} as shifted from ${subjects} as s) as r`;
}

/** u per subject of the frame, ascending by credit code (byte order, as the engine sorts). */
export async function readSubjectNumbers<D>(
  db: Kysely<D>,
  round: SqlDrawRound,
): Promise<{ uscc: string; u: number }[]> {
  const { rows } = await sql<{ uscc: string; u: number }>`select uscc, u from (${numbersQuery(round)}) as n
      order by uscc collate "C"`.execute(db);
  return rows;
}

/**
 * Computes u once into the numbers table (per partition when it is partitioned), for several selections or for a
 * selection that should not hash inside its own plan.
 */
export async function insertNumbers<D>(db: Kysely<D>, round: SqlDrawRound, partition?: number): Promise<void> {
  const target = partition === undefined ? frameTable.numbers : partitionOf(frameTable.numbers, partition);
  await sql`insert into ${sql.table(target)} (uscc, division_code, u)
      select uscc, division_code, u from (${numbersQuery(round, partition)}) as n`.execute(db);
}

function numbersOf(source: NumberSource): RawBuilder<unknown> {
  if (source === 'stored') return sql`select uscc, division_code, u from ${sql.table(frameTable.numbers)}`;
  return numbersQuery(source);
}

/**
 * The selection statement. Poisson items: u·10^6 < π. Fixed-size items, per credit stratum h: the certain members
 * (π = 10^6), then n_h − certain of the others (0 < π < 10^6) by the smallest (u·10^6)/π, ties by credit code, where
 * n_h = min(|F_h|, round(Σπ/10^6)) (integer arithmetic gives Math.round's result exactly: Σπ is an integer). The
 * stratum's counts and the rank come from windows over one partition by item and stratum, so one sort serves them
 * all; members that are not ranked sort after the others (key +∞), which leaves the ranks of the ranked ones intact.
 */
export function selectionQuery(source: NumberSource): RawBuilder<{ item_code: string; uscc: string }> {
  const items = sql.table(frameTable.items);
  const members = sql.table(frameTable.members);
  // Computed numbers are hashed once for both designs; stored ones are read where they lie.
  const numbersCte = sql.raw(source === 'stored' ? 'not materialized' : 'materialized');
  return sql`with numbers as ${numbersCte} (${numbersOf(source)}),
    scored as not materialized (
      select m.item_code, i.design, m.stratum, m.uscc, m.pi_ppm, n.u
      from ${members} as m
      join ${items} as i on i.item_code = m.item_code
      join numbers as n on n.division_code = m.division_code and n.uscc = m.uscc),
    fixed as (
      select item_code, uscc, pi_ppm,
        row_number() over (w order by
          case when pi_ppm > 0 and pi_ppm < 1000000 then (u * ${PPM}) / pi_ppm::float8 else 'Infinity'::float8 end,
          uscc collate "C") as rank,
        count(*) over w as size,
        sum(pi_ppm) over w as pi_sum,
        count(*) filter (where pi_ppm >= 1000000) over w as certain,
        count(*) filter (where pi_ppm > 0 and pi_ppm < 1000000) over w as ranked
      from scored where design = 'fixed'
      window w as (partition by item_code collate "C", stratum))
    select item_code, uscc from (
      select item_code, uscc from scored where design = 'poisson' and u * ${PPM} < pi_ppm
      union all
      select item_code, uscc from fixed
      where pi_ppm >= 1000000
        or (pi_ppm > 0 and rank <= least(ranked, greatest(0, least(size, (pi_sum + 500000) / 1000000) - certain)))
    ) as selected
    order by item_code collate "C", uscc collate "C"`;
}

/** Item codes of the frame, by code in byte order. */
export async function readItemCodes<D>(db: Kysely<D>): Promise<string[]> {
  const { rows } = await sql<{ item_code: string }>`select item_code from ${sql.table(frameTable.items)}
      order by item_code collate "C"`.execute(db);
  return rows.map((r) => r.item_code);
}

export async function readSelection<D>(
  db: Kysely<D>,
  source: NumberSource,
): Promise<{ item_code: string; uscc: string }[]> {
  const { rows } = await selectionQuery(source).execute(db);
  return rows;
}
