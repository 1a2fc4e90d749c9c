import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageWidth, phone, platformForSuite, shot, signIn as signInAt } from './browser-helpers';

const suite = platformForSuite();

const signIn = (page: Page, username: string, password: string) =>
  signInAt(page, suite.platform.url, username, password);

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
    expect(suite.platform.output()).toContain(suite.platform.url);
    expect(suite.platform.output()).toContain('admin / Lianjian@2026');
  });

  it('shows the server message for a wrong password', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'admin', 'wrong-password');
    await expect.poll(() => page.getByText('用户名或密码错误').first().isVisible()).toBe(true);
    await shot(page, 'login-error-desktop');
    await page.close();
  });

  it('logs in through the real page and opens every admin page', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await expect.poll(() => page.getByText('系统管理员').first().isVisible()).toBe(true);
    await shot(page, 'home-desktop');
    for (const item of adminPages) {
      const menu = page.getByTestId(item.menu);
      if (!(await menu.isVisible())) await page.getByText('系统管理').first().click();
      await menu.click();
      await page.getByTestId(item.page).waitFor();
      if (item.text)
        await expect.poll(() => page.getByTestId(item.page).getByText(item.text).first().isVisible()).toBe(true);
      await page.waitForLoadState('networkidle');
      await shot(page, `${item.page}-desktop`);
    }
    await page.close();
  });

  it('verifies the audit chain from the audit page', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${suite.platform.url}/audit`);
    await page.getByTestId('page-audit').waitFor();
    await page.getByRole('button', { name: '校验哈希链' }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    await expect.poll(() => result.innerText()).toContain('完整');
    await shot(page, 'audit-verified-desktop');
    await page.close();
  });

  it('is usable at phone width (375 px)', async () => {
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await signIn(page, 'scjg_admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await shot(page, 'home-phone');
    for (const path of ['users', 'calendar', 'departments']) {
      await page.goto(`${suite.platform.url}/${path}`);
      await page.getByTestId(`page-${path}`).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await pageWidth(page), `${path} 页面不应横向溢出`).toBeLessThanOrEqual(375);
      await shot(page, `page-${path}-phone`);
    }
    await context.close();
  });
});
