import type { Db } from '../db/database';
import { latestPushedRun } from './credit-run.repository';
import type { CreditRunRow } from './credit-run.table';

/** The current evaluation: the run the credit office pushed last (null before the first push). The draw uses it. */
export async function currentCreditRun(db: Db): Promise<CreditRunRow | null> {
  return (await latestPushedRun(db)) ?? null;
}
