import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The next number of a yearly series (WSTD2026-00001 document sets, XYXF2026-00001 applications), one at a time. */
export async function nextNumber(
  trx: Db,
  table: 'penalty_document_sets' | 'credit_repair_applications',
  prefix: string,
): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(20261241, hashtext(${prefix}))`.execute(trx);
  const column = table === 'penalty_document_sets' ? 'set_no' : 'repair_no';
  const row = await sql<{ last: string | null }>`SELECT max(${sql.ref(column)}) AS last FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} LIKE ${`${prefix}%`}`.execute(trx);
  const last = row.rows[0]?.last;
  return `${prefix}${String((last ? Number(last.slice(prefix.length)) : 0) + 1).padStart(5, '0')}`;
}
