import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir, startPlatform } from '../support/platform-process';
import { answerTo, choose, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs } from './browser-scene';

// With the demo activity: its complaints are in every state (demo-complaint-handling.ts).
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

/** Keeps a copy of the screenshot for the report (/tmp/shots/chandle). */
async function keep(page: Page, name: string) {
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });
  await withoutToasts(page);
  await shot(page, name);
  mkdirSync('/tmp/shots/chandle', { recursive: true });
  copyFileSync(join(screenshotDir, `${name}.png`), `/tmp/shots/chandle/${name}.png`);
}

/** The dialog's text box (the test id lands on the textarea itself or on its wrapper). */
const dialogText = '[data-testid="complaint-dialog-text"] textarea, textarea[data-testid="complaint-dialog-text"]';

type Item = { ticketNo: string; title: string; status: string };

describe('投诉举报办理', () => {
  it('the joint office dispatches from the queue; the department accepts, verifies off site and replies', async () => {
    const office = await apiAs(suite.platform.url, 'lianxi');
    const queue = await office<{ items: Item[] }>('GET', '/api/complaints?status=待分派&pageSize=50');
    const target = queue.items.find((i) => i.title === '培训机构虚假宣传');
    expect(target, '示范数据中应有待分派的投诉').toBeDefined();
    const ticketNo = target!.ticketNo;

    const desk = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(desk, suite.platform.url, 'lianxi', '/complaints');
    await desk.getByTestId('complaints-table').waitFor();
    await desk.locator('.echart svg').first().waitFor();
    await keep(desk, 'complaints-list-desktop');
    await desk.goto(`${suite.platform.url}/complaints/queue`);
    await desk.getByTestId(`complaint-open-${ticketNo}`).click();
    await desk.getByTestId('complaint-dispatch').click();
    await choose(desk.getByTestId('dispatch-department'), '市市场监督管理局');
    await desk.locator(dialogText).fill('属市场监管部门职责');
    const dispatched = await answerTo(desk, 'POST', /\/dispatch$/, () =>
      desk.getByTestId('complaint-dialog-submit').click(),
    );
    expect(dispatched.status()).toBe(204);
    await expect.poll(() => desk.getByTestId('complaint-status').textContent()).toBe('待受理');
    await keep(desk, 'complaint-detail-dispatched-desktop');

    // The department on a phone: 受理, 非现场核查 with its conclusion, 答复.
    const mobile = await (await suite.browser.newContext(phone)).newPage();
    await openAs(mobile, suite.platform.url, 'scjg_admin', `/complaints/${encodeURIComponent(ticketNo)}`);
    await mobile.getByTestId('complaint-accept').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await keep(mobile, 'complaint-detail-phone');
    const accepted = await answerTo(mobile, 'POST', /\/accept$/, () => mobile.getByTestId('complaint-accept').click());
    expect(accepted.status()).toBe(204);
    await mobile.getByTestId('complaint-verify').click();
    await mobile.getByTestId('verify-result').getByText('部分属实').click();
    await mobile.locator(dialogText).fill('调取宣传材料，确有“保过”字样，已责令删除');
    await keep(mobile, 'complaint-verify-dialog-phone');
    const verified = await answerTo(mobile, 'POST', /\/verify$/, () =>
      mobile.getByTestId('complaint-dialog-submit').click(),
    );
    expect(verified.status()).toBe(204);
    await mobile.getByTestId('complaint-reply').click();
    await mobile.locator(dialogText).fill('您反映的虚假宣传问题经核查部分属实，已责令其删除“保过”宣传。');
    const replied = await answerTo(mobile, 'POST', /\/reply$/, () =>
      mobile.getByTestId('complaint-dialog-submit').click(),
    );
    expect(replied.status()).toBe(204);
    await expect.poll(() => mobile.getByTestId('complaint-status').textContent()).toBe('已办结');
    const timeline = await mobile.getByTestId('complaint-timeline').textContent();
    for (const step of ['分派', '受理', '登记核查结果', '答复']) expect(timeline).toContain(step);
    await keep(mobile, 'complaint-closed-phone');
  });

  it('the supervision office sees overdue complaints under 督办; rules and deadlines pages show', async () => {
    const desk = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(desk, suite.platform.url, 'sfj_dc', '/complaints/supervision');
    await desk.getByTestId('complaints-table').waitFor();
    await desk.getByTestId('complaints-table').getByText('挂牌督办', { exact: true }).first().waitFor();
    await keep(desk, 'complaint-supervision-desktop');
    const mobile = await (await suite.browser.newContext(phone)).newPage();
    await openAs(mobile, suite.platform.url, 'lianxi', '/complaints/dispatch-rules');
    await mobile.getByTestId('rules-table').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await keep(mobile, 'complaint-rules-phone');
    await mobile.goto(`${suite.platform.url}/complaints/matters`);
    await mobile.getByTestId('matters-table').waitFor();
    await keep(mobile, 'complaint-matters-phone');
    await mobile.goto(`${suite.platform.url}/complaints`);
    await mobile.getByTestId('complaints-table').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await keep(mobile, 'complaints-list-phone');
  });
});
