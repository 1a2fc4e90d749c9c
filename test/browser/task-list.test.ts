import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Page as ApiPage } from '../../src/shared/paging';
import type { TaskView } from '../../src/tasks/task.schemas';
import { answerTo, choose, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';
import { apiAs, publishedRestaurantDraw } from './browser-scene';

const suite = platformForSuite();

/** Runs `action` and returns the task list answer it causes, once the table shows it. */
async function listAfter(page: Page, action: () => Promise<unknown>): Promise<ApiPage<TaskView>> {
  const response = await answerTo(page, 'GET', /^\/api\/tasks$/, action);
  expect(response.status(), await response.text()).toBe(200);
  await page
    .locator('[data-testid="tasks-table"] .el-loading-mask')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
  return (await response.json()) as ApiPage<TaskView>;
}
const shownTaskNos = (page: Page) =>
  page
    .getByTestId('tasks-table')
    .locator('.task-row')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('[data-testid^="task-link-"]')?.textContent?.trim() ?? ''));

describe('检查任务单 filters in Chromium', () => {
  it("finds a new round's tasks on page 1 by its round, with the other filters and 重置, at 1366 and 375 px", async () => {
    // Two rounds over the same window: the newer one's tasks come after the older one's in the list's order.
    const lianxi = await apiAs(suite.platform.url, 'lianxi');
    const older = await publishedRestaurantDraw(lianxi, '浏览器测试任务单（上一轮）');
    const { recordNo } = await publishedRestaurantDraw(lianxi, '浏览器测试任务单按轮次筛选');
    const roundNo = recordNo.replace(/-\d+$/, '');
    const ofRound = await lianxi<ApiPage<TaskView>>('GET', `/api/tasks?roundNo=${roundNo}&pageSize=1`);
    expect(ofRound.total).toBeGreaterThan(0);

    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAs(page, suite.platform.url, 'scjg_staff');
    const all = await listAfter(page, () => page.goto(`${suite.platform.url}/tasks`));
    await page.getByTestId('page-tasks').waitFor();
    // Unfiltered, page 1 holds the older round's tasks only.
    await expect.poll(async () => (await shownTaskNos(page)).length).toBe(20);
    expect((await shownTaskNos(page)).every((no) => no.startsWith(`${older.recordNo}-`))).toBe(true);
    await choose(page.getByTestId('tasks-round'), roundNo);
    const filtered = await listAfter(page, () => page.getByRole('button', { name: '搜索' }).click());
    // 市场监管局's staff see every task of this market-regulation round, on page 1 of the list.
    expect(filtered.total).toBe(ofRound.total);
    expect(filtered.total).toBeLessThan(all.total);
    const shown = await shownTaskNos(page);
    expect(shown.length).toBe(Math.min(filtered.total, 20));
    expect(shown.every((no) => no.startsWith(`${recordNo}-`))).toBe(true);

    // Narrowed further: 未排期 and 已配齐人员 of the round; then 重置 brings every task back.
    await choose(page.getByTestId('tasks-scheduled'), '未排期');
    await choose(page.getByTestId('tasks-staffing'), '已配齐人员');
    const narrowed = await listAfter(page, () => page.getByRole('button', { name: '搜索' }).click());
    expect(narrowed.items.every((t) => t.visitOn === null && t.unstaffedReason === null)).toBe(true);
    await withoutToasts(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'tasks-filter-round-1366');
    const reset = await listAfter(page, () => page.getByRole('button', { name: '重置' }).click());
    expect(reset.total).toBe(all.total);
    await page.close();

    const context = await suite.browser.newContext(phone);
    const mobile = await context.newPage();
    await openAs(mobile, suite.platform.url, 'scjg_staff');
    await listAfter(mobile, () => mobile.goto(`${suite.platform.url}/tasks?roundNo=${roundNo}`));
    await expect.poll(async () => (await shownTaskNos(mobile)).length).toBe(Math.min(ofRound.total, 20));
    expect((await shownTaskNos(mobile)).every((no) => no.startsWith(`${recordNo}-`))).toBe(true);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'tasks-filter-round-375', false);
    await mobile.getByTestId('tasks-search-more').click();
    await mobile.locator('.el-form-item__label', { hasText: '检查期' }).waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'tasks-filter-more-375', false);
    await context.close();
  });
});
