import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RecordListItem } from '../../src/inspection-records/inspection-record.schemas';
import type { Page as ApiPage } from '../../src/shared/paging';
import { answerTo, choose, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';
import { apiAs as sceneApi, publishedRestaurantDraw } from './browser-scene';

const suite = platformForSuite();
const apiAs = (username: string) => sceneApi(suite.platform.url, username);

/** Runs `action` and returns the records list answer it causes. */
async function recordsAfter(page: Page, action: () => Promise<unknown>): Promise<ApiPage<RecordListItem>> {
  const response = await answerTo(page, 'GET', /^\/api\/inspection-records$/, action);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as ApiPage<RecordListItem>;
}

describe('检查记录与移送 in Chromium', () => {
  it('lists records with filters; a row opens the task, whose finding is transferred, at 1366 and 375 px', async () => {
    // Scene: a published draw of market-regulation restaurant checks; the department checks two tasks off site, one
    // with a finding.
    const lianxi = await apiAs('lianxi');
    const staff = await apiAs('scjg_staff');
    const { recordNo, today } = await publishedRestaurantDraw(lianxi, '浏览器测试检查记录');
    const tasks = await lianxi<{ items: { taskNo: string }[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const [taskNo, cleanNo] = tasks.items.map((t) => t.taskNo) as [string, string];
    for (const [no, finding] of [
      [taskNo, true],
      [cleanNo, false],
    ] as const) {
      const view = await staff<{ departments: { id: number; checks: { checkItemId: number }[] }[] }>(
        'GET',
        `/api/inspections/${no}`,
      );
      await staff('POST', `/api/inspection-records/${no}/offsite`, {
        method: '远程视频检查后厨并调阅进货台账',
        dataSource: '企业上传的进货查验记录与视频',
        conductedOn: today,
        results: view.departments[0]!.checks.map((c, i) => ({
          checkItemId: c.checkItemId,
          result: finding && i === 0 ? '不符合' : '符合',
          notes: finding && i === 0 ? '台账缺少 10 月进货记录' : '',
        })),
      });
    }

    // The office's list at 1366 px: the demo city's records, then those with a finding not yet transferred.
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAs(page, suite.platform.url, 'lianxi');
    const all = await recordsAfter(page, () => page.goto(`${suite.platform.url}/inspection-records`));
    expect(all.items.map((r) => r.taskNo).sort()).toEqual([taskNo, cleanNo].sort());
    await expect.poll(() => page.getByTestId('records-table').locator('.record-row').count()).toBe(2);
    await choose(page.getByTestId('records-transfer-state'), '发现问题未移送');
    const pending = await recordsAfter(page, () => page.getByRole('button', { name: '搜索' }).click());
    expect(pending.items.map((r) => [r.taskNo, r.result, r.problems, r.transfer])).toEqual([
      [taskNo, '发现问题', 1, '未移送'],
    ]);
    await expect.poll(() => page.getByTestId('records-table').locator('.record-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId(`record-task-${taskNo}`).count()).toBe(1);
    await withoutToasts(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'inspection-records-list-1366');
    await page.getByTestId(`record-task-${taskNo}`).click();
    await page.getByTestId('records-transfer').waitFor();
    await shot(page, 'inspection-records-detail-1366', false);
    await page.close();

    // The department's staff on a phone: the task by the beginning of its number, opened from its card.
    const context = await suite.browser.newContext(phone);
    const mobile = await context.newPage();
    await openAs(mobile, suite.platform.url, 'scjg_staff');
    await recordsAfter(mobile, () => mobile.goto(`${suite.platform.url}/inspection-records`));
    expect(await mobile.getByTestId('records-task-no').getAttribute('placeholder')).toContain('CQ2026-0001-0001-00001');
    await mobile.getByTestId('records-task-no').fill(taskNo.slice(0, -2));
    const found = await recordsAfter(mobile, () => mobile.getByRole('button', { name: '搜索' }).click());
    expect(found.items.map((r) => r.taskNo)).toContain(taskNo);
    expect(found.items.every((r) => r.taskNo.startsWith(taskNo.slice(0, -2)))).toBe(true);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'inspection-records-list-375');
    const department = found.items.find((r) => r.taskNo === taskNo)!.department.id;
    await answerTo(mobile, 'GET', /\/transfers$/, () =>
      mobile.getByTestId(`record-row-${taskNo}-${department}`).click(),
    );
    await mobile.getByTestId('records-transfer').waitFor();
    await expect.poll(() => mobile.getByTestId('record-detail').innerText()).toContain('非现场检查');
    await mobile.getByTestId('records-transfer').click();
    // An external body named by hand (the receiver may also be a department of the platform).
    await mobile.getByTestId('transfer-mode-external').click();
    await choose(mobile.getByTestId('transfer-external-kind'), '其他');
    await mobile.getByTestId('transfer-target').fill('市市场监管综合行政执法支队');
    await mobile.getByTestId('transfer-reason').fill('未按规定建立进货查验记录');
    const saved = await answerTo(mobile, 'POST', /\/transfers$/, () => mobile.getByTestId('transfer-save').click());
    expect(saved.status(), await saved.text()).toBe(200);
    await expect.poll(() => mobile.getByTestId('record-detail').innerText()).toContain('市市场监管综合行政执法支队');
    await withoutToasts(mobile);
    await mobile.waitForTimeout(400);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'inspection-records-detail-375', false);
    const report = await mobile.request.get(`${suite.platform.url}/api/inspection-records/${taskNo}/report.pdf`);
    expect(report.status()).toBe(200);
    expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
