import type { Db } from '../db/database';
import type { CreditRunRow } from './credit-run.table';

/** The current evaluation: the run the credit office pushed last (null before the first push). The draw uses it. */
export async function currentCreditRun(db: Db): Promise<CreditRunRow | null> {
  const run = await db
    .selectFrom('credit_runs')
    .selectAll()
    .where('status', '=', '已推送')
    .orderBy('pushed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return run ?? null;
}
