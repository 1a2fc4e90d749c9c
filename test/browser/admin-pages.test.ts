import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir, startPlatform } from '../support/platform-process';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${platform.url}/`);
  await page.waitForURL(/\/login/);
  await page.getByTestId('login-username').locator('input').fill(username);
  await page.getByTestId('login-password').locator('input').fill(password);
  await page.getByTestId('login-submit').click();
}

const adminPages = [
  { menu: 'menu-departments', page: 'page-departments', text: '市应急管理局' },
  { menu: 'menu-users', page: 'page-users', text: 'scjg_admin' },
  { menu: 'menu-roles', page: 'page-roles', text: '联席会议办公室' },
  { menu: 'menu-tokens', page: 'page-tokens', text: '' },
  { menu: 'menu-audit', page: 'page-audit', text: '登录' },
  { menu: 'menu-calendar', page: 'page-calendar', text: '2026' },
];

describe('admin pages in Chromium', () => {
  it('prints the URL and the initial admin login at start', () => {
    expect(platform.output()).toContain(platform.url);
    expect(platform.output()).toContain('admin / Lianjian@2026');
  });

  it('shows the server message for a wrong password', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'admin', 'wrong-password');
    await expect.poll(() => page.getByText('用户名或密码错误').first().isVisible()).toBe(true);
    await shot(page, 'login-error-desktop');
    await page.close();
  });

  it('logs in through the real page and opens every admin page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await expect.poll(() => page.getByText('系统管理员').first().isVisible()).toBe(true);
    await shot(page, 'home-desktop');
    for (const item of adminPages) {
      const menu = page.getByTestId(item.menu);
      if (!(await menu.isVisible())) await page.getByText('系统管理').first().click();
      await menu.click();
      await page.getByTestId(item.page).waitFor();
      if (item.text) await expect.poll(() => page.getByTestId(item.page).getByText(item.text).first().isVisible()).toBe(true);
      await page.waitForLoadState('networkidle');
      await shot(page, `${item.page}-desktop`);
    }
    await page.close();
  });

  it('verifies the audit chain from the audit page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${platform.url}/audit`);
    await page.getByTestId('page-audit').waitFor();
    await page.getByRole('button', { name: '校验哈希链' }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    await expect.poll(() => result.innerText()).toContain('完整');
    await shot(page, 'audit-verified-desktop');
    await page.close();
  });

  it('is usable at phone width (375 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, 'scjg_admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await shot(page, 'home-phone');
    for (const path of ['users', 'calendar', 'departments']) {
      await page.goto(`${platform.url}/${path}`);
      await page.getByTestId(`page-${path}`).waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} 页面不应横向溢出`).toBeLessThanOrEqual(375);
      await shot(page, `page-${path}-phone`);
    }
    await context.close();
  });
});
