import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageWidth, phone, platformForSuite, shot, openAsAdmin } from './browser-helpers';

const suite = platformForSuite();

interface ListJson {
  total: number;
  summary: { valid: number; expiring: number; expired: number; disabled: number };
}

/** Runs `action` and waits for the response of the request it causes to `path` with `method`; returns its JSON. */
async function responseAfter<T>(page: Page, path: string, method: string, action: () => Promise<void>): Promise<T> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === method),
    action(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

async function listAfter(page: Page, action: () => Promise<void>): Promise<ListJson> {
  const json = await responseAfter<ListJson>(page, '/api/inspectors', 'GET', action);
  await page
    .locator('[data-testid="inspectors-table"] .el-loading-mask')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
  return json;
}

const rows = (page: Page) => page.getByTestId('inspectors-table').locator('.el-table__body tr');

describe('inspector register page in Chromium', () => {
  it('filters by expired certificates and declares a conflict of interest', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAsAdmin(page, suite.platform.url);
    const first = await listAfter(page, () => page.getByTestId('menu-inspectors').click());
    await page.getByTestId('page-inspectors').waitFor();
    expect(first.summary.expired).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('inspector-summary-expired').innerText())
      .toContain(String(first.summary.expired));

    const expired = await listAfter(page, () => page.getByTestId('inspector-summary-expired').click());
    expect(expired.total).toBe(first.summary.expired);
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    const states = await page
      .getByTestId('inspectors-table')
      .getByTestId('inspector-certificate-state')
      .allInnerTexts();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states.map((s) => s.trim()))).toEqual(new Set(['已过期']));
    await page.waitForLoadState('networkidle');
    await shot(page, 'inspectors-desktop');

    await rows(page).first().getByTestId('inspector-open').click();
    const drawer = page.getByTestId('inspector-drawer');
    await drawer.getByTestId('inspector-descriptions').waitFor();
    await drawer.getByTestId('conflict-subject').click();
    await responseAfter(page, '/api/subjects', 'GET', () => page.keyboard.type('恒信'));
    const option = page.locator('.el-select-dropdown__item:visible').first();
    const subjectName = (await option.locator('span').first().innerText()).trim();
    expect(subjectName).toContain('恒信');
    await option.click();
    await drawer.getByTestId('conflict-reason').fill('近亲属在该单位担任负责人');
    const path = new URL(page.url()).pathname;
    expect(path).toBe('/inspectors');
    await Promise.all([
      page.waitForResponse(
        (r) =>
          /\/api\/inspectors\/\d+\/conflicts$/.test(new URL(r.url()).pathname) &&
          r.request().method() === 'POST' &&
          r.status() === 200,
      ),
      drawer.getByTestId('conflict-declare').click(),
    ]);
    await expect.poll(() => drawer.getByTestId('inspector-conflicts').innerText()).toContain(subjectName);
    await expect
      .poll(() => drawer.getByTestId('inspector-conflicts').innerText())
      .toContain('近亲属在该单位担任负责人');
    await page.waitForTimeout(400);
    await shot(page, 'inspector-detail-desktop', false);

    await drawer.getByTestId('inspector-edit').click();
    const dialog = page.getByTestId('inspector-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('inspector-name').inputValue()).not.toBe('');
    await page.waitForTimeout(400);
    await shot(page, 'inspector-dialog-desktop', false);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await drawer.getByTestId('conflict-withdraw').first().click();
    await Promise.all([
      page.waitForResponse(
        (r) =>
          /\/api\/inspectors\/\d+\/conflicts\/\d+$/.test(new URL(r.url()).pathname) &&
          r.request().method() === 'DELETE' &&
          r.status() === 204,
      ),
      page.locator('.el-message-box').getByRole('button', { name: '撤回' }).click(),
    ]);
    await expect.poll(() => drawer.getByTestId('inspector-conflicts').innerText()).not.toContain(subjectName);
    await page.close();
  });

  it('is usable at phone width (375 px)', async () => {
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await openAsAdmin(page, suite.platform.url);
    const list = await listAfter(page, async () => {
      await page.goto(`${suite.platform.url}/inspectors`);
    });
    expect(list.total).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(await pageWidth(page), '列表页不应横向溢出').toBeLessThanOrEqual(375);
    await shot(page, 'inspectors-phone');

    await rows(page).first().getByTestId('inspector-open').click();
    await page.getByTestId('inspector-drawer').getByTestId('inspector-descriptions').waitFor();
    expect(await pageWidth(page), '详情抽屉不应横向溢出').toBeLessThanOrEqual(375);
    await context.close();
  });
});
