import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, choose, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs } from './browser-scene';

// With the demo activity: the last ended quarter was evaluated and pushed (demo-credit-evaluation.ts).
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
});
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

type Run = { id: number; runNo: string; status: string; subjectCount: number };
type Result = { subjectId: number; uscc: string; creditClass: string };

describe('信用评价', () => {
  it('the credit office runs the quarter, reviews the movements, verifies and pushes; a department sees the class', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openAs(page, suite.platform.url, 'fgw_xy', '/credit/runs');
    await page.getByTestId('credit-runs-table').waitFor();
    await shot(page, 'credit-runs');
    await choose(page.getByTestId('credit-run-period'), '第四季度');
    const started = await answerTo(page, 'POST', /\/api\/credit\/runs$/, () =>
      page.getByTestId('credit-run-start').click(),
    );
    expect(started.status()).toBe(200);
    const run = (await started.json()) as Run;
    await page.waitForURL(`**/credit/runs/${run.id}`);
    await page.getByTestId('credit-run-charts').waitFor();
    await page.getByTestId('credit-results-table').waitFor();
    await page.getByTestId('credit-run-verify').click();
    await expect.poll(() => page.getByTestId('credit-run-verification').innerText()).toContain('复核一致');
    await withoutToasts(page);
    await shot(page, 'credit-run-review');
    const pushed = await answerTo(page, 'POST', /\/push$/, async () => {
      await page.getByTestId('credit-run-push').click();
      await page.locator('.el-message-box').getByRole('button', { name: '推送' }).click();
    });
    expect(pushed.status()).toBe(200);
    await expect.poll(() => page.getByTestId('credit-run-status').innerText()).toBe('已推送');
    await page.goto(`${suite.platform.url}/credit/model`);
    await page.getByTestId('credit-model-indicators').waitFor();
    await shot(page, 'credit-model');
    await context.close();

    // A department's staff: the subject page shows the class this run pushed.
    const staffApi = await apiAs(suite.platform.url, 'scjg_staff');
    const results = await staffApi<{ items: Result[] }>('GET', `/api/credit/runs/${run.id}/results?pageSize=1`);
    const subject = results.items[0]!;
    const staff = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(staff, suite.platform.url, 'scjg_staff', `/subjects/${subject.subjectId}`);
    await staff.getByTestId('subject-credit-history').waitFor();
    await expect
      .poll(() => staff.getByTestId('subject-credit-class').first().innerText())
      .toContain(subject.creditClass);
    await shot(staff, 'credit-subject-history');

    const mobile = await (await suite.browser.newContext(phone)).newPage();
    await openAs(mobile, suite.platform.url, 'fgw_xy', `/credit/runs/${run.id}`);
    await mobile.getByTestId('credit-results-table').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'credit-run-phone');
    await mobile.goto(`${suite.platform.url}/credit/runs`);
    await mobile.getByTestId('credit-runs-table').waitFor();
    await shot(mobile, 'credit-runs-phone');
  });
});
