import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, choose, openAs, pageWidth, phone, shot, withoutToasts } from './browser-helpers';
import { apiAs, chinaToday } from './browser-scene';

/** The text box of an Element Plus input, textarea or date picker, wherever the component put the test id. */
const field = (scope: Page | Locator, id: string) =>
  scope
    .locator(
      `input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`,
    )
    .first();

// With the demo activity: its list of measures and cases (demo-credit-measures.ts) are on the pages too.
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
});
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

describe('联合奖惩', () => {
  it('the credit office publishes a measure and names a subject; a department records feedback; the portal lists it at 375 px', async () => {
    const tag = String(Date.now()).slice(-6);
    const matter = `限制申请财政性资金项目${tag}`;
    const office = await apiAs(suite.platform.url, 'fgw_xy');
    const subject = (
      await office<{ items: { id: number; name: string; uscc: string }[] }>(
        'GET',
        '/api/subjects?creditClass=D&status=%E5%AD%98%E7%BB%AD&pageSize=50',
      )
    ).items.at(-1)!;

    // 1. The credit office adds the measure and publishes it.
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openAs(page, suite.platform.url, 'fgw_xy', '/credit-measures/measures');
    await page.getByTestId('measures-table').getByText('限制参与政府采购活动').waitFor();
    await page.getByTestId('measure-add').click();
    const dialog = page.getByTestId('measure-dialog');
    await field(dialog, 'measure-matter').fill(matter);
    await field(dialog, 'measure-target').fill('严重违法失信主体');
    await field(dialog, 'measure-means').fill('依法限制申请财政性资金项目');
    await choose(dialog.getByTestId('measure-departments'), '市市场监督管理局');
    await page.keyboard.press('Escape');
    await field(dialog, 'measure-basis').fill('《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条');
    const created = await answerTo(page, 'POST', /\/api\/credit-measures\/measures$/, () =>
      dialog.getByTestId('measure-save').click(),
    );
    expect(created.status()).toBe(200);
    const measure = (await created.json()) as { id: number; code: string };
    await page.getByTestId(`measure-publish-${measure.id}`).click();
    const published = await answerTo(page, 'POST', /\/publish$/, () =>
      page.locator('.el-message-box').getByRole('button', { name: '发布' }).click(),
    );
    expect(published.status()).toBe(200);
    await expect.poll(() => page.getByTestId(`measure-status-${measure.id}`).innerText()).toBe('已发布');
    await withoutToasts(page);
    await shot(page, 'credit-measures-list');

    // 2. It names a D-class subject under the measure.
    await page.goto(`${suite.platform.url}/credit-measures/cases`);
    await page.getByTestId('case-initiate').click();
    const form = page.getByTestId('initiate-dialog');
    await choose(form.getByTestId('initiate-measure'), matter);
    await form.getByTestId('initiate-subjects').click();
    await page.keyboard.type(subject.uscc);
    await page.locator('.el-select-dropdown__item:visible', { hasText: subject.name }).first().click();
    await page.keyboard.press('Escape');
    await field(form, 'initiate-reason').fill('被列入严重违法失信名单');
    await field(form, 'initiate-basis').fill(`日发改信用〔2026〕${tag} 号`);
    const validTo = `${Number(chinaToday().slice(0, 4)) + 2}${chinaToday().slice(4)}`;
    await field(form, 'initiate-to').fill(validTo);
    await page.keyboard.press('Enter');
    const initiated = await answerTo(page, 'POST', /\/api\/credit-measures\/cases$/, () =>
      form.getByTestId('initiate-save').click(),
    );
    expect(initiated.status(), await initiated.text()).toBe(200);
    const caseId = ((await initiated.json()) as { ids: number[] }).ids[0]!;
    await page.getByTestId(`case-open-${caseId}`).waitFor();
    await withoutToasts(page);
    await shot(page, 'credit-measure-cases');
    await page.getByRole('tab', { name: '反馈逾期' }).click();
    await page.getByTestId('measure-overdue-table').getByText('市财政局').first().waitFor();
    await shot(page, 'credit-measure-overdue');
    // The subject page shows the case.
    await page.goto(`${suite.platform.url}/subjects/${subject.id}`);
    await page.getByTestId('subject-measures').getByText(matter).waitFor();
    await shot(page, 'credit-measure-subject');
    await context.close();

    // 3. 市市场监督管理局 records its feedback, on a phone.
    const staff = await (await suite.browser.newContext(phone)).newPage();
    await openAs(staff, suite.platform.url, 'scjg_staff', '/credit-measures/cases');
    await staff.getByTestId(`case-feedback-${caseId}`).click();
    const fb = staff.getByTestId('feedback-dialog');
    await field(fb, 'feedback-date').fill(chinaToday());
    await staff.keyboard.press('Enter');
    await field(fb, 'feedback-action').fill('已在财政资金项目申报系统中标注');
    const saved = await answerTo(staff, 'POST', /\/feedback$/, () => fb.getByTestId('feedback-save').click());
    expect(saved.status()).toBe(204);
    await expect.poll(() => staff.getByTestId(`case-feedback-${caseId}`).innerText()).toBe('更正反馈');
    expect(await pageWidth(staff)).toBeLessThanOrEqual(375);
    await withoutToasts(staff);
    await shot(staff, 'credit-measure-cases-phone');
    const view = await (
      await apiAs(suite.platform.url, 'fgw_xy')
    )<{
      feedbacks: { departmentName: string; outcome: string }[];
    }>('GET', `/api/credit-measures/cases/${caseId}`);
    expect(view.feedbacks).toEqual([
      expect.objectContaining({ departmentName: '市市场监督管理局', outcome: '已实施' }),
    ]);

    // 4. The public portal lists the measure (no login, 375 px); the tabs wrap, each a 44 px tap target.
    const pub = await (await suite.browser.newContext(phone)).newPage();
    await pub.goto(`${suite.platform.url}/public/credit-measures`);
    const card = pub.getByTestId(`public-measure-${measure.code}`);
    await field(pub, 'public-measures-keyword').fill(tag);
    await pub.getByRole('button', { name: '查询' }).click();
    await card.waitFor();
    expect(await card.innerText()).toContain('市市场监督管理局');
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    // The portal's menu folds at phone width: opened, each entry is a 44 px tap target.
    await pub.getByTestId('public-nav-toggle').click();
    const tabs = await pub
      .locator('.portal__links a')
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(Math.min(...tabs)).toBeGreaterThanOrEqual(44);
    await shot(pub, 'public-credit-measures-phone');
    await field(pub, 'public-measures-keyword').fill('');
    await pub.getByRole('button', { name: '查询' }).click();
    await pub.getByText('限制参与政府采购活动').waitFor();
    expect(await pub.getByText('加强金融机构授信审查提示').count()).toBe(0);
  });
});
