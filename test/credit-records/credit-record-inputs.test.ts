import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCountingRecords } from '../../src/credit-records/credit-record-inputs.repository';
import { markPenaltyCreditRepaired } from '../../src/credit-records/credit-record-status.service';
import { CREDIT_PLATFORM } from '../../src/credit-records/credit-from-records.service';
import { penaltyPayload } from '../support/factories/record.factory';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let scjg: Session;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  scjg = await login(t.app, 'scjg_admin');
});
afterAll(async () => {
  await t.app.close();
});

async function counting(asOf: string): Promise<Set<number>> {
  const ids = new Set<number>();
  for await (const page of listCountingRecords(t.deps.db, asOf, 7)) for (const r of page) ids.add(r.id);
  return ids;
}

describe('the records that count at a date (listCountingRecords)', () => {
  it('counts a valid record of a register subject within its period; not before, not after, not once repaired', async () => {
    const subject = await t.deps.db
      .selectFrom('subjects')
      .select(['id', 'uscc', 'name'])
      .orderBy('id')
      .offset(11)
      .limit(1)
      .executeTakeFirstOrThrow();
    const sent = await call(t.app, scjg, 'POST', '/api/records/penalties', {
      ...penaltyPayload({ decidedOn: '2026-03-02', publicityUntil: '2026-12-01' }),
      uscc: subject.uscc,
      counterpartName: subject.name,
    });
    const penaltyId = sent.json().results[0].id as number;
    const record = await t.deps.db
      .selectFrom('credit_records')
      .selectAll()
      .where('source_ref', '=', `penalty:${penaltyId}`)
      .executeTakeFirstOrThrow();
    expect(record.subject_id).toBe(subject.id);
    expect((await counting('2026-03-01')).has(record.id)).toBe(false);
    expect((await counting('2026-03-02')).has(record.id)).toBe(true);
    expect((await counting('2026-12-01')).has(record.id)).toBe(true);
    expect((await counting('2026-12-02')).has(record.id)).toBe(false);
    const first = await listCountingRecords(t.deps.db, '2026-06-30').next();
    const page = first.done ? [] : first.value;
    expect(page.find((r) => r.id === record.id)).toEqual({
      id: record.id,
      subjectId: subject.id,
      kind: '行政处罚',
      severity: '一般',
      occurredOn: '2026-03-02',
    });
    const marked = await t.deps.db
      .transaction()
      .execute((trx) =>
        markPenaltyCreditRepaired(
          { trx, deps: t.deps, now: t.clock.now(), who: CREDIT_PLATFORM },
          penaltyId,
          'XYXF2026-0001',
        ),
      );
    expect(marked).toEqual([record.id]);
    expect((await counting('2026-06-30')).has(record.id)).toBe(false);
    const history = await t.deps.db
      .selectFrom('credit_record_history')
      .select(['event', 'status', 'reason'])
      .where('record_id', '=', record.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.event)).toEqual(['新增', '修复']);
    expect(history[1]).toMatchObject({ status: '已修复', reason: '信用修复 XYXF2026-0001 已核准' });
  });
});
