import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The run's classes into the register in one set-based statement; returns how many subjects changed class. */
export async function updateClassesFromRun(trx: Db, runId: number, now: Date): Promise<number> {
  const result = await sql`
    UPDATE subjects s SET credit_class = r.credit_class, updated_at = ${now}
      FROM credit_run_results r
     WHERE r.run_id = ${runId} AND r.subject_id = s.id AND s.credit_class IS DISTINCT FROM r.credit_class`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
