import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs, chinaToday } from './browser-scene';

// With the demo activity: the indicator system, last year's finished evaluation, daily snapshots and notices
// (demo-performance.ts).
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

/** Screenshots also go to /tmp/shots/performance, where the reviewer looks at them. */
const lookDir = '/tmp/shots/performance';
async function look(page: Page, name: string): Promise<void> {
  await withoutToasts(page);
  await shot(page, `performance-${name}`);
  mkdirSync(lookDir, { recursive: true });
  await page.screenshot({ path: join(lookDir, `${name}.png`), fullPage: true });
}

async function downloadPdf(page: Page, testId: string, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const dir = join('test-results', 'performance-browser');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, join(lookDir, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('监管履职评价', () => {
  it('the evaluating department runs the annual evaluation, downloads the report, drills down to the evidence', async () => {
    const url = suite.platform.url;
    const year = Number(chinaToday().slice(0, 4));
    const desk = await (
      await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    ).newPage();
    await openAs(desk, url, 'sfj_dc', '/performance');
    await desk.getByTestId('performance-ranking').first().waitFor();
    await desk.locator('.echart').first().waitFor();
    await look(desk, 'daily-desktop');

    await desk.getByRole('tab', { name: '年度评价' }).click();
    await desk.getByTestId('performance-year').locator('input').fill(String(year));
    const ran = await answerTo(desk, 'POST', /\/api\/performance\/annual$/, () =>
      desk.getByTestId('performance-run-annual').click(),
    );
    expect(ran.status()).toBe(200);
    await desk.getByTestId(`performance-annual-${year}`).waitFor();
    await desk.getByText(`${year} 年度排名`).waitFor();
    await look(desk, 'annual-desktop');

    // The ranking the page shows is the one in the report.
    const sfj = await apiAs(url, 'sfj_dc');
    const { id } = (await ran.json()) as { id: number };
    const ranking = await sfj<{ rows: { departmentName: string; rank: number; total: number }[] }>(
      'GET',
      `/api/performance/ranking?evaluationId=${id}`,
    );
    const text = await downloadPdf(desk, `performance-report-${year}`, `report-${year}`);
    expect(text).toContain(`${year} 年度监管履职评价结果报告`);
    expect(text).toContain('未定稿');
    expect(text).toContain('评价结果和排名');
    const first = ranking.rows[0]!;
    const last = ranking.rows.at(-1)!;
    expect(text).toMatch(new RegExp(`${first.rank}\\s+${first.departmentName}`));
    expect(text).toMatch(new RegExp(`${last.rank}\\s+${last.departmentName}`));
    const finished = await downloadPdf(desk, `performance-report-${year - 1}`, `report-${year - 1}`);
    expect(finished).toContain(`${year - 1} 年度监管履职评价结果报告`);
    expect(finished).not.toContain('未定稿');

    // Drill-down: 市应急管理局 → its dimensions → the monthly-reporting indicator → the months not reported.
    const yjgl = ranking.rows.find((r) => r.departmentName === '市应急管理局')!;
    expect(yjgl).toBeDefined();
    const depts = await sfj<{ items: { id: number; name: string }[] }>(
      'GET',
      '/api/departments?q=市应急管理局&pageSize=5',
    );
    const yjglId = depts.items.find((d) => d.name === '市应急管理局')!.id;
    await desk.getByTestId(`performance-open-${yjglId}`).last().click();
    const drawer = desk.getByTestId('performance-department');
    await drawer.getByTestId('performance-total').waitFor();
    expect(await drawer.getByTestId('performance-total').textContent()).toBe(
      String(yjgl.total).replace(/\.?0+$/, '') || '0',
    );
    await drawer.getByTestId('performance-indicator-monthly_reporting').click();
    const evidence = drawer.getByTestId('performance-evidence-monthly_reporting');
    await evidence.waitFor();
    expect(await evidence.textContent()).toContain(`${year}年1月未报送监管数据`);
    await look(desk, 'drilldown-desktop');
    await desk.context().close();
  });

  it('a department on a phone sees its own scores and evidence, and answers its notice', async () => {
    const url = suite.platform.url;
    const page = await (await suite.browser.newContext(phone)).newPage();
    await openAs(page, url, 'yjgl_admin', '/performance');
    await page.getByTestId('performance-ranking').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    // Only its own department opens (in the daily and the annual ranking).
    const links = page.locator('[data-testid^="performance-open-"]');
    const ids = await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ids).size).toBe(1);
    await look(page, 'daily-phone');
    await links.first().click();
    await page.getByTestId('performance-department').getByTestId('performance-total').waitFor();
    await page.getByTestId('performance-indicator-monthly_reporting').click();
    await page.getByTestId('performance-evidence-monthly_reporting').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await look(page, 'drilldown-phone');

    await page.goto(`${url}/performance/notices`);
    const answer = page.getByTestId('performance-notice-answer');
    await answer.waitFor();
    await look(page, 'notices-phone');
    await answer.click();
    await page.locator('.el-message-box textarea').fill('已补报各月监管数据，逾期异常数据已全部整改并重新报送。');
    const sent = await answerTo(page, 'POST', /\/api\/performance\/notices\/\d+\/answer$/, () =>
      page.locator('.el-message-box').getByRole('button', { name: '提交反馈' }).click(),
    );
    expect(sent.status()).toBe(204);
    await page.getByText('已补报各月监管数据').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await look(page, 'notices-answered-phone');
    await page.context().close();
  });

  it('the indicator system: the current version read-only, a new draft edited and its points checked', async () => {
    const url = suite.platform.url;
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(page, url, 'sfj_dc', '/performance/indicators');
    await page.getByTestId('performance-def-items_check_list').waitFor();
    await look(page, 'indicators-desktop');
    await answerTo(page, 'POST', /\/api\/performance\/versions$/, () => page.getByTestId('performance-draft').click());
    await page.getByTestId('performance-save').waitFor();
    expect(await page.getByTestId('performance-total-points').textContent()).toBe('100 分');
    await page.getByTestId('performance-def-warnings_on_time').locator('.el-checkbox').click();
    expect(await page.getByTestId('performance-total-points').textContent()).toBe('97 分');
    const refused = await answerTo(page, 'POST', /\/api\/performance\/versions\/\d+\/publish$/, async () => {
      await page.getByTestId('performance-publish').click();
      await page.locator('.el-message-box').getByRole('button', { name: '发布' }).click();
    });
    expect(refused.status()).toBe(409);
    await page.getByText('指标分值合计应为 100 分，当前为 97 分').waitFor();
    const mobile = await (await suite.browser.newContext(phone)).newPage();
    await openAs(mobile, url, 'sfj_dc', '/performance/indicators');
    await mobile.getByTestId('performance-def-items_check_list').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await look(mobile, 'indicators-phone');
    await page.context().close();
    await mobile.context().close();
  });
});
