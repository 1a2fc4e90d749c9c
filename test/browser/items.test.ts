import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageWidth, phone, platformForSuite, shot, openAsAdmin } from './browser-helpers';

const suite = platformForSuite();

interface Listed {
  total: number;
  items: { departmentName: string; published?: boolean }[];
}

/** Runs `action` and waits for the GET of `path` it causes; returns its JSON. */
async function listAfter(page: Page, path: string, action: () => Promise<unknown>): Promise<Listed> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'GET'),
    action(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Listed;
}

const rows = (page: Page, table: string) => page.getByTestId(table).locator('.el-table__body tr');

describe('item catalog pages in Chromium', () => {
  it('lists supervision items, opens one with its check items and history', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openAsAdmin(page, suite.platform.url);
    await listAfter(page, '/api/items', () => page.getByTestId('menu-items').click());
    await page.getByTestId('page-items').locator('.el-pagination__sizes .el-select').click();
    const all = await listAfter(page, '/api/items', () =>
      page.locator('.el-select-dropdown__item:visible', { hasText: '50' }).first().click(),
    );
    // The demo city's catalog: 32 items (demo-items-data.ts) of 12 departments.
    expect(all.total).toBeGreaterThanOrEqual(31);
    expect(new Set(all.items.map((i) => i.departmentName)).size).toBe(12);
    await expect.poll(() => rows(page, 'items-table').count()).toBe(all.total);
    await page.waitForLoadState('networkidle');
    await shot(page, 'items-desktop');

    const link = rows(page, 'items-table').first().locator('a').first();
    const name = (await link.innerText()).trim();
    await link.click();
    await page.getByTestId('page-item-detail').waitFor();
    await expect.poll(() => page.getByTestId('item-detail-name').innerText()).toBe(name);
    await expect.poll(() => page.getByTestId('item-descriptions').innerText()).toContain('设定依据');
    await expect
      .poll(() => page.getByTestId('item-check-items').locator('.el-table__body tr').count())
      .toBeGreaterThan(0);
    await page.getByTestId('item-version-1').click();
    await expect.poll(() => page.getByTestId('item-version-snapshot').innerText()).toContain(name);
    await page.keyboard.press('Escape');
    await page.getByTestId('item-version-snapshot').waitFor({ state: 'hidden' });
    await page.waitForLoadState('networkidle');
    await shot(page, 'item-detail-desktop');
    await page.close();
  });

  it('lists sampling items with their ratios and withdraws one', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openAsAdmin(page, suite.platform.url);
    const listed = await listAfter(page, '/api/sampling-items', () => page.getByTestId('menu-sampling-items').click());
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.items.some((i) => i.published)).toBe(true);
    await expect.poll(() => page.getByTestId('sampling-items-table').innerText()).toContain('已公布');
    await expect
      .poll(() => page.getByTestId('sampling-ratios').first().innerText())
      .toMatch(/\d+%\s+\d+%\s+\d+%\s+\d+%/);

    await page.getByTestId('sampling-search-published').click();
    const published = await listAfter(page, '/api/sampling-items', async () => {
      await page.locator('.el-select-dropdown__item:visible', { hasText: '已公布' }).first().click();
      await page.getByRole('button', { name: '搜索' }).click();
    });
    expect(published.items.every((i) => i.published)).toBe(true);
    await page.waitForLoadState('networkidle');
    await shot(page, 'sampling-items-desktop');

    await rows(page, 'sampling-items-table').first().getByRole('button', { name: '撤回' }).click();
    const [withdrawn] = await Promise.all([
      page.waitForResponse((r) => /\/api\/sampling-items\/\d+\/unpublish$/.test(new URL(r.url()).pathname)),
      page.locator('.el-message-box .el-button--primary').click(),
    ]);
    expect(withdrawn.status(), await withdrawn.text()).toBe(200);
    expect(((await withdrawn.json()) as { published: boolean }).published).toBe(false);
    await page.close();
  });

  it('is usable at phone width (375 px)', async () => {
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await openAsAdmin(page, suite.platform.url);
    await listAfter(page, '/api/items', () => page.goto(`${suite.platform.url}/items`));
    await page.waitForLoadState('networkidle');
    expect(await pageWidth(page), '列表页不应横向溢出').toBeLessThanOrEqual(375);
    await shot(page, 'items-phone');
    await rows(page, 'items-table').first().locator('a').first().click();
    await page.getByTestId('item-descriptions').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await pageWidth(page), '详情页不应横向溢出').toBeLessThanOrEqual(375);
    await shot(page, 'item-detail-phone');
    await listAfter(page, '/api/sampling-items', () => page.goto(`${suite.platform.url}/sampling-items`));
    await page.waitForLoadState('networkidle');
    expect(await pageWidth(page), '抽查事项清单不应横向溢出').toBeLessThanOrEqual(375);
    await shot(page, 'sampling-items-phone');
    await context.close();
  });
});
