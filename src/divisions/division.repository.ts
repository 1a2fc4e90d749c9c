import type { Db } from '../db/database';
import type { DivisionTable } from './division.table';

export async function listDivisions(db: Db): Promise<DivisionTable[]> {
  return db.selectFrom('divisions').selectAll().orderBy('code').execute();
}

export async function divisionsNamed(
  db: Db,
  codes: readonly string[],
): Promise<Pick<DivisionTable, 'code' | 'name'>[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', codes).execute();
}

export async function knownDivisionCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  return new Set((await divisionsNamed(db, codes)).map((d) => d.code));
}

/** Inserts or renames divisions by code (a reload of the same table changes nothing). */
export async function upsertDivisions(db: Db, rows: readonly DivisionTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('divisions')
    .values([...rows])
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        parent_code: eb.ref('excluded.parent_code'),
        level: eb.ref('excluded.level'),
      })),
    )
    .execute();
}
