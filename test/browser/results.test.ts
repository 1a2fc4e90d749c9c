import { describe, expect, it } from 'vitest';
import { answerTo, pageWidth, phone, platformForSuite, shot, signIn } from './browser-helpers';
import { apiAs as sceneApi, linkAccountToInspector, publishedRestaurantDraw } from './browser-scene';

const suite = platformForSuite();
const password = 'Lianjian@2026';

const apiAs = (username: string) => sceneApi(suite.platform.url, username);

type Task = {
  taskNo: string;
  subject: { id: number; uscc: string; name: string };
  departments: { id: number; name: string; inspectors: { id: number }[] }[];
};

describe('results approval and the public results announcement', () => {
  it('the department admin approves on a phone; the result appears on /public/results at 375 px', async () => {
    // Scene (API): a published draw of restaurant checks; scjg_jc01 linked to the assigned inspector checks in, records and submits.
    const lianxi = await apiAs('lianxi');
    const admin = await apiAs('admin');
    const { recordNo } = await publishedRestaurantDraw(lianxi, '浏览器测试结果公告抽查');
    const tasks = await lianxi<{ items: Task[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const task = tasks.items.find((t) => t.departments[0]?.inspectors.length)!;
    expect(task).toBeDefined();
    await linkAccountToInspector(admin, 'scjg_jc01', task.departments[0]!.inspectors[0]!.id);
    const jc = await apiAs('scjg_jc01');
    // The day the test runs may be a rest day: the check-in is confirmed as the page would after asking.
    await jc('POST', `/api/inspections/${task.taskNo}/check-in`, { confirmNonWorkingDay: true });
    const view = await jc<{ departments: { checks: { checkItemId: number }[] }[] }>(
      'GET',
      `/api/inspections/${task.taskNo}`,
    );
    for (const [i, c] of view.departments[0]!.checks.entries())
      await jc('PUT', `/api/inspections/${task.taskNo}/results/${c.checkItemId}`, {
        result: i === 0 ? '不符合' : '符合',
        notes: i === 0 ? '后厨地面积水' : '',
      });
    await jc('POST', `/api/inspections/${task.taskNo}/submit`, {});

    // The department admin approves from 结果审核与期限 on a phone.
    const adminContext = await suite.browser.newContext(phone);
    const page = await adminContext.newPage();
    await signIn(page, suite.platform.url, 'scjg_admin', password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${suite.platform.url}/results/deadlines`);
    await page.getByTestId(`approve-${task.taskNo}`).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'results-deadlines-phone');
    const approved = await answerTo(page, 'POST', /\/approve$/, () =>
      page.getByTestId(`approve-${task.taskNo}`).click(),
    );
    expect(approved.status(), await approved.text()).toBe(200);
    await expect.poll(() => page.getByTestId(`approve-${task.taskNo}`).count()).toBe(0);
    await adminContext.close();

    // The public (no login) finds it on the portal's 抽查结果 page.
    const publicContext = await suite.browser.newContext(phone);
    const pub = await publicContext.newPage();
    await pub.goto(`${suite.platform.url}/public/results`);
    await pub.getByTestId('page-public-results').waitFor();
    await pub.getByTestId('public-results-keyword').fill(task.subject.uscc);
    await pub.getByTestId('public-results-search').click();
    const card = pub.getByTestId(`public-result-${task.taskNo}`);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain(task.subject.uscc);
    expect(text).toContain('发现问题');
    expect(text).toContain('浏览器测试结果公告抽查');
    expect(text).not.toMatch(/信用分类|信用等级|风险/);
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    await pub.evaluate(() => document.querySelectorAll('.el-message').forEach((m) => m.remove()));
    await shot(pub, 'public-results-phone');
    await publicContext.close();

    // The result flows back into the register: the subject's page lists the task, published, with the year's routine visits.
    const officeContext = await suite.browser.newContext(phone);
    const office = await officeContext.newPage();
    await signIn(office, suite.platform.url, 'lianxi', password);
    await office.waitForURL((url) => !url.pathname.startsWith('/login'));
    await office.goto(`${suite.platform.url}/subjects/${task.subject.id}`);
    const row = office.getByTestId(`subject-inspection-${task.taskNo}`);
    await row.waitFor();
    const history = await row.innerText();
    expect(history).toContain('已办结');
    expect(history).toContain('已公示');
    expect(history).toMatch(/现场 \d{4}-\d{2}-\d{2}，发现问题/);
    expect(await office.getByTestId('subject-inspections-year-summary').innerText()).toMatch(/日常检查 [12] \/ 2 次/);
    expect(await pageWidth(office)).toBeLessThanOrEqual(375);
    await row.scrollIntoViewIfNeeded();
    await shot(office, 'subject-inspections-phone');
    await officeContext.close();
  });
});
