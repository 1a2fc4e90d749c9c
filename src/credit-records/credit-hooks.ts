import type { CreditWrite } from './credit-write';
import { deriveKeyTargetsFromRecords, deriveKeyTargetsFromRun } from '../key-targets/key-target-derive.service';

/**
 * What follows a change of credit records or classes, in the transaction that made it: the one place that lists each
 * capability's reaction. Called for records written from any source (penalties, licences, inspection findings,
 * 双跟踪, records sent from outside, corrections, repairs).
 */
export async function afterCreditRecordsChanged(w: CreditWrite, recordIds: readonly number[]): Promise<void> {
  if (recordIds.length === 0) return;
  // Key targets derived from the records (violations found, violated commitments, annual report not filed),
  // and lifted when a record stops counting (src/key-targets).
  await deriveKeyTargetsFromRecords(w, recordIds);
}

/** After the credit office pushed an evaluation run: its classes are now the register's. */
export async function afterCreditRunPushed(w: CreditWrite, runId: number): Promise<void> {
  // D-class subjects become key targets until the next run (src/key-targets).
  await deriveKeyTargetsFromRun(w, runId);
}
