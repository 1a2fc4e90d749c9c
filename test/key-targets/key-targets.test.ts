import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterCreditRecordsChanged } from '../../src/credit-records/credit-hooks';
import type { CreditRecordTable } from '../../src/credit-records/credit-record.table';
import { markPenaltyCreditRepaired } from '../../src/credit-records/credit-record-status.service';
import { lapseKeyTargets } from '../../src/key-targets/key-target-lapse.service';
import { pushedCreditRun } from '../support/factories/credit-run.factory';
import { call, login, type Session, unique } from '../support/http';
import { isolatedApp, setChinaTime, type TestApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let scjg: Session;
let yjgl: Session;
const system = { userId: null, name: '测试', departmentId: null, ip: null };

beforeAll(async () => {
  t = await isolatedApp();
  setChinaTime(t, '2026-06-01T10:00:00');
  [admin, scjg, yjgl] = await Promise.all(['admin', 'scjg_admin', 'yjgl_admin'].map((u) => login(t.app, u)));
});
afterAll(() => t.app.close());

/** Subjects of the register that are neither whitelisted nor key targets, one per call. */
const used = new Set<number>();
async function plainSubject() {
  const s = await t.deps.db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'name'])
    .where('whitelisted', '=', false)
    .where('key_target', '=', false)
    .where('status', '=', '存续')
    .where('id', 'not in', [0, ...used])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  used.add(s.id);
  return s;
}

type RecordFields = Pick<CreditRecordTable, 'kind' | 'severity' | 'source'> & { occurred_on?: string; ref?: string };

/** A credit record written directly (its intake is another capability's), then what follows a credit change. */
async function creditRecord(subject: { id: number; uscc: string; name: string }, f: RecordFields) {
  const tag = unique().tag;
  const now = t.clock.now();
  return t.deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('credit_records')
      .values({
        record_no: `XYJL-T${tag}`,
        uscc: subject.uscc,
        subject_id: subject.id,
        subject_name: subject.name,
        kind: f.kind,
        severity: f.severity,
        source: f.source,
        source_ref: f.ref ?? `test:${tag}`,
        channel: '平台',
        department_name: '市市场监督管理局',
        title: `测试${f.kind}${tag}`,
        occurred_on: f.occurred_on ?? '2026-05-20',
        counts_from: f.occurred_on ?? '2026-05-20',
        detail: '',
        status: '有效',
        payload_digest: 'x',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await afterCreditRecordsChanged({ trx, deps: t.deps, now, who: system }, [r.id]);
    return r;
  });
}

const listingsOf = (subjectId: number) =>
  t.deps.db.selectFrom('key_targets').selectAll().where('subject_id', '=', subjectId).orderBy('id').execute();
const flagOf = (subjectId: number) =>
  t.deps.db
    .selectFrom('subjects')
    .select(['key_target', 'key_target_reason'])
    .where('id', '=', subjectId)
    .executeTakeFirstOrThrow();

describe('key targets derived from credit records', () => {
  it('a violation found lists the subject with the record named, and lapses at its expiry', async () => {
    const s = await plainSubject();
    const r = await creditRecord(s, { kind: '行政处罚', severity: '一般', source: '行政处罚' });
    const [k] = await listingsOf(s.id);
    expect(k).toMatchObject({
      reason_kind: '检查发现违法',
      source_ref: `credit_record:${r.id}`,
      listed_on: '2026-05-20',
      expires_on: '2027-05-20',
      lifted_at: null,
    });
    expect(k!.reason).toBe(`信用记录 ${r.record_no}：${r.title}（市市场监督管理局）`);
    expect(await flagOf(s.id)).toEqual({ key_target: true, key_target_reason: k!.reason });

    const listed = await call(t.app, scjg, 'GET', `/api/key-targets?q=${s.uscc}`);
    expect(listed.json().items).toMatchObject([
      { subjectId: s.id, reasonKind: '检查发现违法', sourceLabel: `信用记录 ${r.record_no}`, state: '有效' },
    ]);

    try {
      setChinaTime(t, '2027-05-20T23:00:00');
      await lapseKeyTargets(t.deps, t.clock.now());
      expect((await flagOf(s.id)).key_target).toBe(true);
      setChinaTime(t, '2027-05-21T00:30:00');
      await lapseKeyTargets(t.deps, t.clock.now());
      expect(await flagOf(s.id)).toEqual({ key_target: false, key_target_reason: null });
      const later = await login(t.app, 'scjg_admin');
      const expired = await call(t.app, later, 'GET', `/api/key-targets?q=${s.uscc}&state=已到期`);
      expect(expired.json().items.map((i: { state: string }) => i.state)).toEqual(['已到期']);
    } finally {
      setChinaTime(t, '2026-06-01T10:00:00');
      await lapseKeyTargets(t.deps, t.clock.now());
      [admin, scjg, yjgl] = await Promise.all(['admin', 'scjg_admin', 'yjgl_admin'].map((u) => login(t.app, u)));
    }
  });

  it('applies the rule per kind: commitments 2 years, annual reports while they count, minor findings not at all', async () => {
    const s = await plainSubject();
    await creditRecord(s, { kind: '检查发现问题', severity: '轻微', source: '检查结果' });
    expect(await listingsOf(s.id)).toEqual([]);
    await creditRecord(s, { kind: '违反告知承诺', severity: '较重', source: '外部报送', occurred_on: '2024-02-29' });
    await creditRecord(s, { kind: '年报未报', severity: '一般', source: '外部报送' });
    await creditRecord(s, { kind: '检查发现问题', severity: '轻微', source: '双跟踪' });
    const rows = await listingsOf(s.id);
    expect(rows.map((k) => [k.reason_kind, k.expires_on])).toEqual([
      ['违反告知承诺', '2026-02-28'],
      ['年报未报', null],
      ['跟踪检查结果', '2027-05-20'],
    ]);
  });

  it('a repaired penalty lifts the listing it caused, with the reason', async () => {
    const s = await plainSubject();
    const penaltyId = 900_000 + Number(unique().tag);
    await creditRecord(s, { kind: '行政处罚', severity: '较重', source: '行政处罚', ref: `penalty:${penaltyId}` });
    expect((await flagOf(s.id)).key_target).toBe(true);
    await t.deps.db
      .transaction()
      .execute((trx) =>
        markPenaltyCreditRepaired({ trx, deps: t.deps, now: t.clock.now(), who: system }, penaltyId, 'XF2026-0009'),
      );
    const [k] = await listingsOf(s.id);
    expect(k!.lifted_at).not.toBeNull();
    expect(k!.lift_reason).toContain('已修复');
    expect(await flagOf(s.id)).toEqual({ key_target: false, key_target_reason: null });
  });
});

describe('key targets from a pushed evaluation run', () => {
  it('D-class subjects are listed until a later run no longer classes them D', async () => {
    const [a, b, c] = [await plainSubject(), await plainSubject(), await plainSubject()];
    const run1 = await pushedCreditRun(
      t,
      new Map([
        [a.id, 'D'],
        [b.id, 'D'],
        [c.id, 'B'],
      ]),
    );
    expect((await listingsOf(a.id)).map((k) => [k.reason_kind, k.source_ref, k.expires_on])).toEqual([
      ['信用评价D类', `credit_run:${run1.id}`, null],
    ]);
    expect((await listingsOf(a.id))[0]!.reason).toContain(`${run1.run_no} 评为 D 类（420.5分）`);
    expect(await listingsOf(c.id)).toEqual([]);
    expect((await flagOf(b.id)).key_target).toBe(true);

    const run2 = await pushedCreditRun(
      t,
      new Map([
        [a.id, 'A'],
        [b.id, 'D'],
      ]),
    );
    const [ka] = await listingsOf(a.id);
    expect(ka!.lift_reason).toBe(`公共信用综合评价 ${run2.run_no} 评为 A 类，不再为 D 类`);
    expect((await flagOf(a.id)).key_target).toBe(false);
    // Still D: one listing in force, from the run that first found it.
    const kb = await listingsOf(b.id);
    expect(kb.filter((k) => k.lifted_at === null).map((k) => k.source_ref)).toEqual([`credit_run:${run1.id}`]);
    expect((await flagOf(b.id)).key_target).toBe(true);
  });
});

describe('staff add and lift key targets', () => {
  it('a department lists with a reason and lifts its own; another department cannot; run listings only by an all-department scope', async () => {
    const s = await plainSubject();
    const added = await call(t.app, scjg, 'POST', '/api/key-targets', {
      subjectId: s.id,
      reason: '群众多次举报夜间违规经营',
      expiresOn: '2026-12-31',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ reasonKind: '人工列入', departmentName: '市市场监督管理局', canLift: true });
    expect((await flagOf(s.id)).key_target_reason).toBe('群众多次举报夜间违规经营');
    const id = added.json().id as number;

    const other = await call(t.app, yjgl, 'POST', `/api/key-targets/${id}/lift`, { reason: '应急管理局认为无需' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('只能解除本部门列入的重点抽查对象');
    const otherList = await call(t.app, yjgl, 'GET', `/api/key-targets?q=${s.uscc}`);
    expect(otherList.json().items).toEqual([]);

    const noReason = await call(t.app, scjg, 'POST', `/api/key-targets/${id}/lift`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const lifted = await call(t.app, scjg, 'POST', `/api/key-targets/${id}/lift`, { reason: '复查已整改到位' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ state: '已解除', liftReason: '复查已整改到位', canLift: false });
    expect((await flagOf(s.id)).key_target).toBe(false);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'key_target')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['key_target.add', 'key_target.lift']);
    expect(audit[1]!.summary).toContain('复查已整改到位');

    const d = await plainSubject();
    await pushedCreditRun(t, new Map([[d.id, 'D']]));
    const [kd] = await listingsOf(d.id);
    expect(
      (await call(t.app, scjg, 'POST', `/api/key-targets/${kd!.id}/lift`, { reason: '部门认为无需' })).statusCode,
    ).toBe(403);
    expect(
      (await call(t.app, admin, 'POST', `/api/key-targets/${kd!.id}/lift`, { reason: '经复核评价有误' })).statusCode,
    ).toBe(200);
    const panel = await call(t.app, scjg, 'GET', `/api/subjects/${d.id}/key-targets`);
    expect(panel.json().items).toMatchObject([
      { reasonKind: '信用评价D类', state: '已解除', liftedByName: expect.any(String) },
    ]);
  });

  it('refuses a whitelisted subject, and the register refuses whitelisting a key target', async () => {
    const w = await t.deps.db
      .selectFrom('subjects')
      .select('id')
      .where('whitelisted', '=', true)
      .executeTakeFirstOrThrow();
    const res = await call(t.app, admin, 'POST', '/api/key-targets', { subjectId: w.id, reason: '测试白名单对象' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('白名单对象不能同时列为重点抽查对象');

    const s = await plainSubject();
    expect(
      (await call(t.app, scjg, 'POST', '/api/key-targets', { subjectId: s.id, reason: '测试重点对象' })).statusCode,
    ).toBe(201);
    const credit = await login(t.app, 'fgw_xy');
    const put = await call(t.app, credit, 'PUT', `/api/subjects/${s.id}/credit`, { whitelisted: true });
    expect(put.statusCode).toBe(400);
    expect(put.json().error.message).toContain('白名单对象不能同时列为重点抽查对象');
  });
});
