import { describe, expect, it } from 'vitest';
import {
  answerConfirming,
  answerTo,
  pageWidth,
  phone,
  platformForSuite,
  shot,
  signIn,
  withoutToasts as clean,
} from './browser-helpers';
import {
  apiAs as sceneApi,
  linkAccountToInspector,
  onePixelPng as png,
  publishedRestaurantDraw,
} from './browser-scene';

const suite = platformForSuite();
const password = 'Lianjian@2026';

const apiAs = (username: string) => sceneApi(suite.platform.url, username);

type Task = { taskNo: string; departments: { name: string; inspectors: { id: number }[] }[] };

describe('the inspector on a phone', () => {
  it("opens today's task, checks in, records results with a photo, keeps an entry while offline, submits and gets the feedback sheet", async () => {
    // Scene: the office draws market-regulation restaurant checks and publishes them; the account
    // scjg_jc01 is linked to an inspector the draw assigned, and the department schedules the visit today.
    const lianxi = await apiAs('lianxi');
    const admin = await apiAs('admin');
    const { recordNo, today } = await publishedRestaurantDraw(lianxi, '浏览器测试餐饮服务抽查');
    const tasks = await lianxi<{ items: Task[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const task = tasks.items.find((t) => t.departments[0]?.inspectors.length)!;
    expect(task).toBeDefined();
    await linkAccountToInspector(admin, 'scjg_jc01', task.departments[0]!.inspectors[0]!.id);

    // The department's staff opens the task from 检查任务单 and schedules the visit for today.
    const staffContext = await suite.browser.newContext(phone);
    const staff = await staffContext.newPage();
    await signIn(staff, suite.platform.url, 'scjg_staff', password);
    await staff.waitForURL((url) => !url.pathname.startsWith('/login'));
    await staff.goto(`${suite.platform.url}/tasks`);
    await staff.getByTestId(`task-open-${task.taskNo}`).click();
    await staff.getByTestId('m-schedule').waitFor();
    const dateInput = staff.getByTestId('m-schedule-date').locator('input');
    await dateInput.fill(today);
    await dateInput.press('Enter');
    const scheduled = await answerConfirming(staff, 'PUT', /\/schedule$/, () =>
      staff.getByTestId('m-schedule-save').click(),
    );
    expect(scheduled.status(), await scheduled.text()).toBe(200);
    await expect.poll(() => staff.getByTestId('m-visit-on').innerText()).toBe(today);
    await clean(staff);
    await shot(staff, 'inspection-scheduled-phone');
    await staffContext.close();

    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await signIn(page, suite.platform.url, 'scjg_jc01', password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${suite.platform.url}/m/tasks`);
    await page.getByTestId(`m-task-${task.taskNo}`).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'inspection-my-tasks-phone');

    await page.getByTestId(`m-task-${task.taskNo}`).click();
    await page.getByTestId('page-inspection').waitFor();
    await expect.poll(() => page.getByTestId('m-visit-on').innerText()).toBe(today);
    const checkedIn = await answerConfirming(page, 'POST', /\/check-in$/, () => page.getByTestId('m-check-in').click());
    expect(checkedIn.status(), await checkedIn.text()).toBe(200);
    await expect.poll(() => page.getByTestId('m-status').innerText()).toBe('检查中');

    const checks = await page.locator('article[data-testid^="m-check-"]').count();
    expect(checks).toBeGreaterThan(1);
    await page.getByTestId('m-result-0-不符合').click();
    await page
      .locator('textarea[data-testid="m-notes-0"], [data-testid="m-notes-0"] textarea')
      .fill('冷藏柜温度记录缺失 3 天');
    const saved = await answerTo(page, 'PUT', /\/results$/, () => page.getByTestId('m-save-all').click());
    expect(saved.status()).toBe(200);
    const uploaded = await answerTo(page, 'POST', /\/photos$/, () =>
      page.getByTestId('m-photo-0').setInputFiles({ name: '冷藏柜.png', mimeType: 'image/png', buffer: png }),
    );
    expect(uploaded.status(), await uploaded.text()).toBe(200);
    await expect.poll(() => page.getByTestId('m-check-0').locator('img.m-thumb').count()).toBe(1);

    // The connection drops: the entry is kept on the phone and shown as 未发送, then sent when it returns.
    await context.setOffline(true);
    await page.getByTestId('m-result-1-符合').click();
    await page.getByTestId('m-save-all').click();
    await expect.poll(() => page.getByTestId('m-unsent').innerText()).toContain('未发送 1 项');
    await clean(page);
    await shot(page, 'inspection-offline-phone');
    // Back online: the page sends what waits on its own (the 'online' event; 立即重试 does the same by hand).
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('m-unsent').count()).toBe(0);

    // The rest of the department's items, saved together.
    for (let n = 2; n < checks; n += 1) await page.getByTestId(`m-result-${n}-符合`).click();
    const rest = await answerTo(page, 'PUT', /\/results$/, () => page.getByTestId('m-save-all').click());
    expect(rest.status()).toBe(200);
    await clean(page);
    await shot(page, 'inspection-recorded-phone');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.getByTestId('m-submit').click();
    const submitted = await answerTo(page, 'POST', /\/submit$/, () => page.getByTestId('m-submit-confirm').click());
    expect(submitted.status(), await submitted.text()).toBe(200);
    await expect.poll(() => page.getByTestId('m-submission').innerText()).toContain('发现问题');
    await expect.poll(() => page.getByTestId('m-status').innerText()).toBe('已检查');
    await page.waitForTimeout(400);
    await clean(page);
    await shot(page, 'inspection-submitted-phone');
    const href = await page.getByTestId('m-feedback').getAttribute('href');
    const pdf = await page.request.get(`${suite.platform.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
