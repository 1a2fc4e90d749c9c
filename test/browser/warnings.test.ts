import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { organUscc } from '../../src/shared/uscc';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs, chinaToday } from './browser-scene';

// With the demo activity: the demo city's warnings fill the charts (demo-warnings.ts).
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('风险预警', () => {
  it('a rule fires (立即运行); the department checks, disposes of it and gives feedback on a phone; the warning closes', async () => {
    const url = suite.platform.url;
    // The fact: a food licence of 市市场监督管理局 that ran out 20 days ago, its holder still 存续.
    const admin = await apiAs(url, 'admin');
    const tag = String(Date.now()).slice(-6);
    const uscc = organUscc('371102', 880_000 + (Number(tag) % 100_000));
    const name = `日照预警浏览器测试${tag}食品店`;
    await admin('POST', '/api/subjects', { uscc, name, kind: '企业', divisionCode: '371102', industryCodes: ['5211'] });
    const scjg = await apiAs(url, 'scjg_admin');
    const today = chinaToday();
    const sent = await scjg<{ refused: number }>('POST', '/api/records/licences', {
      senderRecordId: `YJ-BROWSER-${tag}`,
      counterpartCategory: '法人及非法人组织',
      counterpartName: name,
      uscc,
      legalRepresentative: '李测试',
      decisionDocName: '食品经营许可决定书',
      decisionDocNo: `日市监食许〔2021〕${tag}号`,
      category: '普通',
      certificateName: '食品经营许可证',
      certificateNo: `JY1371102${tag}`,
      content: '预包装食品销售',
      validFrom: daysBefore(today, 1845),
      validTo: daysBefore(today, 20),
      decidedOn: daysBefore(today, 1845),
      authorityName: '日照市市场监督管理局',
      authorityUscc: organUscc('371100', 900_002),
      sourceUnitName: '日照市市场监督管理局',
      sourceUnitUscc: organUscc('371100', 900_002),
      status: '有效',
    });
    expect(sent.refused).toBe(0);

    // The joint office runs the rule now on the rule page.
    const desk = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(desk, url, 'lianxi', '/warnings');
    await desk.getByTestId('warning-charts').waitFor();
    await shot(desk, 'warnings-list-desktop');
    await desk.getByRole('tab', { name: '预警规则' }).click();
    const ran = await answerTo(desk, 'POST', /\/api\/warnings\/rules\/licence_lapsed\/run$/, () =>
      desk.getByTestId('rule-run-licence_lapsed').click(),
    );
    expect(ran.status()).toBe(200);
    expect((await ran.json()).created).toBeGreaterThanOrEqual(1);
    await desk.getByText('运行完成').first().waitFor();
    await withoutToasts(desk);
    await shot(desk, 'warnings-rules-desktop');

    // 市市场监督管理局's staff on a phone: finds the warning, 核查 → 非现场处置 → 反馈.
    const page = await (await suite.browser.newContext(phone)).newPage();
    await openAs(page, url, 'scjg_staff', '/warnings');
    await page.getByTestId('warning-charts').waitFor();
    await shot(page, 'warnings-list-phone');
    await page.getByTestId('warning-keyword').fill(uscc);
    await answerTo(page, 'GET', /\/api\/warnings$/, () => page.getByTestId('warning-keyword').press('Enter'));
    const staff = await apiAs(url, 'scjg_staff');
    const list = await staff<{ items: { id: number; ruleName: string }[] }>('GET', `/api/warnings?keyword=${uscc}`);
    expect(list.items.map((i) => i.ruleName)).toEqual(['超期或无证经营']);
    const id = list.items[0]!.id;
    await page.getByTestId(`warning-open-${id}`).click();
    const facts = page.getByTestId('warning-facts');
    await expect.poll(() => facts.innerText()).toContain(`有效期至 ${daysBefore(today, 20)}，已过期`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.waitForTimeout(500); // the drawer slides in
    await shot(page, 'warning-detail-phone', false);
    await page.getByTestId('warning-check-note').fill('核实：许可证已过期，门店仍在营业');
    await answerTo(page, 'POST', /\/check$/, () => page.getByTestId('warning-check').click());
    await page.getByTestId('warning-measure').fill('责令停止销售，告知依法申请延续许可');
    await answerTo(page, 'POST', /\/dispose$/, () => page.getByTestId('warning-dispose').click());
    await page.getByTestId('warning-feedback').fill('门店已停业整改，并已提交许可延续申请');
    const closed = await answerTo(page, 'POST', /\/feedback$/, () => page.getByTestId('warning-close').click());
    expect(closed.status()).toBe(204);
    await expect.poll(() => page.getByTestId('warning-status').innerText()).toBe('已关闭');
    await withoutToasts(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'warning-closed-phone');
    const detail = await staff<{ status: string; events: { action: string }[] }>('GET', `/api/warnings/${id}`);
    expect(detail.status).toBe('已关闭');
    expect(detail.events.map((e) => e.action)).toEqual(['核查', '处置', '反馈']);
  });
});
