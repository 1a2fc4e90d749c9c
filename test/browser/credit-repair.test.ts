import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs, requestAs } from './browser-scene';

// With the demo activity: its penalties (demo-records.ts) have their 五书同达 sets (demo-credit-repair.ts).
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
  // The demo city is seeded at start: on a loaded machine that takes longer than the default hook timeout.
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

type Penalty = { id: number; decidedOn: string };
type Eligibility = { uscc: string | null; decisionDocNo: string; eligibility: { eligible: boolean } };
const kinds = ['publicity-notice', 'compliance-advice', 'repair-notice', 'seal-authorisation'];
const pdfDir = join('test-results', 'credit-repair-pdfs');

describe('信用修复与五书同达', () => {
  it('the four PDFs download; the enterprise applies on the portal; the credit office approves; 双公示 no longer shows it', async () => {
    const office = await apiAs(suite.platform.url, 'fgw_xy');
    const penalties = await office<{ items: Penalty[] }>('GET', '/api/records/penalties?pageSize=100');
    let target: { id: number; uscc: string; docNo: string } | null = null;
    for (const p of [...penalties.items].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn))) {
      const e = await office<Eligibility>('GET', `/api/credit-repair/penalties/${p.id}/eligibility`);
      if (e.eligibility.eligible && e.uscc) {
        target = { id: p.id, uscc: e.uscc, docNo: e.decisionDocNo };
        break;
      }
    }
    expect(target, '示范数据中应有一条可申请修复的处罚').not.toBeNull();
    const { id, uscc, docNo } = target!;

    // 五书同达 on the penalty's page; each PDF cites the decision number and is rendered to PNG to be looked at.
    const desk = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(desk, suite.platform.url, 'fgw_xy', `/records/penalties/${id}`);
    await desk.getByTestId('penalty-documents').waitFor();
    await shot(desk, 'credit-repair-penalty-documents');
    const staff = await requestAs(suite.platform.url, 'fgw_xy');
    mkdirSync(pdfDir, { recursive: true });
    let queryCode = '';
    for (const kind of kinds) {
      const res = await staff.get(`/api/credit-repair/penalties/${id}/documents/${kind}`);
      expect(res.status()).toBe(200);
      const file = join(pdfDir, `${kind}.pdf`);
      writeFileSync(file, await res.body());
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text, kind).toContain(docNo);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(pdfDir, kind)]);
      if (kind === 'repair-notice') queryCode = /企业查询码【([A-Z0-9]+)】/.exec(text)?.[1] ?? '';
    }
    expect(queryCode).toMatch(/^[A-Z0-9]{8}$/);

    // The enterprise on its phone: 统一社会信用代码 + 查询码, statements, evidence, contact.
    const portal = await (await suite.browser.newContext(phone)).newPage();
    await portal.goto(`${suite.platform.url}/public/credit-repair`);
    await portal.getByTestId('portal-repair-uscc').fill(uscc);
    await portal.getByTestId('portal-repair-code').fill(queryCode);
    await portal.getByTestId('portal-repair-lookup').click();
    await portal.getByTestId('portal-repair-penalty').waitFor();
    for (const s of ['已履行行政处罚决定', '已纠正失信行为', '信用承诺'])
      await portal.getByTestId(`portal-repair-statement-${s}`).click();
    await portal.getByTestId('portal-repair-text').fill('罚款已缴清，过期食品已全部下架销毁，建立了进货查验制度。');
    await portal
      .getByTestId('portal-repair-files')
      .setInputFiles({ name: '缴款凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await portal.getByTestId('portal-repair-contact').fill('李经理');
    await portal.getByTestId('portal-repair-phone').fill('13963300000');
    expect(await pageWidth(portal)).toBeLessThanOrEqual(375);
    await shot(portal, 'credit-repair-portal-form-phone');
    const applied = await answerTo(portal, 'POST', /\/evidence$/, () =>
      portal.getByTestId('portal-repair-submit').click(),
    );
    expect(applied.status()).toBe(200);
    const repairNo = ((await applied.json()) as { repairNo: string }).repairNo;
    await expect.poll(() => portal.getByTestId('portal-repair-status').innerText()).toBe('待受理');
    await withoutToasts(portal);
    await shot(portal, 'credit-repair-portal-progress-phone');

    // The credit office: the list, the detail with the evidence, accept, then approve with reasons.
    await desk.goto(`${suite.platform.url}/credit-repair`);
    await desk.getByTestId('repair-table').getByText(repairNo).waitFor();
    await shot(desk, 'credit-repair-list');
    await desk.getByTestId('repair-table').getByText(repairNo).click();
    await desk.getByTestId('repair-evidence').getByText('缴款凭证.pdf').waitFor();
    await desk.getByTestId('repair-accept').click();
    await expect.poll(() => desk.getByTestId('repair-status').innerText()).toBe('已受理');
    await desk.getByTestId('repair-approve').click();
    await desk.getByTestId('repair-reason').fill('已履行行政处罚决定并完成整改，符合信用修复条件');
    await desk.getByTestId('repair-confirm').click();
    await expect.poll(() => desk.getByTestId('repair-status').innerText()).toBe('已修复');
    await withoutToasts(desk);
    await shot(desk, 'credit-repair-detail');

    // The public 双公示 page no longer shows the penalty; the enterprise sees 已修复.
    const pub = await (await suite.browser.newContext(phone)).newPage();
    await pub.goto(`${suite.platform.url}/public/publicity`);
    await pub.getByRole('tab', { name: '行政处罚' }).click();
    await pub.getByTestId('public-publicity-keyword').fill(uscc);
    await pub.getByTestId('public-publicity-search').click();
    await pub.getByText('暂无行政处罚公示信息').waitFor();
    await portal.getByTestId('portal-repair-mode-progress').click();
    await portal.getByTestId('portal-repair-no').fill(repairNo);
    await portal.getByTestId('portal-repair-lookup').click();
    await expect.poll(() => portal.getByTestId('portal-repair-status').innerText()).toBe('已修复');

    // Phone widths of the staff pages.
    const staffPhone = await (await suite.browser.newContext(phone)).newPage();
    await openAs(staffPhone, suite.platform.url, 'fgw_xy', '/credit-repair');
    await staffPhone.getByTestId('page-credit-repair').waitFor();
    expect(await pageWidth(staffPhone)).toBeLessThanOrEqual(375);
    await shot(staffPhone, 'credit-repair-list-phone');
  });
});
