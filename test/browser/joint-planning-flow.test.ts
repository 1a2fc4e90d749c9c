import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerTo, pageWidth, phone, platformForSuite, shot, signIn } from './browser-helpers';
import { createAnnualPlanInPage, expectReviewMergesVisits, requestAs } from './browser-scene';

/**
 * The whole joint-planning flow in one browser session: the joint-meeting office builds the annual plan
 * from three departments' entries and publishes it, commits a draw from that plan (a local seed, confirmed
 * in the summary), enters the seed, draws, reviews and publishes the task announcement; a visitor then
 * finds the plan and the announcement on the public portal and has the draw recomputed.
 */
const suite = platformForSuite();
const YEAR = 2027;

/** An API session for a demo user (departments submit their entries through the API, for speed). */
const apiAs = (username: string) => requestAs(suite.platform.url, username);

async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  await page.waitForTimeout(400); // chart and dialog animations
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe('joint planning, from the annual plan to the public verification', () => {
  it('plan with three departments → publish → draw from the plan → task announcement → a visitor verifies', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, suite.platform.url, 'lianxi', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    // 1. The office creates the plan for the year.
    const planId = (await createAnnualPlanInPage(page, suite.platform.url, YEAR)).id;

    // 2. Three departments submit their restaurant-related items (their frames overlap, so visits merge).
    const admin = await apiAs('admin');
    const items = (
      (await (await admin.get('/api/sampling-items?pageSize=200')).json()) as {
        items: { id: number; code: string; name: string; departmentName: string }[];
      }
    ).items;
    const chosen = ['餐饮服务单位监督检查', '餐饮油烟污染防治随机抽查', '消防安全随机抽查'].map((name) =>
      items.find((i) => i.name === name)!,
    );
    expect(new Set(chosen.map((i) => i.departmentName)).size).toBe(3);
    for (const [k, item] of chosen.entries()) {
      const api = k === 0 ? await apiAs('scjg_admin') : admin; // 城管 and 消防 have no demo user of their own
      const res = await api.post(`/api/annual-plans/${planId}/entries`, {
        data: {
          samplingItemId: item.id,
          periodFrom: `${YEAR}-04-01`,
          periodTo: `${YEAR}-09-30`,
          content: `${item.name}：对照检查实施清单逐项检查`,
          materials: '营业执照、许可证件和相关台账',
        },
      });
      expect(res.status(), await res.text()).toBe(200);
    }

    // 3. The office adopts the three entries and publishes the plan.
    await page.reload();
    await page.getByTestId('plan-entries').waitFor();
    for (const item of chosen) {
      const accepted = await answerTo(page, 'POST', /\/accept$/, () =>
        page.getByTestId(`entry-accept-${item.code}`).click(),
      );
      expect(accepted.status(), await accepted.text()).toBe(200);
    }
    await page.getByTestId('plan-publish').click();
    const published = await answerTo(page, 'POST', /\/publish$/, () =>
      page.locator('.el-message-box').getByRole('button', { name: '公布' }).click(),
    );
    expect(published.status(), await published.text()).toBe(200);
    await expect.poll(() => page.getByTestId('plan-status').innerText()).toBe('已公布');
    await settled(page);
    await shot(page, 'flow-1-plan-published');

    // 4. A draw committed from the published plan: its items and period are filled in.
    await page.getByTestId('menu-draws').click();
    await page.getByTestId('page-draws').waitFor();
    await page.getByTestId('draw-create').click();
    const commit = page.getByTestId('draw-commit-dialog');
    await commit.getByTestId('commit-plan').click();
    await page
      .locator('.el-select-dropdown__item:visible', { hasText: `${YEAR}` })
      .first()
      .click();
    await expect.poll(() => commit.innerText()).toContain('已选 3 个事项，涉及 3 个部门');
    expect(await commit.getByTestId('commit-title').inputValue()).toContain(`${YEAR} 年度跨部门联合抽查`);
    // A local seed made in the browser (a declared lottery's numbers would be refused until its draw time).
    await commit.getByTestId('commit-entropy-kind').getByText('本地随机种子').click();
    await commit.getByRole('button', { name: '随机生成' }).click();
    const seed = await commit.getByTestId('commit-seed').inputValue();
    expect(seed).toMatch(/^[0-9a-f]{48}$/);
    await page.waitForTimeout(300);
    await shot(page, 'flow-2-commit-from-plan', false);
    await commit.getByTestId('commit-submit').click();
    const confirm = page.locator('.el-message-box');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('此承诺公开后不可撤回');
    const committed = await answerTo(page, 'POST', /^\/api\/draws$/, () =>
      confirm.getByRole('button', { name: '确认承诺并公布' }).click(),
    );
    expect(committed.status(), await committed.text()).toBe(200);
    const round = (await committed.json()) as { roundNo: string; window: { from: string; to: string } };
    expect(round.window).toEqual({ from: `${YEAR}-04-01`, to: `${YEAR}-09-30` });
    await page.waitForURL(new RegExp(`/draws/${round.roundNo}$`));
    await expect.poll(() => page.getByTestId('commitment-root').innerText()).toMatch(/^[0-9a-f]{64}$/);

    // 5. The seed kept from the commitment; the draw; the review; the task announcement.
    await page.getByTestId('run-seed').fill(seed);
    const drawn = await answerTo(page, 'POST', new RegExp(`^/api/draws/${round.roundNo}/records$`), () =>
      page.getByTestId('run-submit').click(),
    );
    expect(drawn.status(), await drawn.text()).toBe(200);
    const recordNo = ((await drawn.json()) as { recordNo: string }).recordNo;
    await expectReviewMergesVisits(page);
    await settled(page);
    await shot(page, 'flow-3-review');
    await page.getByTestId('review-publish').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    const announced = await answerTo(page, 'POST', new RegExp(`^/api/draw-records/${recordNo}/publish$`), () =>
      box.getByRole('button', { name: '发布' }).click(),
    );
    expect(announced.status(), await announced.text()).toBe(200);
    await expect.poll(() => page.getByTestId('review-published').innerText()).toContain('任务公告');
    // The published tasks on the 检查任务单 page that departments and inspectors work from.
    await page.getByTestId('menu-tasks').click();
    await page.getByTestId('page-tasks').waitFor();
    await expect.poll(() => page.getByTestId('tasks-table').locator('.task-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('tasks-table').innerText()).toContain('已发布');
    await settled(page);
    await shot(page, 'flow-3b-tasks');
    await page.close();

    // 6. A visitor: the plan, the announcement, the draw recomputed.
    const visitor = await suite.browser.newContext(phone);
    const pub = await visitor.newPage();
    await pub.goto(`${suite.platform.url}/public`);
    await pub.getByTestId('portal-tile-plans').click();
    await pub.waitForURL(/\/public\/plans$/);
    await pub.getByTestId(`public-plan-annual-${planId}`).click();
    await pub.getByTestId('published-lines').waitFor();
    const lines = await pub.getByTestId('published-lines').innerText();
    for (const item of chosen) expect(lines).toContain(item.name);
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    await settled(pub);
    await shot(pub, 'flow-4-public-plan-phone');
    await pub.goto(`${suite.platform.url}/public/announcements`);
    await pub.getByTestId(`announcement-${recordNo}`).getByRole('link').first().click();
    await pub.getByTestId('page-public-announcement').waitFor();
    await expect.poll(() => pub.getByTestId('announcement-tasks').locator('.task-row').count()).toBeGreaterThan(0);
    expect(await pub.getByTestId('page-public-announcement').innerText()).not.toMatch(
      /信用分类[：:]|[ABCD] 类|检查人员/,
    );
    await settled(pub);
    await shot(pub, 'flow-5-public-announcement-phone');
    await pub.getByTestId('announcement-draw-link').click();
    await pub.getByTestId('page-public-draw').waitFor();
    await pub.getByTestId(`verify-${recordNo}`).click();
    await expect
      .poll(() => pub.getByTestId(`verify-result-${recordNo}`).innerText(), { timeout: 30_000 })
      .toContain('一致');
    expect(await pub.getByTestId(`verify-result-${recordNo}`).innerText()).not.toContain('不一致');
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    await settled(pub);
    await shot(pub, 'flow-6-public-verified-phone');
    await visitor.close();
  });
});
