import { describe, expect, it } from 'vitest';
import { pageWidth, phone, platformForSuite, shot, signIn, withoutToasts } from './browser-helpers';
import { apiAs as sceneApi, linkAccountToInspector, publishedRestaurantDraw } from './browser-scene';

const suite = platformForSuite();
const password = 'Lianjian@2026';
const apiAs = (username: string) => sceneApi(suite.platform.url, username);

type Task = {
  taskNo: string;
  subject: { name: string };
  departments: { id: number; name: string; inspectors: { id: number }[] }[];
};

/** The enterprise evaluates through the public 检查码 page's API (no login). */
async function evaluate(token: string, body: object): Promise<void> {
  const res = await fetch(`${suite.platform.url}/api/public/inspection-codes/${token}/evaluation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).toBe(200);
}

describe('检查评议 page', () => {
  it('shows the KPIs, the charts and the complaint linked to its task at 375 px', async () => {
    // Scene (API): two drawn restaurant checks inspected by scjg_jc01, a 检查码 each; the enterprises rate them 2 (with a complaint) and 5.
    const lianxi = await apiAs('lianxi');
    const admin = await apiAs('admin');
    const { recordNo } = await publishedRestaurantDraw(lianxi, '浏览器测试检查评议抽查');
    const list = await lianxi<{ items: Task[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const tasks = list.items.filter((t) => t.departments[0]?.inspectors.length).slice(0, 2);
    expect(tasks).toHaveLength(2);
    const ratings = [
      { satisfaction: 2, comments: '检查时间过长', complaint: true, complaintText: '检查人员未出示执法证' },
      { satisfaction: 5, comments: '一次检查多项，省时省力' },
    ];
    for (const [i, task] of tasks.entries()) {
      const issued = await lianxi<{ code: { token: string }; queryCode: string }>(
        'POST',
        `/api/tasks/${task.taskNo}/notice`,
        {},
      );
      await linkAccountToInspector(admin, 'scjg_jc01', task.departments[0]!.inspectors[0]!.id);
      const jc = await apiAs('scjg_jc01');
      // The day the test runs may be a rest day: the check-in is confirmed as the page would after asking.
      await jc('POST', `/api/inspections/${task.taskNo}/check-in`, { confirmNonWorkingDay: true });
      const view = await jc<{ departments: { checks: { checkItemId: number }[] }[] }>(
        'GET',
        `/api/inspections/${task.taskNo}`,
      );
      for (const c of view.departments[0]!.checks)
        await jc('PUT', `/api/inspections/${task.taskNo}/results/${c.checkItemId}`, { result: '符合', notes: '' });
      await jc('POST', `/api/inspections/${task.taskNo}/submit`, {});
      await evaluate(issued.code.token, { queryCode: issued.queryCode, ...ratings[i]! });
    }
    const [complained, praised] = tasks as [Task, Task];

    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await signIn(page, suite.platform.url, 'lianxi', password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${suite.platform.url}/evaluations`);
    await page.getByTestId('kpi-count').waitFor();
    const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
    expect(await page.getByTestId('evaluations-export').getAttribute('href')).toBe(
      `/api/evaluations/summary.xlsx?from=${year}-01-01&to=${year}-12-31`,
    );
    await expect.poll(() => page.getByTestId('kpi-count').innerText()).toContain('2');
    expect(await page.getByTestId('kpi-average').innerText()).toContain('3.50');
    expect(await page.getByTestId('kpi-satisfied').innerText()).toContain('50.0%');
    expect(await page.getByTestId('kpi-complaints').innerText()).toMatch(/投诉\s*1/);
    expect(await page.getByTestId('kpi-response').innerText()).toMatch(/已检查任务 2 个/);
    // Every chart drew its SVG, with the department's name on its axis.
    for (const chart of ['chart-trend', 'chart-departments', 'chart-industries', 'chart-kinds']) {
      await expect
        .poll(() => page.getByTestId(chart).locator('svg path').count(), { message: chart })
        .toBeGreaterThan(3);
    }
    expect(await page.getByTestId('chart-departments').locator('svg').textContent()).toContain('市市场监督管理局');
    const kinds = await page.getByTestId('chart-kinds').locator('svg').textContent();
    expect(kinds).toContain('单部门检查');
    expect(kinds).toContain('3.50 分（2 条）');
    expect(kinds).toContain('无评价'); // no joint task was evaluated
    // The complaint (and only it: 5 points is neither low nor a complaint) is listed for follow-up.
    const row = page.getByTestId(`follow-up-${complained.taskNo}`);
    const text = await row.innerText();
    expect(text).toContain(complained.subject.name);
    expect(text).toContain('投诉：检查人员未出示执法证');
    expect(text).toContain('2 分');
    expect(await page.getByTestId(`follow-up-${praised.taskNo}`).count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await withoutToasts(page);
    await page.waitForTimeout(1500); // the charts' entry animation
    await shot(page, 'evaluations-phone');

    await page.getByTestId(`follow-up-link-${complained.taskNo}`).click();
    await page.waitForURL((url) => url.pathname === `/m/tasks/${complained.taskNo}`);
    await expect.poll(() => page.locator('main').innerText()).toContain(complained.subject.name);
    await context.close();

    // Desktop width: cards in a row, charts two by two.
    const desk = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const deskPage = await desk.newPage();
    await signIn(deskPage, suite.platform.url, 'lianxi', password);
    await deskPage.waitForURL((url) => !url.pathname.startsWith('/login'));
    await deskPage.goto(`${suite.platform.url}/evaluations`);
    // The charts' bundle loads and draws after the data: on a busy machine that takes more than the default second.
    await expect
      .poll(() => deskPage.getByTestId('chart-kinds').locator('svg path').count(), { timeout: 15_000 })
      .toBeGreaterThan(3);
    await withoutToasts(deskPage);
    await deskPage.waitForTimeout(1500);
    await shot(deskPage, 'evaluations-desktop');
    await desk.close();
  });
});
