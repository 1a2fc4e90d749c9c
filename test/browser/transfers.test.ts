import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { penaltyPayload } from '../support/factories/record.factory';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, choose, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs as sceneApi, publishedRestaurantDraw } from './browser-scene';

// With the demo activity: the other tabs show the demo city's transfers, requests and copies (demo-transfers.ts).
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});
const apiAs = (username: string) => sceneApi(suite.platform.url, username);

describe('移送与协查 in Chromium', () => {
  it('市场监管 transfers a finding to 应急管理; it accepts and records 已处罚 at 375 px; the sender sees the outcome', async () => {
    // Scene: a published draw; 市市场监督管理局 checks one task off site with a finding (不符合).
    const lianxi = await apiAs('lianxi');
    const staff = await apiAs('scjg_staff');
    const emergency = await apiAs('yjgl_admin');
    const { recordNo, today } = await publishedRestaurantDraw(lianxi, '浏览器测试移送');
    const tasks = await lianxi<{ items: { taskNo: string }[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const taskNo = tasks.items[0]!.taskNo;
    const view = await staff<{ departments: { id: number; checks: { checkItemId: number }[] }[] }>(
      'GET',
      `/api/inspections/${taskNo}`,
    );
    await staff('POST', `/api/inspection-records/${taskNo}/offsite`, {
      method: '远程视频检查后厨',
      dataSource: '企业上传的视频',
      conductedOn: today,
      results: view.departments[0]!.checks.map((c, i) => ({
        checkItemId: c.checkItemId,
        result: i === 0 ? '不符合' : '符合',
        notes: i === 0 ? '后厨违规存放液化气钢瓶 3 瓶' : '',
      })),
    });
    // The penalty 应急管理 decided, received on the platform (双公示), to be linked as the outcome.
    const docNo = `日应急罚〔2026〕${Date.now() % 100_000}号`;
    await emergency(
      'POST',
      '/api/records/penalties/online',
      penaltyPayload({ decisionDocNo: docNo, decidedOn: today, violationFacts: '后厨违规存放液化气钢瓶 3 瓶' }),
    );

    // 市场监管 at 1366 px: the record, its finding, 移送 to 市应急管理局.
    const desk = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await openAs(desk, suite.platform.url, 'scjg_staff', '/inspection-records');
    await desk.getByTestId('records-task-no').fill(taskNo);
    await answerTo(desk, 'GET', /^\/api\/inspection-records$/, () =>
      desk.getByRole('button', { name: '搜索' }).click(),
    );
    await desk.getByTestId(`record-task-${taskNo}`).click();
    await desk.getByTestId('records-transfer').click();
    await choose(desk.getByTestId('transfer-department'), '市应急管理局');
    await desk.getByTestId('transfer-reason').fill('后厨违规存放液化气钢瓶，涉嫌违反安全生产法');
    await shot(desk, 'transfers-finding-form-1366', false);
    const saved = await answerTo(desk, 'POST', /\/transfers$/, () => desk.getByTestId('transfer-save').click());
    expect(saved.status(), await saved.text()).toBe(200);
    const transferNo = ((await saved.json()) as { transferNo: string }).transferNo;
    await expect
      .poll(() => desk.getByTestId('record-detail').innerText(), { timeout: 20_000 })
      .toContain('市应急管理局');

    // 应急管理 on a phone: 待我处理, the transfer, 受理, 已处罚 with the decision's number.
    const mobile = await (await suite.browser.newContext(phone)).newPage();
    await openAs(mobile, suite.platform.url, 'yjgl_admin', '/transfers');
    await mobile.getByTestId(`transfer-open-${transferNo}`).click();
    await mobile.getByTestId('transfer-accept').click();
    await expect.poll(() => mobile.getByTestId('transfer-status').innerText()).toBe('已受理');
    await mobile.getByTestId('transfer-outcome-open').click();
    await mobile.getByTestId('outcome-已处罚').click();
    await mobile.getByTestId('outcome-penalty').fill('日应急罚〔1999〕1号');
    const refused = await answerTo(mobile, 'POST', /\/outcome$/, () => mobile.getByTestId('outcome-save').click());
    expect(refused.status()).toBe(400);
    await mobile.getByTestId('outcome-penalty').fill(docNo);
    await shot(mobile, 'transfers-outcome-375', false);
    const done = await answerTo(mobile, 'POST', /\/outcome$/, () => mobile.getByTestId('outcome-save').click());
    expect(done.status(), await done.text()).toBe(200);
    await expect.poll(() => mobile.getByTestId('transfer-status').innerText()).toBe('已办结');
    await withoutToasts(mobile);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'transfers-detail-375', false);

    // 市场监管 sees the outcome: the bell, and the transfer with its penalty decision.
    await desk.goto(`${suite.platform.url}/transfers?no=${encodeURIComponent(transferNo)}`);
    await expect.poll(() => desk.getByTestId('transfer-outcome').innerText()).toBe('已处罚');
    await expect.poll(() => desk.getByTestId('transfer-penalty').innerText()).toContain(docNo);
    const notes = await staff<{ items: { title: string }[] }>('GET', '/api/notifications?pageSize=50');
    expect(notes.items.map((x) => x.title)).toContain(`${transferNo}：已处罚`);
    await withoutToasts(desk);
    await shot(desk, 'transfers-sender-view-1366', false);
    // The list pages of the other tabs, with the demo city's data, as the joint office sees them.
    const office = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await openAs(office, suite.platform.url, 'lianxi', '/transfers');
    for (const [path, name] of [
      ['/transfers?view=overdue', 'transfers-overdue-1366'],
      ['/transfers/assistance', 'transfers-assistance-1366'],
      ['/transfers/copies', 'transfers-copies-1366'],
      ['/transfers', 'transfers-list-1366'],
    ] as const) {
      await office.goto(`${suite.platform.url}${path}`);
      await office.waitForTimeout(800);
      await shot(office, name);
    }
    const phonePage = await (await suite.browser.newContext(phone)).newPage();
    await openAs(phonePage, suite.platform.url, 'scjg_staff', '/transfers');
    await phonePage.waitForTimeout(800);
    expect(await pageWidth(phonePage)).toBeLessThanOrEqual(375);
    await shot(phonePage, 'transfers-list-375');
  });
});
