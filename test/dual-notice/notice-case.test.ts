import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveRegistration } from '../support/factories/registration.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { publishTestCatalog } from './dual-notice-fixtures';

let t: TestApp;
let spj: Session;
let yjgl: Session;
let scjg: Session;
beforeAll(async () => {
  t = await testApp();
  spj = await login(t.app, 'spj_xk');
  yjgl = await login(t.app, 'yjgl_admin');
  scjg = await login(t.app, 'scjg_staff');
});
afterAll(async () => {
  await t.app.close();
});

const detail = async (id: number) => {
  const res = await call(t.app, spj, 'GET', `/api/dual-notice/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'dual-notice-pdf-'));
  writeFileSync(join(dir, 'notice.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'notice.pdf'), '-'], { encoding: 'utf8' });
}

function multipart(fileName: string, contentType: string, data: Buffer) {
  const boundary = '----dualnotice' + Date.now();
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('告知书, 承诺书 and the joint review', () => {
  it('adjusts items with a reason, issues the 告知书 and records the 承诺书 with a scan', async () => {
    setChinaTime(t, '2026-11-24T10:00:00');
    const { tag } = unique();
    await publishTestCatalog(t, tag);
    const id = await receiveRegistration(t.deps, {
      name: `日照海川${tag}餐饮管理有限公司`,
      businessScope: '餐饮服务；食品销售',
    });
    let c = await detail(id);
    expect(c.status).toBe('待出具告知书');
    expect(c.items.map((i: { code: string }) => i.code)).toEqual([`SP-${tag}`]);
    expect(c.itemList[0].matchedBy).toBe('经营范围含“食品销售”');
    // Adding an item needs a reason; its departments are pushed.
    const noReason = await call(t.app, spj, 'POST', `/api/dual-notice/cases/${id}/items`, {
      code: `YL-${tag}`,
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const added = await call(t.app, spj, 'POST', `/api/dual-notice/cases/${id}/items`, {
      code: `YL-${tag}`,
      reason: '经营场所内设老年助餐点',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().pushList.some((p: { target: string }) => p.target === '市民政局')).toBe(true);
    const removed = await call(t.app, spj, 'POST', `/api/dual-notice/cases/${id}/items/YL-${tag}/remove`, {
      reason: '核实后不涉及养老服务',
    });
    expect(removed.json().items.map((i: { code: string }) => i.code)).toEqual([`SP-${tag}`]);
    expect(removed.json().itemList.find((i: { code: string }) => i.code === `YL-${tag}`).removedReason).toBe(
      '核实后不涉及养老服务',
    );

    // The 告知书 PDF before issue is refused; issued, it lists the item, its department and the restriction.
    expect((await call(t.app, spj, 'GET', `/api/dual-notice/cases/${id}/notice.pdf`)).statusCode).toBe(409);
    c = (await call(t.app, spj, 'POST', `/api/dual-notice/cases/${id}/notice`)).json();
    expect(c.noticeNo).toMatch(/^SGZ2026-\d{6}$/);
    expect(c.status).toBe('待签署承诺书');
    const pdf = await call(t.app, spj, 'GET', `/api/dual-notice/cases/${id}/notice.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    for (const s of [
      `日照海川${tag}餐饮管理有限公司`,
      '食品经营许可',
      '市行政审批服务局',
      c.noticeNo,
      '2026 年 11 月 24 日',
      '未取得食品经营许可证前',
    ])
      expect(text).toContain(s);
    const template = await call(t.app, spj, 'GET', `/api/dual-notice/cases/${id}/commitment-template.pdf`);
    expect(pdfText(template.rawPayload)).toContain('在取得上述许可审批之前，本单位不开展相应经营活动');

    // A scan that is not what it claims is refused; a PDF scan is recorded.
    const fields = `signerName=${encodeURIComponent('王测试')}&signerRole=${encodeURIComponent('法定代表人')}&signedOn=2026-11-24`;
    const fake = multipart('scan.pdf', 'application/pdf', Buffer.from('not a pdf'));
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/dual-notice/cases/${id}/commitment-scan?${fields}`,
      payload: fake.payload,
      headers: { ...spj.headers, ...fake.headers },
    });
    expect(bad.statusCode).toBe(422);
    const scan = multipart('承诺书.pdf', 'application/pdf', pdf.rawPayload);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/dual-notice/cases/${id}/commitment-scan?${fields}`,
      payload: scan.payload,
      headers: { ...spj.headers, ...scan.headers },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().commitment).toMatchObject({
      signerName: '王测试',
      signerRole: '法定代表人',
      eSignature: false,
      scanFileName: '承诺书.pdf',
      recordedBy: '吴敏',
    });
    expect(ok.json().status).toBe('已完成');
    const back = await call(t.app, spj, 'GET', `/api/dual-notice/cases/${id}/commitment-scan`);
    expect(back.rawPayload.equals(pdf.rawPayload)).toBe(true);
  });

  it('keeps the 告知 of a high-risk item open until every department of the joint review agrees', async () => {
    setChinaTime(t, '2026-11-25T10:00:00');
    const { tag } = unique();
    await publishTestCatalog(t, tag);
    const id = await receiveRegistration(t.deps, { businessScope: '危险化学品经营（不带储存设施）' });
    await call(t.app, spj, 'POST', `/api/dual-notice/cases/${id}/notice`);
    const signed = await call(t.app, spj, 'POST', `/api/dual-notice/cases/${id}/commitment`, {
      signerName: '李授权',
      signerRole: '授权人',
      signedOn: '2026-11-25',
      eSignature: true,
    });
    expect(signed.json().commitment.eSignature).toBe(true);
    expect(signed.json().status).toBe('待联合审核');
    const pending = (await call(t.app, yjgl, 'GET', '/api/dual-notice/joint-reviews')).json();
    expect(pending.some((p: { registrationId: number }) => p.registrationId === id)).toBe(true);
    // A department outside the review cannot answer.
    expect(
      (await call(t.app, scjg, 'POST', `/api/dual-notice/cases/${id}/joint-review`, { opinion: '同意' })).statusCode,
    ).toBe(403);
    const refuse = await call(t.app, yjgl, 'POST', `/api/dual-notice/cases/${id}/joint-review`, { opinion: '不同意' });
    expect(refuse.json().error.message).toBe('不同意时请说明理由');
    expect(
      (
        await call(t.app, yjgl, 'POST', `/api/dual-notice/cases/${id}/joint-review`, {
          opinion: '不同意',
          note: '储存场所未落实',
        })
      ).json().status,
    ).toBe('联合审核未通过');
    const agreed = await call(t.app, yjgl, 'POST', `/api/dual-notice/cases/${id}/joint-review`, {
      opinion: '同意',
      note: '已整改',
    });
    expect(agreed.json().status).toBe('已完成');
  });

  it('runs a 前置审批 the other way round: no 告知书 or 承诺书, and the licensing department is not pushed', async () => {
    setChinaTime(t, '2026-11-26T10:00:00');
    const { tag } = unique();
    const { departments: d } = await publishTestCatalog(t, tag);
    const id = await receiveRegistration(t.deps, { businessScope: '危险化学品经营', priorApproval: true });
    const c = await detail(id);
    expect(c.status).toBe('前置审批');
    expect(c.pushList.map((p: { duty: string }) => p.duty)).not.toContain('许可审批');
    expect(
      c.pushList.some((p: { target: string; duty: string }) => p.target === '市城市管理局' && p.duty === '综合执法'),
    ).toBe(true);
    const refused = await call(t.app, spj, 'POST', `/api/dual-notice/cases/${id}/notice`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('前置审批');
    expect(d.yjgl).toBeGreaterThan(0);
  });
});
