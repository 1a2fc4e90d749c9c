import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/platform-process';
import { answerTo, choose, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';

const suite = platformForSuite();
/** A small valid PNG (1 × 1, red). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** Also keeps the screenshot in /tmp/shots/cintake for the report. */
async function keep(page: Parameters<typeof shot>[0], name: string) {
  await shot(page, name);
  mkdirSync('/tmp/shots/cintake', { recursive: true });
  copyFileSync(join(screenshotDir, `${name}.png`), `/tmp/shots/cintake/${name}.png`);
}

describe('投诉举报 on the public portal', () => {
  it('a visitor at 375 px files a complaint with a photo, gets a ticket and a code, and looks up its progress', async () => {
    const page = await (await suite.browser.newContext(phone)).newPage();
    await page.goto(`${suite.platform.url}/public/complaints`);
    await page.getByTestId('page-public-complaints').waitFor();
    await choose(page.getByTestId('complaint-matter'), '食品安全');
    await page.getByTestId('complaint-subject-name').fill('东港区海曲路老李烧烤店');
    await page.getByTestId('complaint-subject-address').fill('东港区海曲东路 88 号');
    await page.getByTestId('complaint-title').fill('烤串变质有异味');
    await page
      .getByTestId('complaint-content')
      .fill('12 月 3 日晚在该店吃烤串，羊肉串有明显异味，同行两人当晚腹泻，已拍下照片。');
    await page
      .getByTestId('complaint-files')
      .setInputFiles({ name: '烤串照片.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('complaint-name').fill('张海燕');
    await page.getByTestId('complaint-phone').fill('13963312345');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await keep(page, 'complaint-portal-form-phone');
    const attached = await answerTo(page, 'POST', /\/attachments$/, () => page.getByTestId('complaint-submit').click());
    expect(attached.status(), await attached.text()).toBe(200);
    const ticket = await page.getByTestId('portal-complaint-ticket').innerText();
    const code = await page.getByTestId('portal-complaint-code').innerText();
    expect(ticket).toMatch(/^TS\d{4}-\d{6}$/);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await withoutToasts(page);
    await keep(page, 'complaint-portal-filed-phone');

    // Later, on another visit: the ticket and the code show the progress (never the complainant's name).
    const later = await (await suite.browser.newContext(phone)).newPage();
    await later.goto(`${suite.platform.url}/public/complaints`);
    await later.getByTestId('portal-complaint-mode-lookup').click();
    await later.getByTestId('portal-complaint-lookup-ticket').fill(ticket);
    await later.getByTestId('portal-complaint-lookup-code').fill(code.toLowerCase());
    await later.getByTestId('portal-complaint-lookup').click();
    const progress = later.getByTestId('portal-complaint-progress');
    await progress.waitFor();
    const text = await progress.innerText();
    expect(text).toContain('烤串变质有异味');
    expect(text).toContain('收到投诉举报，已登记');
    expect(text).toContain('附件：1 个');
    expect(text).not.toContain('张海燕');
    expect(await pageWidth(later)).toBeLessThanOrEqual(375);
    await withoutToasts(later);
    await keep(later, 'complaint-portal-progress-phone');

    // A wrong code: the neutral refusal.
    await later.getByTestId('portal-complaint-lookup-code').fill('AAAAAAAA');
    const refused = await answerTo(later, 'POST', /\/lookup$/, () =>
      later.getByTestId('portal-complaint-lookup').click(),
    );
    expect(refused.status()).toBe(400);
  });

  it('staff enter a complaint at the window (desktop)', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(page, suite.platform.url, 'scjg_staff', '/complaints/entry');
    await page.getByTestId('page-complaint-entry').waitFor();
    await page.getByTestId('complaint-kind-tip').click();
    await choose(page.getByTestId('complaint-matter'), '安全生产');
    await page.getByTestId('complaint-subject-name').fill('日照某某物流有限公司');
    await page.getByTestId('complaint-title').fill('仓库堵塞安全出口');
    await page.getByTestId('complaint-content').fill('来访群众反映该公司仓库货物堵住安全出口，夜间有人在仓库住宿。');
    await page.getByTestId('complaint-anonymous').click();
    await keep(page, 'complaint-entry-form-desktop');
    await page.getByTestId('complaint-submit').click();
    await expect.poll(() => page.getByTestId('complaint-entry-ticket').innerText()).toMatch(/^TS\d{4}-\d{6}$/);
    await withoutToasts(page);
    await keep(page, 'complaint-entry-filed-desktop');
  });

  it('the joint office sees the 举报奖励 page (verified tips arrive from the handling part)', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(page, suite.platform.url, 'lianxi', '/complaints/rewards');
    await page.getByTestId('reward-table').waitFor();
    const listed = await answerTo(page, 'GET', /\/api\/complaint-rewards$/, () => page.getByText('已决定').click());
    expect(listed.status()).toBe(200);
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator('.el-loading-mask').count()).toBe(0);
    await keep(page, 'complaint-rewards-desktop');
  });
});
