import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * The classes of a pushed credit evaluation become the register's, in one set-based statement (a subject the run
 * did not evaluate keeps its class). The only way a class reaches the register: nobody sets one by hand
 * (subject-field-ownership.ts). Returns how many subjects changed class.
 */
export async function applyCreditClasses(trx: Db, runId: number, now: Date): Promise<number> {
  const result = await sql`
    UPDATE subjects s SET credit_class = r.credit_class, updated_at = ${now}
      FROM credit_run_results r
     WHERE r.run_id = ${runId} AND r.subject_id = s.id AND s.credit_class IS DISTINCT FROM r.credit_class`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
