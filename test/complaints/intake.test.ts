import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { setComplaintState } from '../support/factories/complaint.factory';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { testApp, type TestApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let lianxi: Session;
let scjgAdmin: Session;
let scjgStaff: Session;
let yjglAdmin: Session;
let fgw: Session;
let hotline: Session;
let ipSerial = 1;

/** Each portal call from its own address: the portal is rate limited per address. */
const portal = (url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: `10.17.${ipSerial >> 8}.${ipSerial++ & 255}` });

function complaintBody(overrides: Record<string, unknown> = {}) {
  const { tag } = unique();
  return {
    kind: '投诉',
    matterCode: 'SPAQ',
    subject: { name: `测试${tag}小吃店`, address: '东港区海曲路 1 号' },
    title: `餐具不洁${tag}`,
    content: '11 月 30 日晚在该店就餐，餐具有明显油污，店员称消毒柜坏了好几天。',
    occurredOn: '2026-11-30',
    anonymous: false,
    complainant: {
      name: `王${tag}`,
      phone: `139${String(tag).padStart(8, '0').slice(-8)}`,
      idNumber: demoIdCard('371102', Number(tag)),
    },
    ...overrides,
  };
}

const rowOf = (ticketNo: string) =>
  t.deps.db.selectFrom('complaints').selectAll().where('ticket_no', '=', ticketNo).executeTakeFirstOrThrow();
const auditOf = (ticketNo: string) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'summary', 'actor_name'])
    .where('entity_id', '=', ticketNo)
    .orderBy('seq')
    .execute();

async function bearerFor(username: string): Promise<Session> {
  const { id } = await t.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const issued = await call(t.app, admin, 'POST', '/api/tokens', {
    userId: id,
    name: `${username} 12345 热线 ${unique().tag}`,
  });
  expect(issued.statusCode, issued.body).toBe(200);
  return { headers: { authorization: `Bearer ${issued.json().token}` } };
}

beforeAll(async () => {
  t = await testApp();
  [admin, lianxi, scjgAdmin, scjgStaff, yjglAdmin, fgw] = await Promise.all(
    ['admin', 'lianxi', 'scjg_admin', 'scjg_staff', 'yjgl_admin', 'fgw_xy'].map((u) => login(t.app, u)),
  );
  hotline = await bearerFor('lianxi');
});
afterAll(async () => {
  await t.app.close();
});

describe('portal intake (no login)', () => {
  it('files a named complaint: a ticket and a lookup code shown once, only a hash kept; the received event and audit', async () => {
    const body = complaintBody();
    const res = await portal('/api/public/complaints', body);
    expect(res.statusCode, res.body).toBe(200);
    const filed = res.json();
    expect(filed).toMatchObject({ outcome: 'created', status: '待分派' });
    expect(filed.ticketNo).toMatch(/^TS2026-\d{6}$/);
    expect(filed.lookupCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
    const row = await rowOf(filed.ticketNo);
    expect(row).toMatchObject({
      channel: '门户',
      kind: '投诉',
      anonymous: false,
      matter_code: 'SPAQ',
      subject_id: null,
    });
    expect(row.lookup_code_hash).not.toContain(filed.lookupCode);
    const events = await t.deps.db
      .selectFrom('complaint_events')
      .selectAll()
      .where('complaint_id', '=', row.id)
      .execute();
    expect(events.map((e) => [e.action, e.to_status])).toEqual([['收到投诉举报', '待分派']]);
    expect((await auditOf(filed.ticketNo)).map((a) => a.action)).toEqual(['complaint.receive']);
  });

  it('accepts an anonymous tip (no identity stored) and links a subject of the register by its 统一社会信用代码', async () => {
    // A subject no complaint names yet: one another suite filed about the same matter would make this a repeat,
    // dispatched with its group instead of waiting in the 待分派 queue.
    const subject = await t.deps.db
      .selectFrom('subjects as s')
      .select(['s.id', 's.uscc', 's.division_code'])
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('complaints as c').select('c.id').whereRef('c.subject_id', '=', 's.id'))),
      )
      .orderBy('s.id')
      .offset(7)
      .limit(1)
      .executeTakeFirstOrThrow();
    const body = complaintBody({ kind: '举报', anonymous: true, complainant: undefined });
    const res = await portal('/api/public/complaints', {
      ...body,
      subject: { ...body.subject, uscc: subject.uscc.toLowerCase() },
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await rowOf(res.json().ticketNo);
    expect(row).toMatchObject({
      anonymous: true,
      complainant_cipher: null,
      subject_id: subject.id,
      uscc: subject.uscc,
      division_code: subject.division_code,
    });
    const lookup = await portal('/api/public/complaints/lookup', {
      ticketNo: row.ticket_no,
      lookupCode: res.json().lookupCode.toLowerCase(),
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({
      kind: '举报',
      anonymous: true,
      status: '待分派',
      reply: null,
      canRate: false,
    });
  });

  it('answers every bad field with its own message', async () => {
    const res = await portal('/api/public/complaints', {
      kind: '建议',
      matterCode: '',
      subject: { name: '', uscc: '91371100MA3C00000X' },
      title: '',
      content: '太差',
      occurredOn: '2026-13-01',
      anonymous: false,
      complainant: { name: '', phone: '12345', idNumber: '371102199001011234' },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details as { field: string }[]).map((d) => d.field);
    for (const f of [
      'kind',
      'matterCode',
      'subject.name',
      'subject.uscc',
      'title',
      'content',
      'occurredOn',
      'complainant.name',
      'complainant.phone',
      'complainant.idNumber',
    ])
      expect(fields, f).toContain(f);
    const unnamed = await portal('/api/public/complaints', complaintBody({ complainant: undefined }));
    expect(unnamed.json().error.details).toEqual([
      { field: 'complainant', message: '实名投诉举报请填写姓名和联系电话' },
    ]);
    const both = await portal('/api/public/complaints', complaintBody({ anonymous: true }));
    expect(both.json().error.details).toEqual([{ field: 'complainant', message: '匿名投诉举报不填写姓名和联系方式' }]);
    const matter = await portal('/api/public/complaints', complaintBody({ matterCode: 'NOPE' }));
    expect(matter.statusCode).toBe(400);
    expect(matter.json().error.details[0].field).toBe('matterCode');
    const future = await portal('/api/public/complaints', complaintBody({ occurredOn: '2099-01-01' }));
    expect(future.json().error.details).toEqual([{ field: 'occurredOn', message: '发生日期不能晚于今天' }]);
  });

  it('takes photos and PDF checked by content, at most five, and refuses a wrong code with the neutral message', async () => {
    const filed = (await portal('/api/public/complaints', complaintBody())).json();
    const upload = (name: string, data: Buffer, code = filed.lookupCode) => {
      const boundary = '----lianjian' + unique().tag;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="lookupCode"\r\n\r\n${code}\r\n`),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/api/public/complaints/${filed.ticketNo}/attachments`,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        remoteAddress: `10.18.0.${ipSerial++ & 255}`,
      });
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const ok = await upload('现场.png', png);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().attachments).toBe(1);
    const fake = await upload('伪装.jpg', Buffer.from('<script>alert(1)</script>'));
    expect(fake.statusCode).toBe(422);
    expect(fake.json().error.details[0].field).toBe('file');
    const wrong = await upload('现场.png', png, 'AAAAAAAA');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('投诉举报编号或查询码不正确');
    for (let i = 0; i < 4; i += 1)
      expect((await upload(`现场${i}.pdf`, Buffer.from('%PDF-1.4\n%%EOF'))).statusCode).toBe(200);
    const sixth = await upload('多余.png', png);
    expect(sixth.statusCode).toBe(409);
    const stored = await t.deps.db
      .selectFrom('complaint_attachments')
      .select(['content_type', 'file_name'])
      .where('complaint_id', '=', (await rowOf(filed.ticketNo)).id)
      .execute();
    expect(stored.map((s) => s.content_type)).toEqual(['image/png', ...Array(4).fill('application/pdf')]);
  });

  it('lookup: a wrong code and an unknown ticket get the same neutral refusal', async () => {
    const filed = (await portal('/api/public/complaints', complaintBody())).json();
    const wrong = await portal('/api/public/complaints/lookup', { ticketNo: filed.ticketNo, lookupCode: 'ZZZZZZZZ' });
    const unknown = await portal('/api/public/complaints/lookup', {
      ticketNo: 'TS2026-999999',
      lookupCode: filed.lookupCode,
    });
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });
});

describe('12345 and 互联网+监管 API', () => {
  const systemBody = (externalTicket: string, overrides: Record<string, unknown> = {}) => ({
    ...complaintBody(),
    channel: '12345热线',
    externalTicket,
    ...overrides,
  });

  it('needs a token with complaint:write', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/complaints/intake', payload: systemBody('X1') })).statusCode,
    ).toBe(401);
    expect((await call(t.app, fgw, 'POST', '/api/complaints/intake', systemBody('X1'))).statusCode).toBe(403);
  });

  it('is idempotent by (channel, ticket): a re-delivery answers the same number and changes nothing', async () => {
    const ext = `GD${unique().tag}`;
    const body = systemBody(ext);
    const first = await call(t.app, hotline, 'POST', '/api/complaints/intake', body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'created', status: '待分派' });
    const again = await call(t.app, hotline, 'POST', '/api/complaints/intake', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({
      outcome: 'unchanged',
      ticketNo: first.json().ticketNo,
      lookupCode: null,
      status: '待分派',
    });
    const rows = await t.deps.db.selectFrom('complaints').select('id').where('external_ticket', '=', ext).execute();
    expect(rows).toHaveLength(1);
    expect((await auditOf(first.json().ticketNo)).map((a) => a.action)).toEqual(['complaint.receive']);
    // The same ticket number from the other system is another complaint.
    const other = await call(t.app, hotline, 'POST', '/api/complaints/intake', { ...body, channel: '互联网+监管' });
    expect(other.json().outcome).toBe('created');
    expect(other.json().ticketNo).not.toBe(first.json().ticketNo);
  });

  it('refuses the same ticket with other content (409, naming what differs)', async () => {
    const ext = `GD${unique().tag}`;
    const body = systemBody(ext);
    expect((await call(t.app, hotline, 'POST', '/api/complaints/intake', body)).statusCode).toBe(200);
    const changed = await call(t.app, hotline, 'POST', '/api/complaints/intake', {
      ...body,
      content: `${body.content}（补充：第二次就餐仍然如此）`,
      complainant: { ...body.complainant, phone: '13900000000' },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.message).toMatch(
      /12345热线工单 GD\d+ 已于 .* 收到（投诉举报编号 TS2026-\d{6}），本次推送的反映的问题、投诉举报人与之不同/,
    );
  });

  it('answers bad input per field', async () => {
    const res = await call(
      t.app,
      hotline,
      'POST',
      '/api/complaints/intake',
      systemBody('bad ticket!', { channel: '电话' }),
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['channel', 'externalTicket']));
  });
});

describe('staff entry (窗口录入)', () => {
  it('is for complaint:write; the entering staff may add files and list them', async () => {
    expect((await call(t.app, fgw, 'POST', '/api/complaints/counter', complaintBody())).statusCode).toBe(403);
    const res = await call(t.app, scjgStaff, 'POST', '/api/complaints/counter', complaintBody({ kind: '举报' }));
    expect(res.statusCode, res.body).toBe(200);
    const row = await rowOf(res.json().ticketNo);
    expect(row.channel).toBe('窗口录入');
    expect(row.created_by).not.toBeNull();
    const list = await call(t.app, scjgStaff, 'GET', `/api/complaints/${row.ticket_no}/attachments`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual([]);
    // Not yet dispatched: another department's staff does not see it.
    expect((await call(t.app, yjglAdmin, 'GET', `/api/complaints/${row.ticket_no}/attachments`)).statusCode).toBe(403);
  });
});

describe('whistle-blower protection', () => {
  let filed: { ticketNo: string; lookupCode: string };
  let body: ReturnType<typeof complaintBody>;

  beforeAll(async () => {
    body = complaintBody({ kind: '举报' });
    filed = (await portal('/api/public/complaints', body)).json();
  });

  it('keeps the identity unreadable in a raw dump of complaints, their events and the audit log', async () => {
    const dump = await sql<{
      text: string;
    }>`SELECT c::text AS text FROM complaints c WHERE ticket_no = ${filed.ticketNo}`.execute(t.deps.db);
    const text = dump.rows[0]!.text;
    expect(text).toContain(filed.ticketNo);
    for (const secret of [body.complainant!.name, body.complainant!.phone, body.complainant!.idNumber]) {
      expect(text).not.toContain(secret);
      const events = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM complaint_events e WHERE e::text LIKE ${`%${secret}%`}`.execute(t.deps.db);
      expect(events.rows[0]!.n).toBe(0);
      const audit = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE ${`%${secret}%`}`.execute(t.deps.db);
      expect(audit.rows[0]!.n).toBe(0);
    }
    expect((await rowOf(filed.ticketNo)).complainant_cipher).toMatch(/^v1\.[0-9a-f]{8}\./);
    // The lookup shows progress, never the identity.
    const lookup = await portal('/api/public/complaints/lookup', filed);
    expect(lookup.body).not.toContain(body.complainant!.name);
    expect(lookup.body).not.toContain(body.complainant!.phone);
  });

  it('reveals it only to complaint:identity of the responsible department or the joint office, with a reason, audited twice', async () => {
    const url = `/api/complaints/${filed.ticketNo}/identity`;
    expect((await call(t.app, lianxi, 'POST', url, {})).statusCode).toBe(400);
    // Not dispatched yet: only the joint office.
    expect((await call(t.app, scjgAdmin, 'POST', url, { reason: '核实举报线索' })).statusCode).toBe(403);
    await setComplaintState(t, filed.ticketNo, { status: '核查中', department: '市市场监督管理局' });
    expect((await call(t.app, scjgStaff, 'POST', url, { reason: '核实举报线索' })).statusCode).toBe(403);
    expect((await call(t.app, yjglAdmin, 'POST', url, { reason: '核实举报线索' })).statusCode).toBe(403);
    const res = await call(t.app, scjgAdmin, 'POST', url, { reason: '电话联系举报人补充证据' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      ticketNo: filed.ticketNo,
      anonymous: false,
      name: body.complainant!.name,
      phone: body.complainant!.phone,
      idNumber: body.complainant!.idNumber,
    });
    const entries = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_name'])
      .where((eb) => eb.or([eb('entity_id', '=', filed.ticketNo), eb('entity_id', '=', `complaint:${filed.ticketNo}`)]))
      .orderBy('seq')
      .execute();
    const reveal = entries.find((e) => e.action === 'complaint.identity_reveal');
    expect(reveal?.summary).toContain('电话联系举报人补充证据');
    expect(entries.filter((e) => e.action === 'personal_data.read')).toHaveLength(1);
    expect((await call(t.app, lianxi, 'POST', url, { reason: '督办需要' })).statusCode).toBe(200);
  });
});

describe('rating and reward', () => {
  it('rates once, only when 已办结; the lookup shows the reply', async () => {
    const filed = (await portal('/api/public/complaints', complaintBody())).json();
    const rate = (extra: object = {}) =>
      portal('/api/public/complaints/rating', { ...filed, score: 4, comment: '处理及时', ...extra });
    const early = await rate();
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('办结后才能评价');
    await setComplaintState(t, filed.ticketNo, {
      status: '已办结',
      department: '市市场监督管理局',
      verificationResult: '属实',
      reply: '经核查属实，已责令整改。',
    });
    const lookup = (await portal('/api/public/complaints/lookup', filed)).json();
    expect(lookup).toMatchObject({
      status: '已办结',
      department: '市市场监督管理局',
      reply: '经核查属实，已责令整改。',
      canRate: true,
    });
    expect(lookup.steps.map((s: { label: string }) => s.label)).toContain('已答复，办结');
    expect((await rate({ lookupCode: 'ZZZZZZZZ' })).statusCode).toBe(400);
    const ok = await rate();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ canRate: false, rating: { score: 4, comment: '处理及时' } });
    const twice = await rate({ score: 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('只能评价一次');
    expect((await auditOf(filed.ticketNo)).map((a) => a.action)).toEqual(['complaint.receive', 'complaint.rate']);
  });

  it('records a reward once, by the joint office, on a verified 举报; the whistle-blower sees it', async () => {
    const tip = (
      await portal('/api/public/complaints', complaintBody({ kind: '举报', anonymous: true, complainant: undefined }))
    ).json();
    const complaint = (await portal('/api/public/complaints', complaintBody())).json();
    const reward = { decision: '予以奖励', amount: 500, note: '举报属实，线索关键' };
    const url = (n: string) => `/api/complaints/${n}/reward`;
    expect((await call(t.app, lianxi, 'POST', url(tip.ticketNo), reward)).statusCode).toBe(409);
    await setComplaintState(t, complaint.ticketNo, { status: '已办结', verificationResult: '属实', reply: '已处理' });
    expect((await call(t.app, lianxi, 'POST', url(complaint.ticketNo), reward)).json().error.message).toContain(
      '举报奖励只适用于举报',
    );
    await setComplaintState(t, tip.ticketNo, {
      status: '已办结',
      department: '市市场监督管理局',
      verificationResult: '部分属实',
      reply: '部分属实，已立案',
    });
    expect((await call(t.app, scjgAdmin, 'POST', url(tip.ticketNo), reward)).statusCode).toBe(403);
    const noAmount = await call(t.app, lianxi, 'POST', url(tip.ticketNo), { decision: '予以奖励' });
    expect(noAmount.json().error.details).toEqual([{ field: 'amount', message: '予以奖励时请填写奖励金额' }]);
    const ok = await call(t.app, lianxi, 'POST', url(tip.ticketNo), reward);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ decision: '予以奖励', amount: '500.00' });
    expect((await call(t.app, lianxi, 'POST', url(tip.ticketNo), reward)).statusCode).toBe(409);
    const decided = await call(t.app, lianxi, 'GET', '/api/complaint-rewards?decided=true');
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().find((r: { ticketNo: string }) => r.ticketNo === tip.ticketNo)).toMatchObject({
      verificationResult: '部分属实',
      anonymous: true,
      reward: { decision: '予以奖励', amount: '500.00' },
    });
    const open = (await call(t.app, lianxi, 'GET', '/api/complaint-rewards?decided=false')).json();
    expect(open.map((r: { ticketNo: string }) => r.ticketNo)).not.toContain(tip.ticketNo);
    expect(open.map((r: { ticketNo: string }) => r.ticketNo)).not.toContain(complaint.ticketNo);
    expect((await call(t.app, scjgAdmin, 'GET', '/api/complaint-rewards')).statusCode).toBe(403);
    const seen = (await portal('/api/public/complaints/lookup', tip)).json();
    expect(seen.reward).toMatchObject({ decision: '予以奖励', amount: '500.00', note: '举报属实，线索关键' });
    expect(seen.steps.map((s: { label: string }) => s.label)).toContain('作出举报奖励决定');
  });
});
