import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-departments';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, pageWidth, phone, shot, signIn, withoutToasts } from './browser-helpers';

// The demo city as `lianjian start` loads it without LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE: every demo
// account must change the published password at its first login (hardening finding 10).
let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
beforeAll(async () => {
  platform = await startPlatform([], { LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE: 'false' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Fills the change-password page and submits it. */
async function changePassword(page: Page, newPassword: string): Promise<void> {
  await page.getByTestId('change-password-old').locator('input').fill(DEMO_PASSWORD);
  await page.getByTestId('change-password-new').locator('input').fill(newPassword);
  await page.getByTestId('change-password-confirm').locator('input').fill(newPassword);
  await page.getByTestId('change-password-submit').click();
}

describe('password change at first login', () => {
  it('says so when starting, and sends a demo account to a full change-password page (375 px) until it is done', async () => {
    expect(platform.output()).toContain(`admin / ${DEMO_PASSWORD}（演示账号，首次登录须修改密码）`);
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await signIn(page, platform.url, 'scjg_staff', DEMO_PASSWORD);
    await page.waitForURL(/\/change-password/);
    await page.getByTestId('page-change-password').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    // Nothing else opens meanwhile.
    await page.goto(`${platform.url}/subjects`);
    await page.waitForURL(/\/change-password\?redirect=(%2F|\/)subjects/);
    await page.getByTestId('page-change-password').waitFor();
    await shot(page, 'accounts-change-password-phone');

    // The published demo password and a keyboard walk are refused in the form, with the server's rule.
    const fieldError = () => page.getByTestId('change-password-new').locator('.el-form-item__error').innerText();
    await changePassword(page, 'Lianjian@2026');
    await expect.poll(fieldError).toContain('容易被猜中');
    await changePassword(page, 'Zxcvbnm,./1');
    await expect.poll(fieldError).toContain('键盘上相邻');

    const done = await answerTo(page, 'POST', /^\/api\/auth\/password$/, () => changePassword(page, 'Rizhao#Jg2027'));
    expect(done.status()).toBe(204);
    await page.waitForURL((url) => url.pathname === '/subjects');
    await page.getByTestId('page-subjects').waitFor();
    await context.close();
  });
});

describe('online sessions', () => {
  it('lists who is signed in, in China time, and the administrator ends a session', async () => {
    const other = await browser.newContext({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 测试',
    });
    const otherPage = await other.newPage();
    await signIn(otherPage, platform.url, 'lianxi', DEMO_PASSWORD);
    await otherPage.waitForURL(/\/change-password/);
    await changePassword(otherPage, 'Bangong#Rz2027');
    await otherPage.waitForURL((url) => url.pathname === '/');

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, platform.url, 'admin', DEMO_PASSWORD);
    await page.waitForURL(/\/change-password/);
    await changePassword(page, 'Guanli#Rz2027');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('menu-sessions').click();
    await page.getByTestId('page-sessions').waitFor();
    const row = page.locator('.el-table__row', { hasText: 'lianxi' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Chrome 131 · Windows');
    expect(await row.innerText()).toContain('127.0.0.1');
    expect(await row.innerText()).toMatch(/20\d\d-\d\d-\d\d \d\d:\d\d:\d\d/);
    await expect.poll(() => page.locator('.el-table__row', { hasText: '当前会话' }).count()).toBe(1);
    await withoutToasts(page);
    await shot(page, 'accounts-online-sessions');

    await page.getByTestId('session-end-lianxi').click();
    const ended = await answerTo(page, 'DELETE', /^\/api\/sessions\//, () =>
      page.locator('.el-message-box').getByRole('button', { name: '强制下线' }).click(),
    );
    expect(ended.status()).toBe(204);
    await expect.poll(() => page.locator('.el-table__row', { hasText: 'lianxi' }).count()).toBe(0);

    // The ended session's next request is refused and the app returns to the login page.
    await otherPage.goto(`${platform.url}/plans/annual`);
    await otherPage.waitForURL(/\/login/);
    await other.close();
    await context.close();
  });
});
