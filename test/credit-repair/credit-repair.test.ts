import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repairQueryCode } from '../../src/credit-repair/repair-query-code';
import { createPenalty } from '../support/factories/decision.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';

const SCJG = '市市场监督管理局';
let t: TestApp;
let staff: Session;
let credit: Session;
let other: Session;

const setOf = (penaltyId: number) =>
  t.deps.db
    .selectFrom('penalty_document_sets')
    .selectAll()
    .where('penalty_id', '=', penaltyId)
    .executeTakeFirstOrThrow();
const publicationOf = (penaltyId: number) =>
  t.deps.db
    .selectFrom('publications')
    .selectAll()
    .where('kind', '=', '行政处罚')
    .where('record_id', '=', penaltyId)
    .executeTakeFirstOrThrow();

/** A published penalty of a company, decided on `decidedOn`, with a counting credit record; its 查询码. */
async function publishedPenalty(decidedOn: string) {
  const { uscc, tag } = unique();
  const name = `信用修复${tag}有限公司`;
  const id = await createPenalty(t, { department: SCJG, decidedOn, uscc, name, categories: ['警告', '罚款'] });
  const pub = await publicationOf(id);
  const res = await call(t.app, staff, 'POST', `/api/publicity/publications/${pub.id}/publish`);
  expect(res.statusCode, res.body).toBe(204);
  const now = t.clock.now();
  // The penalty's credit record is derived by the intake (src/credit-records): it must be there and count.
  const record = await t.deps.db
    .selectFrom('credit_records')
    .select('status')
    .where('source', '=', '行政处罚')
    .where('source_ref', '=', `penalty:${id}`)
    .executeTakeFirstOrThrow();
  expect(record.status).toBe('有效');
  const set = await setOf(id);
  return { id, uscc, name, set, queryCode: await repairQueryCode(t.deps.db, now, set.set_no) };
}

const portal = (path: string, body: unknown, ip = '10.9.0.1') =>
  t.app.inject({
    method: 'POST',
    url: `/api/public/credit-repair/${path}`,
    payload: body as object,
    remoteAddress: ip,
  });

const statement = {
  statements: ['已履行行政处罚决定', '已纠正失信行为', '信用承诺'],
  statementText: '已于 2026 年 9 月缴清罚款，过期食品全部下架销毁，建立了进货查验制度。',
  contactName: '李经理',
  contactPhone: '13963300000',
};

async function applyOnPortal(p: Awaited<ReturnType<typeof publishedPenalty>>) {
  const res = await portal('applications', { uscc: p.uscc, queryCode: p.queryCode, ...statement });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().repairNo as string;
}

const decide = (repairNo: string, body: object, who = credit) =>
  call(t.app, who, 'POST', `/api/credit-repair/applications/${repairNo}/decision`, body);

const searchPublic = async (keyword: string) =>
  (
    await call(
      t.app,
      null,
      'GET',
      `/api/public/publicity?kind=${encodeURIComponent('行政处罚')}&keyword=${encodeURIComponent(keyword)}`,
    )
  ).json().total as number;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-12-07T10:00:00');
  staff = await login(t.app, 'scjg_staff');
  credit = await login(t.app, 'fgw_xy');
  other = await login(t.app, 'yjgl_admin');
});

describe('五书同达', () => {
  it('prepares a set per penalty (a natural person too); the four PDFs cite the decision number', async () => {
    const person = await createPenalty(t, { department: SCJG, decidedOn: '2026-12-01', naturalPerson: true });
    expect((await setOf(person)).set_no).toMatch(/^WSTD2026-\d{5}$/);
    const p = await publishedPenalty('2026-11-20');
    const view = (await call(t.app, staff, 'GET', `/api/credit-repair/penalties/${p.id}/documents`)).json();
    expect(view.documents.map((d: { title: string }) => d.title)).toEqual([
      '《行政处罚信息公示告知书》',
      '《行政合规建议书》',
      '《信用修复告知书》',
      '《电子公章使用授权书》',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'wstd-'));
    for (const d of view.documents) {
      const res = await call(t.app, staff, 'GET', d.url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const file = join(dir, `${d.kind}.pdf`);
      writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text, d.kind).toContain(p.set.decision_doc_no);
      if (d.kind === 'repair-notice') expect(text).toContain(p.queryCode);
    }
  });

  it('records the service by the penalty department only, with a receipt or an e-signature', async () => {
    const p = await publishedPenalty('2026-11-20');
    const url = `/api/credit-repair/penalties/${p.id}/service`;
    const input = { method: '电子送达', servedOn: '2026-12-04', servedBy: '张明、李强', eSigned: true };
    expect((await call(t.app, other, 'POST', url, input)).statusCode).toBe(403);
    const missing = await call(t.app, staff, 'POST', url, { ...input, eSigned: false });
    expect(missing.statusCode).toBe(400);
    const ok = await call(t.app, staff, 'POST', url, input);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().service).toMatchObject({ method: '电子送达', servedOn: '2026-12-04', eSigned: true });
  });
});

describe('信用修复', () => {
  it('refuses a wrong 查询码 and rate limits the portal lookups', async () => {
    const p = await publishedPenalty('2026-06-01');
    const wrong = await portal('lookup', { uscc: p.uscc, queryCode: 'ABCDEFGH' }, '10.9.1.1');
    expect(wrong.statusCode).toBe(403);
    expect(
      (await portal('applications', { uscc: p.uscc, queryCode: 'ABCDEFGH', ...statement }, '10.9.1.1')).statusCode,
    ).toBe(403);
    const right = await portal('lookup', { uscc: p.uscc, queryCode: p.queryCode.toLowerCase() }, '10.9.1.1');
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json().eligibility.eligible).toBe(true);
    const codes: number[] = [];
    for (let i = 0; i < 10; i += 1)
      codes.push((await portal('lookup', { uscc: p.uscc, queryCode: 'ZZZZZZZZ' }, '10.9.1.1')).statusCode);
    expect(codes).toContain(429);
  });

  it('an approved repair ends the publicity: not on the public page, credit record 已修复, push queued, audited', async () => {
    const p = await publishedPenalty('2026-06-01');
    expect(await searchPublic(p.uscc)).toBe(1);
    const repairNo = await applyOnPortal(p);
    const form = new FormData();
    form.append('queryCode', p.queryCode);
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), '缴款凭证.pdf');
    const request = new Request('http://x', { method: 'POST', body: form });
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/public/credit-repair/applications/${repairNo}/evidence`,
      headers: { 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
      remoteAddress: '10.9.2.1',
    });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json().evidence).toEqual([{ fileName: '缴款凭证.pdf', size: 15 }]);
    expect((await decide(repairNo, { action: 'approve', reason: '已履行' })).statusCode).toBe(409);
    expect((await decide(repairNo, { action: 'accept' }, staff)).statusCode).toBe(403);
    const accepted = await decide(repairNo, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // 12-07 (Mon) + 5 working days.
    expect(accepted.json().decisionDueOn).toBe('2026-12-14');
    const approved = await decide(repairNo, { action: 'approve', reason: '已履行处罚决定并完成整改' });
    expect(approved.json().status).toBe('已修复');
    expect(await searchPublic(p.uscc)).toBe(0);
    const pub = await publicationOf(p.id);
    expect(pub.status).toBe('已撤下');
    expect(pub.withdrawn_reason).toContain(repairNo);
    const push = await t.deps.db
      .selectFrom('publication_pushes as x')
      .innerJoin('outbound_data_messages as d', 'd.message_id', 'x.message_id')
      .select(['x.operation', 'd.payload'])
      .where('x.publication_id', '=', pub.id)
      .orderBy('x.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(push.operation).toBe('撤销');
    expect(JSON.stringify(push.payload)).toContain(repairNo);
    const record = await t.deps.db
      .selectFrom('credit_records')
      .select(['status', 'status_reason'])
      .where('source_ref', '=', `penalty:${p.id}`)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({ status: '已修复', status_reason: `信用修复 ${repairNo} 已核准` });
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', repairNo).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'credit_repair.apply',
        'credit_repair.evidence',
        'credit_repair.accept',
        'credit_repair.approve',
      ]),
    );
    const progress = await portal('progress', { repairNo, queryCode: p.queryCode }, '10.9.2.2');
    expect(progress.json().steps.map((s: { action: string }) => s.action)).toEqual(['提交申请', '受理', '核准修复']);
  });

  it('a rejection keeps the publicity and the record; too early is refused', async () => {
    const p = await publishedPenalty('2026-06-01');
    const repairNo = await applyOnPortal(p);
    const rejected = await decide(repairNo, { action: 'reject', reason: '罚款尚未缴纳' });
    expect(rejected.json().status).toBe('不予修复');
    expect(await searchPublic(p.uscc)).toBe(1);
    expect((await publicationOf(p.id)).status).toBe('已公示');
    const early = await publishedPenalty('2026-10-01');
    const res = await portal(
      'applications',
      { uscc: early.uscc, queryCode: early.queryCode, ...statement },
      '10.9.3.1',
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('2027-01-01 起可以申请');
  });

  it('lists overdue applications past the acceptance or decision deadline', async () => {
    const p = await publishedPenalty('2026-06-01');
    const repairNo = await applyOnPortal(p);
    let office = credit;
    const overdue = async () => {
      const res = await call(
        t.app,
        office,
        'GET',
        `/api/credit-repair/applications?status=${encodeURIComponent('逾期')}&pageSize=100`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { repairNo: string }[]).map((a) => a.repairNo);
    };
    expect(await overdue()).not.toContain(repairNo);
    setChinaTime(t, '2026-12-10T10:00:00');
    office = await login(t.app, 'fgw_xy');
    try {
      // Accept by 12-09 (2 working days after 12-07): overdue on 12-10.
      expect(await overdue()).toContain(repairNo);
      await decide(repairNo, { action: 'accept' }, office);
      expect(await overdue()).not.toContain(repairNo);
    } finally {
      setChinaTime(t, '2026-12-07T10:00:00');
    }
  });
});
