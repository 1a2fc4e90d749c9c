import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshKeys } from '../support/factories/record.factory';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let scjgSystem: Session;
let scjgAdmin: Session;
let yjglAdmin: Session;
let creditOffice: Session;

async function bearerFor(username: string): Promise<Session> {
  const { id } = await t.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const issued = await call(t.app, admin, 'POST', '/api/tokens', { userId: id, name: `${username} 信用系统` });
  expect(issued.statusCode, issued.body).toBe(200);
  return { headers: { authorization: `Bearer ${issued.json().token}` } };
}

const listed = (over: Record<string, unknown> = {}) => {
  const k = freshKeys();
  return {
    senderRecordId: k.senderRecordId,
    uscc: k.uscc,
    subjectName: `日照测试商贸有限公司${k.n}`,
    kind: '经营异常名录',
    departmentName: '日照市市场监督管理局',
    decidedOn: '2026-10-15',
    title: '通过登记的住所或者经营场所无法联系',
    detail: '《企业经营异常名录管理暂行办法》第四条第（四）项',
    basisDocNo: `日市监异〔2026〕${k.n}号`,
    ...over,
  };
};

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  admin = await login(t.app, 'admin');
  scjgSystem = await bearerFor('scjg_admin');
  scjgAdmin = await login(t.app, 'scjg_admin');
  yjglAdmin = await login(t.app, 'yjgl_admin');
  creditOffice = await login(t.app, 'fgw_xy');
});
afterAll(async () => {
  await t.app.close();
});

describe('POST /api/credit/records', () => {
  it('receives a record once; again unchanged; 移出 ends it (已移出 with the date) as a new version', async () => {
    const record = listed();
    const first = await call(t.app, scjgSystem, 'POST', '/api/credit/records', record);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 1, results: [{ outcome: 'created', version: 1 }] });
    const id = first.json().results[0].id as number;
    const again = await call(t.app, scjgSystem, 'POST', '/api/credit/records', { records: [record] });
    expect(again.json()).toMatchObject({ unchanged: 1, results: [{ outcome: 'unchanged', id, version: 1 }] });
    const removed = await call(t.app, scjgSystem, 'POST', '/api/credit/records', {
      ...record,
      action: '移出',
      removedOn: '2026-11-18',
      removalReason: '已恢复正常记载状态',
    });
    expect(removed.json()).toMatchObject({ updated: 1, results: [{ outcome: 'updated', id, version: 2 }] });
    const detail = (await call(t.app, scjgAdmin, 'GET', `/api/credit/records/${id}`)).json();
    expect(detail).toMatchObject({
      status: '已移出',
      statusOn: '2026-11-18',
      source: '外部报送',
      channel: '接口',
      severity: '一般',
      basisDocNo: record.basisDocNo,
    });
    expect(detail.statusReason).toContain('已恢复正常记载状态');
    expect(detail.history.map((h: { event: string }) => h.event)).toEqual(['新增', '移出']);
  });

  it('refuses a bad record with per-field Chinese errors and stores the good ones of the batch', async () => {
    const good = listed({ kind: '表彰奖励', title: '2026 年度守合同重信用企业' });
    const res = await call(t.app, scjgSystem, 'POST', '/api/credit/records', {
      records: [
        good,
        listed({ uscc: '91371100MA3C00000X', kind: '黑名单', decidedOn: '2026-13-01' }),
        listed({ kind: '年报未报', action: '移出' }),
        { ...listed(), action: '移出', removedOn: '2026-11-01', senderRecordId: 'NEVER-LISTED' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 1, refused: 3 });
    const fields = (i: number) => body.results[i].errors.map((e: { field: string }) => e.field).sort();
    expect(fields(1)).toEqual(['decidedOn', 'kind', 'uscc']);
    expect(body.results[1].errors.find((e: { field: string }) => e.field === 'kind').message).toContain('记录类别应为');
    expect(fields(2)).toEqual(['action', 'removedOn']);
    expect(body.results[3].errors).toEqual([
      { field: 'senderRecordId', message: '未找到该业务系统记录编号的列入记录，不能移出' },
    ]);
    const none = await t.deps.db
      .selectFrom('credit_records')
      .select('id')
      .where('source_ref', 'like', '%NEVER-LISTED')
      .execute();
    expect(none).toEqual([]);
  });

  it('links the subject by credit code when it is in the register', async () => {
    const subject = await t.deps.db
      .selectFrom('subjects')
      .select(['id', 'uscc', 'name'])
      .orderBy('id')
      .offset(7)
      .limit(1)
      .executeTakeFirstOrThrow();
    const res = await call(t.app, scjgAdmin, 'POST', '/api/credit/records/online', {
      uscc: subject.uscc,
      subjectName: subject.name,
      kind: '年报未报',
      departmentName: '日照市市场监督管理局',
      decidedOn: '2026-07-01',
      title: '未按期报送 2025 年度年度报告',
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.deps.db
      .selectFrom('credit_records')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_id: subject.id, channel: '在线', severity: '轻微' });
    expect(row.source_ref).toMatch(/:ZX20261120-/);
    const bad = await call(t.app, scjgAdmin, 'POST', '/api/credit/records/online', { kind: '年报未报' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('uscc');
  });
});

describe('correction and scope', () => {
  it('the credit office corrects a record with a reason (audited) and revokes one; a department cannot', async () => {
    const sent = await call(t.app, scjgSystem, 'POST', '/api/credit/records', listed({ kind: '严重违法失信名单' }));
    const id = sent.json().results[0].id as number;
    const denied = await call(t.app, scjgAdmin, 'POST', `/api/credit/records/${id}/correction`, {
      reason: '试图更正',
      severity: '轻微',
    });
    expect(denied.statusCode).toBe(403);
    const noReason = await call(t.app, creditOffice, 'POST', `/api/credit/records/${id}/correction`, {
      severity: '一般',
    });
    expect(noReason.statusCode).toBe(400);
    const corrected = await call(t.app, creditOffice, 'POST', `/api/credit/records/${id}/correction`, {
      reason: '认定部门来函更正严重程度',
      severity: '较重',
    });
    expect(corrected.json()).toMatchObject({ version: 2 });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_name'])
      .where('entity_type', '=', 'credit_record')
      .where('entity_id', '=', corrected.json().recordNo)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['credit_record.create', 'credit_record.correct']);
    expect(audit[1]!.summary).toContain('认定部门来函更正严重程度');
    const revoked = await call(t.app, creditOffice, 'POST', `/api/credit/records/${id}/correction`, {
      reason: '认定依据已被撤销',
      revoke: true,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const detail = (await call(t.app, creditOffice, 'GET', `/api/credit/records/${id}`)).json();
    expect(detail).toMatchObject({ status: '已撤销', severity: '较重', version: 3 });
    expect(detail.history.map((h: { event: string; reason: string | null }) => [h.event, h.reason])).toEqual([
      ['新增', null],
      ['更正', '认定部门来函更正严重程度'],
      ['撤销', '认定依据已被撤销'],
    ]);
    const again = await call(t.app, creditOffice, 'POST', `/api/credit/records/${id}/correction`, {
      reason: 'x',
      severity: '一般',
    });
    expect(again.statusCode).toBe(409);
  });

  it('a department sees its own records only; the credit office sees all; anonymous nothing', async () => {
    const record = listed();
    const id = (await call(t.app, scjgSystem, 'POST', '/api/credit/records', record)).json().results[0].id as number;
    const mine = (await call(t.app, scjgAdmin, 'GET', `/api/credit/records?q=${record.uscc}`)).json();
    expect(mine.items.map((r: { id: number }) => r.id)).toEqual([id]);
    const theirs = (await call(t.app, yjglAdmin, 'GET', `/api/credit/records?q=${record.uscc}`)).json();
    expect(theirs.items).toEqual([]);
    expect((await call(t.app, yjglAdmin, 'GET', `/api/credit/records/${id}`)).statusCode).toBe(403);
    const all = (await call(t.app, creditOffice, 'GET', `/api/credit/records?q=${record.uscc}`)).json();
    expect(all.total).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/credit/records/${id}` })).statusCode).toBe(401);
  });
});
