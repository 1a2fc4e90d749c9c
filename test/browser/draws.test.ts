import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerTo, pageWidth, phone, platformForSuite, shot, signIn } from './browser-helpers';
import { chinaToday, expectReviewMergesVisits } from './browser-scene';

const suite = platformForSuite();
const keyString = '9319./2.5.8.10.12./9.18.26.34.41.45./';

/** A long phone page in screen-sized parts (name-1.png, name-2.png, …), readable one by one. */
async function shotParts(page: Page, name: string, parts = 4): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  const step = Math.ceil(height / parts);
  for (let i = 0; i < parts; i += 1) {
    await page.screenshot({
      path: `test-results/screenshots/${name}-${i + 1}.png`,
      fullPage: true,
      clip: { x: 0, y: i * step, width, height: Math.min(step, height - i * step) },
    });
  }
}

/** An element alone, from a full-page capture (an element screenshot would show the sticky header over it). */
async function shotOf(page: Page, testId: string, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = (await page.getByTestId(testId).boundingBox())!;
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true, clip: box });
}

async function signInAsLianxi(page: Page): Promise<void> {
  await signIn(page, suite.platform.url, 'lianxi', 'Lianjian@2026');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** An Element Plus field's native input, whether the test id sits on the input or on its wrapper. */
const inputOf = (scope: Locator, testId: string): Locator =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

const title = '下一季度跨部门联合抽查（浏览器）';
const itemNames = ['餐饮服务单位监督检查', '餐饮油烟污染防治随机抽查', '消防安全随机抽查'];

describe('the draw in the UI and its public pages', () => {
  let roundNo = '';
  let recordNo = '';
  let uscc = '';
  let drawDate = '';
  let drawTime = '';

  it('the office commits a round to a lottery after confirming the summary, waits for its draw time, enters the key string, draws, reviews and publishes', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signInAsLianxi(page);
    await page.getByTestId('menu-draws').click();
    await page.getByTestId('page-draws').waitFor();
    await page.getByTestId('draw-create').click();
    const dialog = page.getByTestId('draw-commit-dialog');
    // The defaults are sound for today: a window that has not begun, round 1 of the year for new items.
    const today = chinaToday();
    expect(await inputOf(dialog, 'commit-from').inputValue()).toMatch(/^\d{4}-\d{2}-01$/);
    expect((await inputOf(dialog, 'commit-from').inputValue()) > today).toBe(true);
    await dialog.getByTestId('commit-title').fill(title);
    // Three departments' items on restaurants (GB/T 4754 division 62), so their samples overlap and merge.
    await dialog.getByTestId('commit-items').click();
    for (const name of itemNames) {
      await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.innerText()).toContain('涉及 3 个部门');
    expect(await inputOf(dialog, 'commit-round-index').inputValue()).toBe('1');
    // The declared lottery draws two minutes from now (China time): the numbers open then.
    const drawsAt = new Date(Date.now() + 2 * 60_000 + 8 * 3_600_000).toISOString();
    [drawDate, drawTime] = [drawsAt.slice(0, 10), drawsAt.slice(11, 16)];
    // The form proposes the lottery's next draw; the date is typed only when it differs.
    if ((await inputOf(dialog, 'commit-draw-date').inputValue()) !== drawDate) {
      await inputOf(dialog, 'commit-draw-date').fill(drawDate);
      await inputOf(dialog, 'commit-draw-date').press('Enter');
      await dialog.getByTestId('commit-title').click();
    }
    await expect.poll(() => inputOf(dialog, 'commit-draw-date').inputValue()).toBe(drawDate);
    await dialog.getByTestId('commit-draw-time').fill(drawTime);
    expect(await dialog.getByTestId('commit-draw-time').inputValue()).toBe(drawTime);
    await dialog
      .getByTestId('commit-description')
      .fill(`${drawDate} 福彩双色球、体彩大乐透、福彩 3D 当期开奖号码（三个随机源）`);
    await dialog.getByTestId('commit-sources').locator('input').fill('3');
    await page.waitForTimeout(400);
    await shot(page, 'draw-commit-dialog-desktop', false);

    // Before anything is published, a summary to confirm: it cannot be taken back.
    await dialog.getByTestId('commit-submit').click();
    const confirm = page.locator('.el-message-box');
    await confirm.waitFor();
    const summary = await confirm.getByTestId('commit-summary').innerText();
    expect(summary).toContain('此承诺公开后不可撤回');
    expect(summary).toContain(`${drawDate} ${drawTime}（北京时间）`);
    expect(summary).toContain('第 1 轮，共 1 轮');
    expect(summary).toContain('3 个事项，涉及 3 个部门');
    expect(summary).toContain('福彩双色球、体彩大乐透、福彩 3D 当期开奖号码（三个随机源）（3 个随机源）');
    await page.waitForTimeout(300);
    await shot(page, 'draw-commit-confirm-desktop', false);
    const committed = await answerTo(page, 'POST', /^\/api\/draws$/, () =>
      confirm.getByRole('button', { name: '确认承诺并公布' }).click(),
    );
    expect(committed.status(), await committed.text()).toBe(200);
    roundNo = ((await committed.json()) as { roundNo: string }).roundNo;
    await page.waitForURL(new RegExp(`/draws/${roundNo}$`));
    await expect.poll(() => page.getByTestId('commitment-root').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => page.getByTestId('commitment-entropy').innerText()).toContain('3 个随机源');
    expect(await page.getByTestId('commitment-draws-at').innerText()).toContain(`${drawDate} ${drawTime}`);
    expect(await page.getByTestId('term-frame-root').innerText()).toContain('清单不能再改');
    expect(await page.getByTestId('commitment-public-link').getAttribute('href')).toBe(`/public/draws/${roundNo}`);

    // Before the draw time the form says when numbers open, and the server refuses them.
    expect(await page.getByTestId('run-not-open').innerText()).toContain(
      `开奖时间 ${drawDate} ${drawTime} 之后方可录入`,
    );
    expect(await page.getByTestId('run-submit').isDisabled()).toBe(true);
    const early = await page.request.post(`${suite.platform.url}/api/draws/${roundNo}/records`, {
      data: { reveal: { kind: 'lottery', keyString } },
      headers: { 'x-lianjian-request': '1' },
    });
    expect(early.status()).toBe(409);
    expect(await early.text()).toContain(`开奖时间 ${drawDate} ${drawTime} 之后方可录入`);
    await page.waitForTimeout(300);
    await shot(page, 'draw-round-committed-desktop');

    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`${suite.platform.url}/api/public/draws/${roundNo}`)).json()) as {
              entropyOpen: boolean;
            }
          ).entropyOpen,
        { timeout: 180_000, interval: 5_000 },
      )
      .toBe(true);
    await page.getByTestId('run-reload').click();
    await page.getByTestId('run-direct').click();
    await page.getByTestId('run-key-string').fill(keyString);
    const drawn = await answerTo(page, 'POST', new RegExp(`^/api/draws/${roundNo}/records$`), async () => {
      await page.getByTestId('run-submit').click();
      // The progress state shows while the server draws (elapsed seconds, no invented percentage).
      await page
        .getByTestId('draw-progress')
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
    });
    expect(drawn.status(), await drawn.text()).toBe(200);
    recordNo = ((await drawn.json()) as { recordNo: string }).recordNo;
    await page.getByTestId(`record-${recordNo}`).waitFor();
    expect(await page.getByTestId(`record-entry-${recordNo}`).innerText()).toContain(keyString);
    // The draw's answer carries its measures, not its tasks; the timings line names each phase in Chinese.
    const answer = (await drawn.json()) as { tasks?: unknown; measures: { tasks: number } };
    expect(answer.tasks).toBeUndefined();
    expect(answer.measures.tasks).toBeGreaterThan(0);
    const timings = await page.getByTestId('record-timings').innerText();
    expect(timings).toContain('选派检查人员');
    expect(timings).not.toMatch(/[a-z]{4,}/);
    // Six charts, each drawn as SVG; merging saves visits; each figure explained in plain words.
    await expectReviewMergesVisits(page);
    expect(await page.getByTestId('draw-review').innerText()).toContain('理论最少上门户数（下界 Σmax π）');
    expect(await page.getByTestId('review-joint').innerText()).not.toMatch(/^0\.0%/);
    await expect.poll(() => page.getByTestId('tasks-table').locator('.task-row').count()).toBeGreaterThan(0);
    await page.waitForTimeout(800); // chart animations
    await shot(page, 'draw-round-reviewed-desktop');
    await shotOf(page, 'draw-review', 'draw-review-desktop');

    // A redraw must state its reason; the first record stays listed as replaced.
    const firstRecord = recordNo;
    await page.getByTestId('redraw-open').click();
    await page.getByTestId('run-direct').click();
    await page.getByTestId('run-key-string').fill('1.2./3./4.5./');
    expect(await page.getByTestId('run-submit').isDisabled()).toBe(true);
    await page.getByTestId('run-reason').fill('开奖号码录入有误，经联席会议办公室确认后重新录入');
    const redrawn = await answerTo(page, 'POST', new RegExp(`^/api/draws/${roundNo}/records$`), () =>
      page.getByTestId('run-submit').click(),
    );
    expect(redrawn.status(), await redrawn.text()).toBe(200);
    recordNo = ((await redrawn.json()) as { recordNo: string }).recordNo;
    await page.getByTestId(`record-${recordNo}`).waitFor();
    expect(await page.getByTestId(`record-${firstRecord}`).innerText()).toContain('已被重新抽取取代');
    expect(await page.getByTestId(`record-${recordNo}`).innerText()).toContain('开奖号码录入有误');
    await expect.poll(() => page.getByTestId('draw-review').isVisible()).toBe(true);

    await page.getByTestId('review-publish').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    const published = await answerTo(page, 'POST', new RegExp(`^/api/draw-records/${recordNo}/publish$`), () =>
      box.getByRole('button', { name: '发布' }).click(),
    );
    expect(published.status(), await published.text()).toBe(200);
    await expect.poll(() => page.getByTestId('review-published').innerText()).toContain('任务公告');
    await expect.poll(() => page.getByTestId('round-steps').locator('.el-step__head.is-success').count()).toBe(6);

    // A new round on the same items is proposed as the next round: round 1 of the year is taken.
    await page.getByTestId('menu-draws').click();
    await page.getByTestId('draw-create').click();
    const again = page.getByTestId('draw-commit-dialog');
    await again.getByTestId('commit-items').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: itemNames[0] }).first().click();
    await page.keyboard.press('Escape');
    await expect.poll(() => inputOf(again, 'commit-round-index').inputValue()).toBe('2');
    expect(await again.getByTestId('commit-round-taken').innerText()).toContain(`第 1 轮（${roundNo}）`);
    await page.close();
  }, 300_000); // it waits for the declared draw time, up to two minutes

  it('a visitor opens the announcement, the draw page, verifies the record and checks a USCC', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.platform.url}/public/announcements`);
    await page.getByTestId(`announcement-${recordNo}`).waitFor();
    await page
      .getByTestId(`announcement-${recordNo}`)
      .getByRole('link', { name: `${title}任务公告` })
      .click();
    await page.getByTestId('page-public-announcement').waitFor();
    const rows = page.getByTestId('announcement-tasks').locator('.task-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const text = await page.getByTestId('page-public-announcement').innerText();
    expect(text).not.toMatch(/信用分类|A 类|B 类|C 类|D 类|检查人员/);
    uscc = (await rows.first().locator('.mono').first().innerText()).trim();
    expect(uscc).toMatch(/^[0-9A-Z]{18}$/);
    expect(await page.getByTestId('announcement-pdf').getAttribute('href')).toBe(
      `/api/public/task-announcements/${recordNo}/pdf`,
    );
    const pdf = await page.request.get(`${suite.platform.url}/api/public/task-announcements/${recordNo}/pdf`);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.waitForTimeout(300);
    await shot(page, 'public-announcement-desktop');

    await page.getByTestId('announcement-draw-link').click();
    await page.getByTestId('page-public-draw').waitFor();
    await page.getByTestId(`verify-${recordNo}`).click();
    await expect
      .poll(() => page.getByTestId(`verify-result-${recordNo}`).innerText(), { timeout: 30_000 })
      .toContain('一致');
    expect(await page.getByTestId(`verify-result-${recordNo}`).innerText()).not.toContain('不一致');
    // What was entered to draw, by whom and when: the declared source and time, the numbers and the key string.
    expect(await page.getByTestId(`public-key-string-${recordNo}`).innerText()).toBe('1.2./3./4.5./');
    const entry = await page.getByTestId(`public-entry-${recordNo}`).innerText();
    expect(entry).toContain(`${drawDate} ${drawTime}（北京时间）`);
    expect(entry).toContain('福彩双色球、体彩大乐透、福彩 3D');
    expect(await page.getByTestId(`public-numbers-${recordNo}`).innerText()).toContain('第 3 个随机源：4 5');
    expect(await page.getByTestId(`public-entered-by-${recordNo}`).innerText()).toContain('联席会议办公室');
    await page.getByTestId('self-check-uscc').fill(uscc);
    await page.getByTestId('self-check-submit').click();
    await expect.poll(() => page.getByTestId('self-check-decision').innerText()).toContain('被抽中');
    expect(await page.getByTestId('self-check-number').innerText()).toMatch(/^0\.\d{12}$/);
    // A visitor sees the decision but not π (it would reveal the class) nor the proof.
    expect(await page.getByTestId('self-check-public-note').innerText()).toContain('公开查询不予显示');
    expect(await page.getByTestId('self-check-proof').count()).toBe(0);
    expect(await page.getByTestId('self-check-result').innerText()).not.toMatch(/\d+\.\d{2}%/);
    // Only the notice that classes are not shown mentions them; no class of any subject appears.
    expect(await page.getByTestId('page-public-draw').innerText()).not.toMatch(/[ABCD] ?类|信用分类[：:]/);
    await page.waitForTimeout(300);
    await shot(page, 'public-draw-desktop');
    await context.close();
  });

  it('the round, review and public pages fit a 375-px phone', async () => {
    const office = await suite.browser.newContext(phone);
    const page = await office.newPage();
    await signInAsLianxi(page);
    await page.goto(`${suite.platform.url}/draws/${roundNo}`);
    await page.getByTestId('draw-review').waitFor();
    await expect.poll(() => page.getByTestId('draw-review').locator('.echart svg').count()).toBe(7);
    await expect.poll(() => page.getByTestId('tasks-table').locator('.task-row').count()).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'draw-round-phone');
    await shotParts(page, 'draw-round-phone', 6);
    // The commit form at phone width.
    await page.goto(`${suite.platform.url}/draws`);
    await page.getByTestId('draw-create').click();
    await page.getByTestId('draw-commit-dialog').getByTestId('commit-title').waitFor();
    await page.waitForTimeout(400);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'draw-commit-dialog-phone', false);
    await office.close();

    const visitor = await suite.browser.newContext(phone);
    const pub = await visitor.newPage();
    await pub.goto(`${suite.platform.url}/public/announcements/${recordNo}`);
    await expect.poll(() => pub.getByTestId('announcement-tasks').locator('.task-row').count()).toBeGreaterThan(0);
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    await shot(pub, 'public-announcement-phone');
    await shotParts(pub, 'public-announcement-phone', 2);
    await pub.goto(`${suite.platform.url}/public/draws/${roundNo}`);
    await pub.getByTestId(`verify-${recordNo}`).click();
    await expect
      .poll(() => pub.getByTestId(`verify-result-${recordNo}`).innerText(), { timeout: 30_000 })
      .toContain('一致');
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    await pub.getByTestId('self-check-uscc').fill(uscc);
    await pub.getByTestId('self-check-submit').click();
    await expect.poll(() => pub.getByTestId('self-check-public-note').innerText()).toContain('公开查询不予显示');
    expect(await pageWidth(pub)).toBeLessThanOrEqual(375);
    await shot(pub, 'public-draw-phone');
    await shotParts(pub, 'public-draw-phone', 3);
    await visitor.close();
    // Signed-in staff see π, the leaf and the Merkle proof, checked in the browser against the committed root.
    const staff = await suite.browser.newContext(phone);
    const own = await staff.newPage();
    await signInAsLianxi(own);
    await own.goto(`${suite.platform.url}/public/draws/${roundNo}`);
    await own.getByTestId('self-check-uscc').fill(uscc);
    await own.getByTestId('self-check-submit').click();
    await expect.poll(() => own.getByTestId('self-check-proof').innerText()).toContain('默克尔证明：一致');
    expect(await own.getByTestId('self-check-result').innerText()).toMatch(/\d+\.\d{2}%/);
    expect(await pageWidth(own)).toBeLessThanOrEqual(375);
    await shotParts(own, 'public-draw-staff-phone', 2);
    await staff.close();
  });
});
