import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-departments';
import { launchChromium, screenshotDir, startPlatform } from '../support/platform-process';

/** The platform (demo city, fresh database) and Chromium shared by one test file, started before its tests and stopped after. */
export function platformForSuite(): { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser } {
  const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
  beforeAll(async () => {
    suite.platform = await startPlatform();
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.platform?.stop();
  });
  return suite;
}

/** A screenshot in test-results/screenshots/NAME.png: the whole page, or only the viewport (for an open dialog). */
export const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });

/** Removes the toasts (ElMessage) that pile up over the content, before a screenshot. */
export const withoutToasts = (page: Page): Promise<void> =>
  page.evaluate(() => document.querySelectorAll('.el-message').forEach((m) => m.remove()));

/** Opens the app, is sent to the login page and submits the form. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await page.getByTestId('login-username').locator('input').fill(username);
  await page.getByTestId('login-password').locator('input').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs `username` in (demo password), waits until the app has left the login page, then opens `path` if given. */
export async function openAs(page: Page, baseUrl: string, username: string, path?: string): Promise<void> {
  await signIn(page, baseUrl, username, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  if (path) await page.goto(`${baseUrl}${path}`);
}

/** `openAs` for the platform administrator. */
export const openAsAdmin = (page: Page, baseUrl: string, path?: string): Promise<void> =>
  openAs(page, baseUrl, 'admin', path);

/** The document's width, which must not exceed the viewport's at phone size. */
/**
 * The page's scroll width once the layout has settled: after a viewport change the app switches its layout on a
 * resize handler a frame or more later, so the width is read when it has not changed for 300 ms (at most 3 s; a
 * page that really overflows settles at its overflowing width).
 */
export const pageWidth = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
    let width = document.documentElement.scrollWidth;
    for (let stable = 0, waited = 0; stable < 6 && waited < 3000; waited += 50) {
      await pause();
      const now = document.documentElement.scrollWidth;
      stable = now === width ? stable + 1 : 0;
      width = now;
    }
    return width;
  });

/** Phone-sized browser context options (375 × 812, touch). */
export const phone = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const;

/** Picks an option of an Element Plus select by its visible text (a multi-select stays open afterwards). */
export async function choose(select: Locator, text: string): Promise<void> {
  await select.click();
  await select.page().locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
}

/** Runs `action` and waits for the API answer to `method path` it causes. */
export async function answerTo(page: Page, method: string, path: RegExp, action: () => Promise<unknown>) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === method),
    action(),
  ]);
  return response;
}

/**
 * Like answerTo, for a request the server may answer with a question (409 CONFIRMATION_REQUIRED: a visit or a check-in
 * on a rest day, which depends on the day the test runs): confirms it in the box the page shows and returns the answer
 * to the confirmed request.
 */
export async function answerConfirming(page: Page, method: string, path: RegExp, action: () => Promise<unknown>) {
  const first = await answerTo(page, method, path, action);
  if (first.status() !== 409 || (await first.json()).error?.code !== 'CONFIRMATION_REQUIRED') return first;
  return answerTo(page, method, path, () =>
    page.locator('.el-message-box').getByRole('button', { name: '确认' }).click(),
  );
}
