import type { CreditRecordKind, CreditSeverity } from '../../../src/credit-records/credit-record.table';
import type { TestApp } from '../test-platform';

let serial = Math.floor(Math.random() * 1_000_000);

/**
 * A credit record written straight into credit_records (as the credit-records capability would), for evaluation
 * tests that need records of a given kind, severity and date on a subject.
 */
export async function addCreditRecord(
  t: TestApp,
  subjectId: number,
  r: { kind: CreditRecordKind; severity?: CreditSeverity; occurredOn: string; title?: string },
): Promise<number> {
  serial += 1;
  const s = await t.deps.db
    .selectFrom('subjects')
    .select(['uscc', 'name'])
    .where('id', '=', subjectId)
    .executeTakeFirstOrThrow();
  const now = t.deps.clock.now();
  const row = await t.deps.db
    .insertInto('credit_records')
    .values({
      record_no: `XYJLT-${serial}`,
      uscc: s.uscc,
      subject_id: subjectId,
      subject_name: s.name,
      kind: r.kind,
      severity: r.severity ?? '一般',
      source: '外部报送',
      source_ref: `test:${serial}`,
      channel: '接口',
      sender_department_id: null,
      department_name: '市市场监督管理局',
      title: r.title ?? `${r.kind}（测试${serial}）`,
      detail: '',
      status: '有效',
      status_reason: null,
      status_changed_at: null,
      created_by: null,
      occurred_on: r.occurredOn,
      counts_from: r.occurredOn,
      counts_until: null,
      payload_digest: `digest-${serial}`,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
