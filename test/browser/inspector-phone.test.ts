import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  answerConfirming,
  answerTo,
  openAs,
  pageWidth,
  phone,
  platformForSuite,
  shot,
  withoutToasts,
} from './browser-helpers';
import { apiAs, linkAccountToInspector, onePixelPng, publishedRestaurantDraw } from './browser-scene';

/**
 * The inspector's phone (375 px): lands on today's tasks after login, opens one, records every item of the
 * department with one 保存, and every control on the way is big enough for a thumb (44 px).
 */
const suite = platformForSuite();

type Task = { taskNo: string; departments: { name: string; inspectors: { id: number }[] }[] };

/** Every visible control (links, buttons, radios, inputs) lower than 44 px, described so a failure names it. */
async function smallControls(page: Page): Promise<string[]> {
  // Tag each control: a native input drawn invisible inside its label (radio buttons, the photo picker) is tapped
  // through that label, so the label is measured in its place.
  const count = await page.evaluate(() => {
    document.querySelectorAll('[data-tap-target]').forEach((e) => e.removeAttribute('data-tap-target'));
    const selector =
      'a[href], button, input, textarea, select, [role="button"], [role="radio"], [role="link"], [role="checkbox"]';
    let n = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      let target: HTMLElement = el;
      if (el instanceof HTMLInputElement && getComputedStyle(el).opacity === '0') target = el.closest('label') ?? el;
      if (!target.hasAttribute('data-tap-target')) target.setAttribute('data-tap-target', String(n++));
    }
    return n;
  });
  const small: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const control = page.locator(`[data-tap-target="${i}"]`);
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    if (!box || box.height >= 44) continue;
    const what = await control.evaluate(
      (e) =>
        `<${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? ` data-testid="${e.getAttribute('data-testid')}"` : ''} class="${e.className}">${(e.textContent ?? '').trim().slice(0, 20)}`,
    );
    small.push(`${what} ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small;
}

/** Waits for the page to settle (no loading mask, no toast) and saves a screenshot from the top. */
async function settledShot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  await withoutToasts(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `inspector-phone-${name}`);
}

/** The answers to saves of results (one 保存 is one request; a request that never left the phone has none). */
const resultSaves = (answers: Response[]) =>
  answers.filter(
    (r) => r.request().method() === 'PUT' && /^\/api\/inspections\/[^/]+\/results/.test(new URL(r.url()).pathname),
  ).length;

describe("the inspector's phone", () => {
  it("lands on today's tasks, records every item of the department with one save, and every control is at least 44 px high", async () => {
    const base = suite.platform.url;
    // Scene: the office draws restaurant checks and publishes them; scjg_jc01 is linked to an inspector the draw
    // assigned; the department schedules that task's visit for today.
    const lianxi = await apiAs(base, 'lianxi');
    const admin = await apiAs(base, 'admin');
    const staff = await apiAs(base, 'scjg_staff');
    const { recordNo, today } = await publishedRestaurantDraw(lianxi, '掌上执法浏览器测试抽查');
    const tasks = await lianxi<{ items: Task[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const task = tasks.items.find((t) => t.departments.length === 1 && t.departments[0]!.inspectors.length)!;
    expect(task).toBeDefined();
    await linkAccountToInspector(admin, 'scjg_jc01', task.departments[0]!.inspectors[0]!.id);
    // Today may be a rest day: the department confirms up front (the question is tested in test/tasks/visit-day.test.ts).
    await staff('PUT', `/api/inspections/${task.taskNo}/schedule`, { visitOn: today, confirmNonWorkingDay: true });

    // 1. Sign in: the inspector lands on 我的检查, today's task first, not on the desk home or the subject register.
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    const answers: Response[] = [];
    page.on('response', (r) => answers.push(r));
    await openAs(page, base, 'scjg_jc01');
    await page.waitForURL((url) => url.pathname === '/m/tasks');
    const card = page.getByTestId('m-group-today').getByTestId(`m-task-${task.taskNo}`);
    await card.waitFor();
    expect(await card.innerText()).toContain('打开任务');
    expect(await page.getByTestId('m-group-week').count()).toBe(1);
    expect(await page.getByTestId('m-group-overdue').count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await smallControls(page), 'controls under 44 px on 我的检查').toEqual([]);
    await settledShot(page, 'home-375');

    // 2. Open the task and check in.
    await card.click();
    await page.getByTestId('page-inspection').waitFor();
    expect(await page.getByTestId('m-back').innerText()).toBe('‹ 返回我的检查');
    // On a rest day the page asks first (休息日签到确认) and sends again once confirmed.
    const checkedIn = await answerConfirming(page, 'POST', /\/check-in$/, () => page.getByTestId('m-check-in').click());
    expect(checkedIn.status(), await checkedIn.text()).toBe(200);
    await expect.poll(() => page.getByTestId('m-status').innerText()).toBe('检查中');

    // 3. Every item on screen with its basis, result, note and photo; all chosen, then one 保存.
    const mine = page.getByTestId('m-my-department');
    const items = await mine.locator('article[data-testid^="m-check-"]').count();
    expect(items).toBeGreaterThan(1);
    for (let n = 0; n < items; n += 1) {
      expect((await page.getByTestId(`m-basis-${n}`).innerText()).length).toBeGreaterThan(2);
      await page.getByTestId(`m-result-${n}-${n === 0 ? '不符合' : '符合'}`).click();
    }
    await page.getByTestId('m-notes-0').fill('后厨冷藏柜温度 9℃，超过 8℃ 要求');
    const uploaded = await answerTo(page, 'POST', /\/photos$/, () =>
      page.getByTestId('m-photo-0').setInputFiles({ name: '冷藏柜.png', mimeType: 'image/png', buffer: onePixelPng }),
    );
    expect(uploaded.status(), await uploaded.text()).toBe(200);
    await expect.poll(() => page.getByTestId('m-check-0').locator('img.m-thumb').count()).toBe(1);
    expect(await page.getByTestId('m-save-state').innerText()).toBe(`${items} 项有修改，未保存`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await smallControls(page), 'controls under 44 px on the inspection page').toEqual([]);
    await settledShot(page, 'inspection-375');
    const before = resultSaves(answers);
    const saved = await answerTo(page, 'PUT', /\/results$/, () => page.getByTestId('m-save-all').click());
    expect(saved.status(), await saved.text()).toBe(200);
    expect((saved.request().postDataJSON() as { results: unknown[] }).results).toHaveLength(items);
    await expect.poll(() => page.getByTestId('m-save-state').innerText()).toBe(`已录 ${items}/${items}，已全部保存`);
    expect(resultSaves(answers) - before).toBe(1);

    // 4. Reload: every result is there, as saved.
    await page.reload();
    await page.getByTestId('page-inspection').waitFor();
    for (let n = 0; n < items; n += 1) {
      await expect
        .poll(() => page.getByTestId(`m-state-${n}`).innerText())
        .toBe(`已保存：${n === 0 ? '不符合' : '符合'}`);
      expect(await page.getByTestId(`m-result-${n}-${n === 0 ? '不符合' : '符合'}`).getAttribute('class')).toContain(
        'is-active',
      );
    }
    expect(await page.getByTestId('m-notes-0').inputValue()).toBe('后厨冷藏柜温度 9℃，超过 8℃ 要求');

    // 5. Offline: a change is kept on the phone as one batch, shown 未发送, and replayed as one request when back.
    await context.setOffline(true);
    await page.getByTestId('m-result-1-不适用').click();
    await page.getByTestId('m-save-all').click();
    await expect.poll(() => page.getByTestId('m-unsent').innerText()).toContain('未发送 1 项');
    expect(await page.getByTestId('m-state-1').innerText()).toBe('未发送');
    const beforeReplay = resultSaves(answers);
    const replayed = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/results$/.test(r.url()));
    await context.setOffline(false);
    expect((await replayed).status()).toBe(200);
    await expect.poll(() => page.getByTestId('m-unsent').count()).toBe(0);
    await expect.poll(() => page.getByTestId('m-state-1').innerText()).toBe('已保存：不适用');
    expect(resultSaves(answers) - beforeReplay).toBe(1);

    // 6. Back goes where the inspector came from: 我的检查 here, keeping the agenda.
    await page.getByTestId('m-back').click();
    await page.waitForURL((url) => url.pathname === '/m/tasks');
    await page.getByTestId('page-my-inspections').waitFor();
    // From 检查任务单, back returns there; opened directly (no page before it in the app), back goes to 我的检查.
    await page.goto(`${base}/tasks`);
    await page.getByTestId(`task-open-${task.taskNo}`).waitFor();
    await settledShot(page, 'task-list-375');
    await page.getByTestId(`task-open-${task.taskNo}`).click();
    await page.getByTestId('page-inspection').waitFor();
    expect(await page.getByTestId('m-back').innerText()).toBe('‹ 返回检查任务单');
    await page.getByTestId('m-back').click();
    await page.waitForURL((url) => url.pathname === '/tasks');
    const direct = await context.newPage();
    await direct.goto(`${base}/m/tasks/${task.taskNo}`);
    await direct.getByTestId('page-inspection').waitFor();
    expect(await direct.getByTestId('m-back').innerText()).toBe('‹ 返回我的检查');
    await direct.getByTestId('m-back').click();
    await direct.waitForURL((url) => url.pathname === '/m/tasks');
    await context.close();

    // The same pages on a desk screen (1366 px).
    const desk = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const deskPage = await desk.newPage();
    await openAs(deskPage, base, 'scjg_jc01');
    await deskPage.waitForURL((url) => url.pathname === '/m/tasks');
    await deskPage.getByTestId(`m-task-${task.taskNo}`).waitFor();
    await settledShot(deskPage, 'home-1366');
    await deskPage.getByTestId(`m-task-${task.taskNo}`).click();
    await deskPage.getByTestId('m-state-0').waitFor();
    await settledShot(deskPage, 'inspection-1366');
    await deskPage.goto(`${base}/tasks`);
    await deskPage.getByTestId(`task-open-${task.taskNo}`).waitFor();
    await settledShot(deskPage, 'task-list-1366');
    await desk.close();

    // Other roles keep their home page.
    const staffContext = await suite.browser.newContext(phone);
    const staffPage = await staffContext.newPage();
    await openAs(staffPage, base, 'scjg_staff');
    await staffPage.getByTestId('page-home').waitFor();
    expect(new URL(staffPage.url()).pathname).toBe('/');
    await settledShot(staffPage, 'staff-home-375');
    await staffContext.close();
  });
});
