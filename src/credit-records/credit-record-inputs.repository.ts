import type { Db } from '../db/database';
import type { CreditRecordKind, CreditSeverity } from './credit-record.table';

/** A record that counts at a date: what the credit evaluation reads. */
export interface CountingRecord {
  id: number;
  subjectId: number;
  kind: CreditRecordKind;
  severity: CreditSeverity;
  occurredOn: string;
}

/**
 * The records that count at `asOf` (status 有效, counts_from ≤ asOf ≤ counts_until or no end), of subjects in the
 * register, in pages of `pageSize` ordered by id (keyset paging, so millions of records stream in constant memory).
 */
export async function* listCountingRecords(db: Db, asOf: string, pageSize = 10_000): AsyncGenerator<CountingRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('credit_records')
      .select(['id', 'subject_id', 'kind', 'severity', 'occurred_on'])
      .where('status', '=', '有效')
      .where('subject_id', 'is not', null)
      .where('counts_from', '<=', asOf)
      .where((eb) => eb.or([eb('counts_until', 'is', null), eb('counts_until', '>=', asOf)]))
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: Number(r.id),
      subjectId: Number(r.subject_id),
      kind: r.kind,
      severity: r.severity,
      occurredOn: r.occurred_on,
    }));
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}
