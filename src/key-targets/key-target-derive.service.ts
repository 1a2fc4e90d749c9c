import type { CreditWrite } from '../credit-records/credit-write';

/**
 * Key targets derived from credit records (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条), each with its
 * reason and expiry; a record that stops counting lifts the key target it caused.
 * PLACEHOLDER of the foundation: the key-targets work fills it in.
 */
export async function deriveKeyTargetsFromRecords(w: CreditWrite, recordIds: readonly number[]): Promise<void> {
  void w;
  void recordIds;
}

/** D-class subjects of a pushed run become key targets until the next run. PLACEHOLDER of the foundation. */
export async function deriveKeyTargetsFromRun(w: CreditWrite, runId: number): Promise<void> {
  void w;
  void runId;
}
