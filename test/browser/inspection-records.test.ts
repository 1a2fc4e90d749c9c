import { describe, expect, it } from 'vitest';
import { answerTo, pageWidth, phone, platformForSuite, shot, signIn } from './browser-helpers';
import { apiAs as sceneApi, publishedRestaurantDraw } from './browser-scene';

const suite = platformForSuite();
const password = 'Lianjian@2026';

const apiAs = (username: string) => sceneApi(suite.platform.url, username);

describe('inspection records on a phone', () => {
  it('department staff open a task checked off site, transfer its finding to case investigation and see the export form at 375 px', async () => {
    // Scene: a published draw of market-regulation restaurant checks; the department checks one task off site.
    const lianxi = await apiAs('lianxi');
    const staff = await apiAs('scjg_staff');
    const { recordNo, today } = await publishedRestaurantDraw(lianxi, '浏览器测试非现场检查');
    const tasks = await lianxi<{ items: { taskNo: string }[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const taskNo = tasks.items[0]!.taskNo;
    const view = await staff<{ departments: { id: number; checks: { checkItemId: number }[] }[] }>(
      'GET',
      `/api/inspections/${taskNo}`,
    );
    const checks = view.departments[0]!.checks;
    await staff('POST', `/api/inspection-records/${taskNo}/offsite`, {
      method: '远程视频检查后厨并调阅进货台账',
      dataSource: '企业上传的进货查验记录与视频',
      conductedOn: today,
      results: checks.map((c, i) => ({
        checkItemId: c.checkItemId,
        result: i === 0 ? '不符合' : '符合',
        notes: i === 0 ? '台账缺少 10 月进货记录' : '',
      })),
    });

    const page = await suite.browser.newPage(phone);
    await signIn(page, suite.platform.url, 'scjg_staff', password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${suite.platform.url}/inspection-records`);
    await page.getByTestId('records-task-no').fill(taskNo);
    await answerTo(page, 'GET', /\/transfers$/, () => page.getByTestId('records-load').click());
    await page.getByTestId('records-transfer').waitFor();
    await expect.poll(() => page.locator('.page').innerText()).toContain('非现场检查');
    await page.getByTestId('records-transfer').click();
    await page.getByTestId('transfer-target').fill('市市场监管综合行政执法支队');
    await page.getByTestId('transfer-reason').fill('未按规定建立进货查验记录');
    const saved = await answerTo(page, 'POST', /\/transfers$/, () => page.getByTestId('transfer-save').click());
    expect(saved.status(), await saved.text()).toBe(200);
    await expect.poll(() => page.locator('.page').innerText()).toContain('市市场监管综合行政执法支队');
    await page.evaluate(() => document.querySelectorAll('.el-message').forEach((m) => m.remove()));
    await page.waitForTimeout(400);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'inspection-records-phone');
    const report = await page.request.get(`${suite.platform.url}/api/inspection-records/${taskNo}/report.pdf`);
    expect(report.status()).toBe(200);
    expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
