import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startPlatform } from '../support/platform-process';
import { openAs, pageWidth, phone, shot } from './browser-helpers';

// The demo city with its activity: the 双跟踪 demo (src/demo/demo-follow-ups.ts) gives each page its data.
let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
beforeAll(async () => {
  platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('双跟踪 pages', () => {
  it('a department user sees its follow-ups with due dates, overdue ones marked; also on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await openAs(page, platform.url, 'scjg_admin', '/follow-ups');
    const table = page.getByTestId('follow-ups-table');
    await table.locator('tbody tr').first().waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/20\d\d-\d\d-\d\d/);
    expect(text).toContain('逾期');
    expect(text).toContain('已跟踪');
    expect(text).toContain('发现无证经营');
    expect(text).toMatch(/还剩 \d+ 天/);
    // Only its own department: the department column is not there, and no other department's name shows.
    expect(text).not.toContain('市应急管理局');
    expect(await page.getByTestId('follow-up-count-逾期').innerText()).toMatch(/^[1-9]/);
    await shot(page, 'follow-ups-department');
    await page.getByRole('tab', { name: '纳入日常监管' }).click();
    await page.getByTestId('routine-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('routine-table').innerText()).toContain('食品经营许可证');
    await shot(page, 'follow-ups-routine');
    await context.close();

    const mobile = await browser.newContext(phone);
    const phonePage = await mobile.newPage();
    await openAs(phonePage, platform.url, 'scjg_staff', '/follow-ups');
    await phonePage.getByTestId('follow-ups-table').getByText('跟踪期限').first().waitFor();
    expect(await pageWidth(phonePage)).toBeLessThanOrEqual(375);
    await phonePage.waitForTimeout(600); // the tags' zoom-in transition
    await shot(phonePage, 'follow-ups-phone');
    await mobile.close();
  });

  it('the supervision office sees an application over its promised limit highlighted, and every department', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await openAs(page, platform.url, 'sfj_dc', '/follow-ups/applications');
    const table = page.getByTestId('applications-table');
    await table.locator('tbody tr').first().waitFor();
    const late = table.locator('tr.application-row--warning, tr.application-row--danger');
    expect(await late.count()).toBeGreaterThanOrEqual(1);
    expect(await late.first().innerText()).toMatch(/超(承诺|法定)时限/);
    expect(await page.getByTestId('application-departments').innerText()).toContain('市行政审批服务局');
    await shot(page, 'licence-applications-supervision');
    await page.goto(`${platform.url}/follow-ups`);
    await page.getByTestId('follow-up-overview').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('follow-up-overview').innerText()).toContain('市市场监督管理局');
    await shot(page, 'follow-ups-supervision');
    await context.close();

    const mobile = await browser.newContext(phone);
    const phonePage = await mobile.newPage();
    await openAs(phonePage, platform.url, 'sfj_dc', '/follow-ups/applications');
    const cards = phonePage.getByTestId('applications-table');
    await cards.locator('.application-row--warning, .application-row--danger').first().waitFor();
    expect(await pageWidth(phonePage)).toBeLessThanOrEqual(375);
    await phonePage.waitForTimeout(600); // the tags' zoom-in transition
    await shot(phonePage, 'licence-applications-phone');
    await mobile.close();
  });
});
