import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs } from './browser-scene';

// With the demo activity: its licences and penalties (demo-publicity.ts) are what the pages show.
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
});
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

type Publication = { id: number; kind: string; counterpartName: string; uscc: string | null; state: string };

describe('双公示', () => {
  it('staff publish a licence on review; the public page (no login, 375 px) finds it by credit code', async () => {
    // The demo city leaves the newest licences of 市市场监督管理局 awaiting review.
    const staffApi = await apiAs(suite.platform.url, 'scjg_staff');
    const waiting = await staffApi<{ items: Publication[] }>(
      'GET',
      `/api/publicity/publications?status=${encodeURIComponent('待公示')}&kind=${encodeURIComponent('行政许可')}&pageSize=50`,
    );
    const record = waiting.items.find((p) => p.uscc)!;
    expect(record).toBeDefined();

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openAs(page, suite.platform.url, 'scjg_staff', '/publicity');
    await page.getByTestId(`publicity-publish-${record.id}`).waitFor();
    await shot(page, 'publicity-staff');
    const published = await answerTo(page, 'POST', /\/publish$/, async () => {
      await page.getByTestId(`publicity-publish-${record.id}`).click();
      await page.locator('.el-message-box').getByRole('button', { name: '公示' }).click();
    });
    expect(published.status()).toBe(204);
    await expect.poll(() => page.getByTestId(`publicity-state-${record.id}`).innerText()).toBe('已公示');
    await page.getByTestId(`publicity-open-${record.id}`).click();
    await page.getByTestId('publication-drawer').getByText('推送公共信用信息服务平台').waitFor();
    await withoutToasts(page);
    await shot(page, 'publicity-drawer', false);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '逾期清单' }).click();
    await page.getByTestId('publicity-overdue-table').waitFor();
    await shot(page, 'publicity-overdue');
    await context.close();

    // The same page on a phone: nothing wider than the screen.
    const staffPhone = await (await suite.browser.newContext(phone)).newPage();
    await openAs(staffPhone, suite.platform.url, 'scjg_staff', '/publicity');
    await staffPhone.getByTestId(`publicity-state-${record.id}`).waitFor();
    expect(await pageWidth(staffPhone)).toBeLessThanOrEqual(375);
    await shot(staffPhone, 'publicity-staff-phone');

    const pub = await (await suite.browser.newContext(phone)).newPage();
    await pub.goto(`${suite.platform.url}/public/publicity`);
    await pub.getByTestId('page-public-publicity').waitFor();
    await pub.getByTestId('public-publicity-keyword').fill(record.uscc!);
    await pub.getByTestId('public-publicity-search').click();
    const card = pub.getByTestId(`public-publicity-${record.id}`);
    await card.waitFor();
    expect(await card.innerText()).toContain(record.counterpartName);
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    await shot(pub, 'public-publicity-phone');
    await pub.getByTestId(`public-publicity-open-${record.id}`).click();
    const detail = pub.getByTestId('public-publicity-detail');
    await detail.getByText('许可证书名称').waitFor();
    expect(await detail.innerText()).toContain(record.uscc!);
    await shot(pub, 'public-publicity-detail-phone', false);
    await pub.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    // Penalties: the natural person's record shows no ID number.
    await pub.getByRole('tab', { name: '行政处罚' }).click();
    await pub.getByTestId('public-publicity-keyword').fill('');
    await pub.getByTestId('public-publicity-search').click();
    await pub.getByTestId('page-public-publicity').getByText('处罚决定书文号').first().waitFor();
    expect(await pub.getByTestId('page-public-publicity').innerText()).not.toMatch(/\*{4}|身份证/);
    await shot(pub, 'public-publicity-penalties-phone');
  });
});
