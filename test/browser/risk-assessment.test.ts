import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs } from './browser-scene';

// With the demo activity: 市应急管理局 and 市市场监督管理局 have issued assessments (demo-risk-assessment.ts).
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
});
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

/** An Element Plus input or textarea by test id (the id lands on the native element or on its wrapper). */
const field = (page: Page, id: string) =>
  page
    .locator(
      `input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`,
    )
    .first();

async function confirmBox(page: Page, button: string) {
  await page.locator('.el-message-box').getByRole('button', { name: button }).click();
}

describe('行业安全风险评估', () => {
  it('a department defines, runs and issues an assessment, downloads the report; the subject page shows the composite', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await openAs(page, suite.platform.url, 'yjgl_admin', '/risk-assessments');
    await page.getByTestId('risk-table').getByText('2026 年度危险化学品相关行业安全风险评估').waitFor();
    await shot(page, 'risk-list');

    // Define.
    await page.getByTestId('risk-new').click();
    await page.getByTestId('page-risk-editor').waitFor();
    await field(page, 'risk-name').fill('农药制造企业安全风险专项评估');
    await field(page, 'risk-reason').fill('接到举报，部分农药制造企业原料储存存在安全隐患');
    await page.locator('.el-form-item', { hasText: '行业（GB/T 4754' }).locator('.el-select').first().click();
    await page.keyboard.type('农药制造');
    await page.locator('.el-tree-node__content:visible', { hasText: '263 农药制造' }).first().click();
    await page.keyboard.press('Escape');
    await field(page, 'risk-measure-高').fill('责令限期整改，整改前每月检查一次');
    await shot(page, 'risk-editor');
    const created = await answerTo(page, 'POST', /\/api\/risk-assessments$/, () =>
      page.getByTestId('risk-save').click(),
    );
    expect(created.status()).toBe(200);
    const { id } = (await created.json()) as { id: number };

    // Start, run, issue.
    await page.getByTestId('page-risk-detail').waitFor();
    await page.getByTestId('risk-start').click();
    await confirmBox(page, '开始评估');
    await expect.poll(() => page.getByTestId('risk-status-tag').innerText()).toBe('评估中');
    const run = await answerTo(page, 'POST', /\/run$/, () => page.getByTestId('risk-run').click());
    expect(run.status(), await run.text()).toBe(200);
    await expect.poll(() => page.getByTestId('risk-status-tag').innerText()).toBe('已完成');
    await page.getByTestId('risk-chart').locator('svg').waitFor();
    await page.getByTestId('risk-results').locator('tbody tr').first().waitFor();
    await withoutToasts(page);
    await shot(page, 'risk-detail-completed');
    await page.getByTestId('risk-issue').click();
    const issued = await answerTo(page, 'POST', /\/issue$/, () => confirmBox(page, '发布'));
    expect(issued.status(), await issued.text()).toBe(200);
    await expect.poll(() => page.getByTestId('risk-status-tag').innerText()).toBe('已发布');

    // The report.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('risk-report').click()]);
    expect(download.suggestedFilename()).toContain('风险评估报告.pdf');
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await withoutToasts(page);
    await shot(page, 'risk-detail-issued');

    // A subject it rated: the panel names this assessment and the composite level.
    const api = await apiAs(suite.platform.url, 'yjgl_admin');
    const results = await api<{ items: { subjectId: number; level: string }[] }>(
      'GET',
      `/api/risk-assessments/${id}/results?pageSize=1`,
    );
    const subjectId = results.items[0]!.subjectId;
    const risk = await api<{ composite: string }>('GET', `/api/risk-assessments/subjects/${subjectId}`);
    await page.goto(`${suite.platform.url}/subjects/${subjectId}`);
    const panel = page.getByTestId('subject-risk-panel');
    await panel.getByText('农药制造企业安全风险专项评估').waitFor();
    expect(await page.getByTestId('subject-risk-composite').innerText()).toBe(risk.composite);
    expect(await panel.innerText()).toContain('风险就高不就低');
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'risk-subject-panel');
    await context.close();

    // On a phone: the list, the issued assessment and the subject panel fit the screen.
    const mobile = await (await suite.browser.newContext(phone)).newPage();
    await openAs(mobile, suite.platform.url, 'yjgl_admin', `/risk-assessments/${id}`);
    await mobile.getByTestId('risk-report').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'risk-detail-phone');
    await mobile.goto(`${suite.platform.url}/risk-assessments`);
    await mobile.getByTestId('risk-table').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'risk-list-phone');
    await mobile.goto(`${suite.platform.url}/subjects/${subjectId}`);
    await mobile.getByTestId('subject-risk-composite').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'risk-subject-phone');
  });
});
