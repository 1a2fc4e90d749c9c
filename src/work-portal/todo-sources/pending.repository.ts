import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';

/** One pending step as a source's query gives it: `ref` identifies the record for its link. */
export interface PendingRow {
  ref: string;
  title: string;
  detail: string;
  due_on: string | null;
}

export interface Pending {
  count: number;
  overdue: number;
  rows: PendingRow[];
}

/**
 * The first `limit` rows of a source's pending steps by deadline (none last), with the number of all of them and of
 * those past their deadline: one query (window counts over the source's rows before the limit).
 */
export async function firstPending(
  db: Db,
  source: RawBuilder<unknown>,
  today: string,
  limit: number,
): Promise<Pending> {
  const result = await sql<PendingRow & { total: number; late: number }>`
    SELECT p.ref, p.title, p.detail, to_char(p.due_on, 'YYYY-MM-DD') AS due_on, (count(*) OVER ())::int AS total,
           (count(*) FILTER (WHERE p.due_on < ${today}::date) OVER ())::int AS late
      FROM (${source}) p
     ORDER BY p.due_on NULLS LAST, p.ref
     LIMIT ${limit}`.execute(db);
  const first = result.rows[0];
  return {
    count: first?.total ?? 0,
    overdue: first?.late ?? 0,
    rows: result.rows.map(({ ref, title, detail, due_on }) => ({ ref, title, detail, due_on })),
  };
}
