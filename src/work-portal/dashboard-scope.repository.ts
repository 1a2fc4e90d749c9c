import { sql } from 'kysely';

/**
 * A division code prefix (2–6 digits) on subjects `s` as a range of the 6-digit codes, e.g. 3711 → [371100, 371200):
 * the index on the code serves it, whatever the database's collation.
 */
export function divisionRange(prefix: string) {
  const low = prefix.padEnd(6, '0');
  const high = String(Number(prefix) + 1)
    .padStart(prefix.length, '0')
    .padEnd(6, '0');
  return sql`s.division_code >= ${low} AND s.division_code < ${high} AND s.division_code LIKE ${`${prefix}%`}`;
}
