import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageWidth, phone, platformForSuite, shot, signIn } from './browser-helpers';
import { apiAs as sceneApi, linkAccountToInspector, publishedRestaurantDraw } from './browser-scene';

const suite = platformForSuite();
const password = 'Lianjian@2026';
const apiAs = (username: string) => sceneApi(suite.platform.url, username);

type Task = { taskNo: string; departments: { name: string; inspectors: { id: number }[] }[] };

/** Removes the toasts (ElMessage) before a screenshot. */
const clean = (page: Page): Promise<void> =>
  page.evaluate(() => document.querySelectorAll('.el-message').forEach((m) => m.remove()));

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('notifications', () => {
  it('an inspector on a phone sees the unread count on the bell, opens the notifications and lands on the task', async () => {
    // Scene: a published draw; scjg_jc01 is linked to an assigned inspector; the department schedules the visit and then moves it.
    const lianxi = await apiAs('lianxi');
    const admin = await apiAs('admin');
    const { recordNo, today } = await publishedRestaurantDraw(lianxi, '浏览器测试消息通知抽查');
    const tasks = await lianxi<{ items: Task[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const task = tasks.items.find((t) => t.departments[0]?.inspectors.length)!;
    expect(task).toBeDefined();
    await linkAccountToInspector(admin, 'scjg_jc01', task.departments[0]!.inspectors[0]!.id);
    const staff = await apiAs('scjg_staff');
    // Today and tomorrow may be rest days: the visits are confirmed as the page would after asking.
    await staff('PUT', `/api/inspections/${task.taskNo}/schedule`, { visitOn: today, confirmNonWorkingDay: true });
    const later = nextDay(today) <= `${today.slice(0, 4)}-12-31` ? nextDay(today) : today;
    if (later !== today)
      await staff('PUT', `/api/inspections/${task.taskNo}/schedule`, {
        visitOn: later,
        reason: '企业负责人外出，改至次日',
        confirmNonWorkingDay: true,
      });

    const inspector = await apiAs('scjg_jc01');
    const { unread } = await inspector<{ unread: number }>('GET', '/api/notifications/unread-count');
    expect(unread).toBeGreaterThanOrEqual(1);

    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await signIn(page, suite.platform.url, 'scjg_jc01', password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.locator('.el-badge__content').innerText()).toBe(String(unread));
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    // The bell and the user menu both stay inside the top bar at 375 px.
    const [bellBox, userBox] = await Promise.all([bell.boundingBox(), page.getByTestId('user-menu').boundingBox()]);
    expect(bellBox!.x + bellBox!.width).toBeLessThanOrEqual(userBox!.x);
    expect(userBox!.x + userBox!.width).toBeLessThanOrEqual(375);
    await clean(page);
    await shot(page, 'notifications-bell-phone', false);

    await bell.click();
    await page.getByTestId('page-notifications').waitFor();
    const items = page.getByTestId('notification-item');
    await expect.poll(() => items.count()).toBe(unread);
    const mine = items.filter({ hasText: task.taskNo });
    await expect.poll(() => mine.first().innerText()).toContain(later !== today ? '改期' : '排期');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await clean(page);
    await shot(page, 'notifications-list-phone');

    await mine.first().click();
    await page.waitForURL((url) => url.pathname === `/m/tasks/${task.taskNo}`);
    await page.getByTestId('page-inspection').waitFor();
    // Opening it marked it read: the bell counts one less.
    await expect
      .poll(async () =>
        (await bell.locator('.el-badge__content').isVisible())
          ? Number(await bell.locator('.el-badge__content').innerText())
          : 0,
      )
      .toBe(unread - 1);
    const after = await inspector<{ items: { taskNo: string | null; readAt: string | null }[] }>(
      'GET',
      '/api/notifications?pageSize=50',
    );
    expect(after.items.filter((n) => n.taskNo === task.taskNo && n.readAt !== null)).toHaveLength(1);
    await clean(page);
    await shot(page, 'notifications-opened-task-phone');
    await context.close();

    // The administrator's 消息推送记录 lists the outbound messages with their status.
    const desk = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const adminPage = await desk.newPage();
    await signIn(adminPage, suite.platform.url, 'admin', password);
    await adminPage.waitForURL((url) => !url.pathname.startsWith('/login'));
    await adminPage.goto(`${suite.platform.url}/outbound-messages`);
    await adminPage.getByTestId('page-outbound-messages').waitFor();
    await expect
      .poll(() => adminPage.locator('.el-table__body tr', { hasText: '刘志强' }).count())
      .toBeGreaterThanOrEqual(1);
    await clean(adminPage);
    await shot(adminPage, 'notifications-outbound-admin');
    await desk.close();
  });
});
