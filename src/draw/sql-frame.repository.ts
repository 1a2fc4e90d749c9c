import { sql, type Kysely } from 'kysely';
import type { Frames } from './engine/types';

/**
 * The frozen frames of a round as tables, so the draw's selection can run next to the data
 * (src/draw/sql-selection.ts; docs/scale.md): items (a reference table), the subjects in any frame with the
 * division that partitions them, and one row per (item, subject) member with its π and stratum. Rows are keyed by
 * the credit code, the key a distributed PostgreSQL distributes subject-centred tables by.
 */
export const frameTable = {
  items: 'draw_frame_items',
  subjects: 'draw_frame_subjects',
  members: 'draw_frame_members',
  /** u per subject when stored once (storeNumbers) rather than computed inside each selection. */
  numbers: 'draw_frame_numbers',
} as const;

/**
 * temporary: session tables for one comparison (tests, a verification), on PGlite or PostgreSQL.
 * partitioned: declarative partitions by division (LIST, one per division code, no extension), unlogged: a
 * scratch copy loaded from a snapshot, which a crash may lose.
 */
export type FrameTableLayout = { kind: 'temporary' } | { kind: 'partitioned'; divisions: readonly string[] };

const ident = (name: string) => sql.id(name);

/** The n-th partition (0-based, in the order of the layout's divisions) of a partitioned frame table. */
export const partitionOf = (table: string, n: number): string => `${table}_${n}`;

export async function createFrameTables<D>(db: Kysely<D>, layout: FrameTableLayout): Promise<void> {
  const temporary = layout.kind === 'temporary';
  const create = sql.raw(temporary ? 'create temporary table' : 'create unlogged table');
  const partitioned = sql.raw(temporary ? '' : 'partition by list (division_code)');
  await sql`${create} ${ident(frameTable.items)} (item_code text primary key, design text not null)`.execute(db);
  await sql`${create} ${ident(frameTable.subjects)} (
      uscc text not null, division_code text not null) ${partitioned}`.execute(db);
  await sql`${create} ${ident(frameTable.members)} (
      item_code text not null, uscc text not null, division_code text not null,
      pi_ppm integer not null, stratum smallint not null) ${partitioned}`.execute(db);
  await sql`${create} ${ident(frameTable.numbers)} (
      uscc text not null, division_code text not null, u float8 not null) ${partitioned}`.execute(db);
  if (layout.kind !== 'partitioned') return;
  for (const [n, division] of layout.divisions.entries()) {
    for (const table of [frameTable.subjects, frameTable.members, frameTable.numbers]) {
      await sql`create unlogged table ${ident(partitionOf(table, n))} partition of ${ident(table)}
          for values in (${sql.lit(division)})`.execute(db);
    }
  }
}

/** Drops the tables (and with them their partitions). */
export async function dropFrameTables<D>(db: Kysely<D>): Promise<void> {
  for (const table of Object.values(frameTable)) await sql`drop table if exists ${ident(table)}`.execute(db);
}

/**
 * Loads frames with unnest (one statement per table, a few thousand rows at a time): fine for a county or a test;
 * a city-sized frame is loaded with COPY (scripts/bench-draw-sql.ts).
 */
export async function loadFrameRows<D>(
  db: Kysely<D>,
  frames: Pick<Frames, 'usccs' | 'items'>,
  divisionOf: (position: number) => string,
  batch = 50_000,
): Promise<void> {
  const { usccs, items } = frames;
  await sql`insert into ${ident(frameTable.items)} (item_code, design)
      select * from unnest(${items.map((i) => i.code)}::text[], ${items.map((i) => i.design)}::text[])`.execute(db);
  for (let at = 0; at < usccs.length; at += batch) {
    const slice = usccs.slice(at, at + batch);
    const divisions = slice.map((_, k) => divisionOf(at + k));
    await sql`insert into ${ident(frameTable.subjects)} (uscc, division_code)
        select * from unnest(${slice}::text[], ${divisions}::text[])`.execute(db);
  }
  for (const item of items) {
    for (let at = 0; at < item.members.length; at += batch) {
      const members = Array.from(item.members.subarray(at, at + batch));
      await sql`insert into ${ident(frameTable.members)} (item_code, uscc, division_code, pi_ppm, stratum)
          select ${item.code}, m.uscc, m.division_code, m.pi_ppm, m.stratum
          from unnest(${members.map((m) => usccs[m]!)}::text[], ${members.map(divisionOf)}::text[],
            ${Array.from(item.piPpm.subarray(at, at + batch))}::int4[],
            ${Array.from(item.stratum.subarray(at, at + batch))}::int2[]) as m(uscc, division_code, pi_ppm, stratum)`.execute(
        db,
      );
    }
  }
}
