import { sql } from 'kysely';
import type { Db } from '../db/database';

const series = {
  case_transfers: { column: 'transfer_no', prefix: 'YS' },
  assistance_requests: { column: 'request_no', prefix: 'XZ' },
  copy_notices: { column: 'copy_no', prefix: 'CG' },
} as const;

/** The next number of the year in a series (YS2026-000001 移送, XZ 协助, CG 抄告), under a transaction lock. */
export async function nextNumber(trx: Db, table: keyof typeof series, year: string): Promise<string> {
  const { column, prefix } = series[table];
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`transfers_${table}`}))`.execute(trx);
  const head = `${prefix}${year}-`;
  const row = await sql<{ last: string | null }>`
    SELECT max(${sql.ref(column)}) AS last FROM ${sql.table(table)} WHERE ${sql.ref(column)} LIKE ${`${head}%`}
  `.execute(trx);
  const last = row.rows[0]?.last ? Number(row.rows[0].last.slice(head.length)) : 0;
  return `${head}${String(last + 1).padStart(6, '0')}`;
}
