import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import type { DashboardView } from '../../src/work-portal/work-portal.schemas';
import { openAs, pageWidth, phone, shot } from './browser-helpers';
import { apiAs } from './browser-scene';

// With the demo activity: the demo city's tasks, complaints, warnings and credit runs fill the dashboard.
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
const shots = '/tmp/shots/portal';
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

/** A screenshot kept with the other suites' and in /tmp/shots/portal for review. */
async function keep(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // the charts' entry animation
  await shot(page, `portal-${name}`);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(shots, `${name}-top.png`) });
}

describe('领导驾驶舱 and 工作台', () => {
  it('a leader clicks from a chart to the list behind it, and the list shows the matching rows', async () => {
    const url = suite.platform.url;
    const lianxi = await apiAs(url, 'lianxi');
    const d = await lianxi<DashboardView>('GET', '/api/work-portal/dashboard');
    const done = d.inspections.byDepartment.filter((x) => x.byStatus.some((s) => s.status === '已办结'));
    expect(done.length).toBeGreaterThan(0);

    const desk = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await openAs(desk, url, 'lianxi');
    await desk.getByTestId('page-home').waitFor();
    await desk.getByTestId('todo-groups').waitFor();
    await keep(desk, 'home-lianxi-desktop');
    await desk.getByTestId('home-dashboard').click();
    await desk.waitForURL((u) => u.pathname === '/dashboard');
    const chart = desk.getByTestId('dash-chart-tasks-by-department');
    await chart.locator('svg').waitFor();
    await keep(desk, 'dashboard-lianxi-desktop');

    // The 已办结 segment of a department's bar (its colour) opens 检查任务单 with that department, state and period.
    await chart.locator('path[fill="#529b2e"]').first().click();
    await desk.waitForURL((u) => u.pathname === '/tasks');
    const address = new URL(desk.url()).searchParams;
    expect(address.get('status')).toBe('已办结');
    expect(address.get('windowFrom')).toBe(`${d.filters.year}-01-01`);
    expect(address.get('windowTo')).toBe(`${d.filters.year}-12-31`);
    const row = d.inspections.byDepartment.find((x) => x.departmentId === Number(address.get('departmentId')))!;
    const figure = row.byStatus.find((s) => s.status === '已办结')!.count;
    await desk.getByTestId('page-tasks').waitFor();
    await expect.poll(() => desk.locator('.el-pagination__total').innerText()).toContain(`共 ${figure} 条`);
    const states = await desk.locator('.el-table__body-wrapper tbody tr').allInnerTexts();
    expect(states.length).toBeGreaterThan(0);
    for (const text of states) expect(text).toContain('已办结');
    await keep(desk, 'dashboard-clicked-tasks');

    // A number opens its list too: the complaints received, for the joint office all of them.
    await desk.goBack();
    await desk.getByTestId('dash-card-complaints').click();
    await desk.waitForURL((u) => u.pathname === '/complaints');
    await desk.getByTestId('page-complaints-all').waitFor();

    // A department filter narrows every figure; the address keeps it.
    await desk.goto(`${url}/dashboard?year=${d.filters.year}&departmentId=${row.departmentId}`);
    await expect.poll(() => desk.getByTestId('dash-scope').innerText()).toContain(row.name);
    await expect
      .poll(() => desk.getByTestId('dash-card-tasks').innerText())
      .toContain(row.tasks.toLocaleString('zh-CN'));
    await desk.context().close();
  });

  it('the dashboard at phone width: cards and charts stack, nothing overflows; a department admin sees only theirs', async () => {
    const url = suite.platform.url;
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await openAs(page, url, 'scjg_admin', '/dashboard');
    await page.getByTestId('dash-chart-tasks-by-department').locator('svg').waitFor();
    await expect.poll(() => page.getByTestId('dash-scope').innerText()).toContain('本部门');
    expect(await page.getByTestId('dash-department').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await keep(page, 'dashboard-scjg-admin-375');
    await page.goto(`${url}/`);
    await page.getByTestId('todo-groups').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    const heights = await page
      .getByTestId('todo-item')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(0);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
    await keep(page, 'home-scjg-admin-375');
    await context.close();

    const lianxi = await (await suite.browser.newContext(phone)).newPage();
    await openAs(lianxi, url, 'lianxi', '/dashboard');
    await lianxi.getByTestId('dash-chart-complaints-by-channel').locator('svg').waitFor();
    expect(await pageWidth(lianxi)).toBeLessThanOrEqual(375);
    await keep(lianxi, 'dashboard-lianxi-375');
    await lianxi.context().close();
  });

  it("an inspector's home at phone width is the day's tasks", async () => {
    const url = suite.platform.url;
    const page = await (await suite.browser.newContext(phone)).newPage();
    await openAs(page, url, 'scjg_jc01');
    await page.waitForURL((u) => u.pathname === '/m/tasks');
    await page.getByTestId('page-my-inspections').waitFor();
    const jc = await apiAs(url, 'scjg_jc01');
    const todos = await jc<{ groups: { kind: string; count: number }[] }>('GET', '/api/work-portal/todos');
    expect(todos.groups.some((g) => g.kind === 'today_visits' || g.kind === 'my_tasks')).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await keep(page, 'home-inspector-375');
    await page.goto(`${url}/`);
    await page.waitForURL((u) => u.pathname === '/m/tasks');
    await page.context().close();
  });
});
