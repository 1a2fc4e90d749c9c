import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerTo, pageWidth, phone, platformForSuite, shot, openAs } from './browser-helpers';

const suite = platformForSuite();
const year = new Date().getFullYear() + 1;

async function signedIn(
  browser: Browser,
  username: string,
  options: object = { viewport: { width: 1366, height: 900 } },
): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await openAs(page, suite.platform.url, username);
  return page;
}

/** Picks an option of an Element Plus select by its position or visible text. */
async function choose(select: Locator, text: string | null): Promise<void> {
  await select.click();
  const options = select.page().locator('.el-select-dropdown__item:visible');
  await (text === null ? options.first() : options.filter({ hasText: text }).first()).click();
  await select.page().keyboard.press('Escape');
}

/** Waits until no list is loading and no message is showing, for a clean screenshot. */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.el-loading-mask:visible, .el-message:visible').count(), { timeout: 10_000 })
    .toBe(0);
}

/** Fills the registration dialog and saves; returns the API answer. */
async function register(page: Page, uscc: string, kind: string, from: string, to: string, item: string) {
  await page.getByTestId('registration-create').click();
  const dialog = page.getByTestId('registration-dialog');
  await dialog.getByTestId('registration-usccs').fill(uscc);
  await choose(dialog.getByTestId('registration-kind'), kind);
  const range = dialog.locator('.el-range-input');
  await range.nth(0).fill(`${year}-${from}`);
  await range.nth(1).fill(`${year}-${to}`);
  await range.nth(1).press('Enter');
  await page.waitForTimeout(400); // the kind and date dropdowns' closing animations
  await choose(dialog.getByTestId('registration-items'), item);
  return answerTo(page, 'POST', /^\/api\/registrations$/, () => dialog.getByTestId('registration-save').click());
}

describe('advance registration and merge proposals in Chromium', () => {
  it('two departments register the same subject, the refusal of a whitelisted subject is shown, and both accept the merged visit', async () => {
    const scjg = await signedIn(suite.browser, 'scjg_admin');
    // An enterprise in business that both departments' items cover — 企业公示信息 (any enterprise) and a work-safety item of its
    // industry — carrying no tag but work safety's own (so the merge is the only proposal the second registration makes), and a
    // whitelisted enterprise.
    let uscc = '';
    let safetyItem = '';
    for (const [industry, item] of [
      ['26', '危险化学品企业安全生产随机抽查'],
      ['30', '工贸企业安全生产随机抽查'],
      ['33', '工贸企业安全生产随机抽查'],
      ['34', '工贸企业安全生产随机抽查'],
    ] as const) {
      const subjects = (await (
        await scjg.request.get(
          `${suite.platform.url}/api/subjects?status=存续&whitelisted=false&kind=企业&industry=${industry}&pageSize=100`,
        )
      ).json()) as { items: { id: number; uscc: string }[] };
      for (const s of subjects.items) {
        const tags = (await (await scjg.request.get(`${suite.platform.url}/api/subjects/${s.id}/tags`)).json()) as {
          code: string;
        }[];
        if (tags.every((t) => ['hazardous-chemicals', 'industry-trade'].includes(t.code))) {
          uscc = s.uscc;
          safetyItem = item;
          break;
        }
      }
      if (uscc) break;
    }
    expect(uscc).not.toBe('');
    const white = (
      (await (
        await scjg.request.get(`${suite.platform.url}/api/subjects?status=存续&whitelisted=true&kind=企业&pageSize=1`)
      ).json()) as { items: { uscc: string; name: string }[] }
    ).items[0]!;

    await scjg.getByTestId('menu-registrations').click();
    await scjg.getByTestId('page-registrations').waitFor();
    const refused = await register(scjg, white.uscc, '日常检查', '03-01', '03-31', '企业公示信息抽查');
    expect(refused.status()).toBe(400);
    await expect
      .poll(() => scjg.getByTestId('registration-refusals').innerText())
      .toContain('为白名单主体，原则上不主动上门检查');
    await scjg.waitForTimeout(400);
    await shot(scjg, 'registration-refused-desktop', false);
    await scjg.getByTestId('registration-dialog').getByRole('button', { name: '取消' }).click();

    const first = await register(scjg, uscc, '专项检查', '03-01', '04-30', '企业公示信息抽查');
    expect(first.status(), await first.text()).toBe(200);
    await scjg.getByTestId('registration-dialog').waitFor({ state: 'hidden' });
    await scjg.getByTestId('registrations-table').getByText(uscc).waitFor();

    const yjgl = await signedIn(suite.browser, 'yjgl_admin');
    await yjgl.goto(`${suite.platform.url}/registrations`);
    const second = await register(yjgl, uscc, '日常检查', '04-01', '05-31', safetyItem);
    expect(second.status(), await second.text()).toBe(200);
    const { proposals } = (await second.json()) as { proposals: { proposalNo: string }[] };
    expect(proposals).toHaveLength(1);
    const no = proposals[0]!.proposalNo;
    await yjgl.getByTestId('registration-dialog').waitFor({ state: 'hidden' });
    await settled(yjgl);
    await shot(yjgl, 'registrations-desktop');

    await yjgl.getByTestId('menu-merge-proposals').click();
    await yjgl.getByTestId(`proposal-${no}`).waitFor();
    // A decline needs a reason: the dialog does not send an empty one.
    await yjgl.getByTestId(`proposal-decline-${no}`).click();
    await yjgl.getByTestId('answer-save').click();
    await yjgl.locator('.el-message', { hasText: '请说明拒绝的理由' }).waitFor();
    await yjgl.getByTestId('answer-dialog').getByRole('button', { name: '取消' }).click();
    const accepted = await answerTo(yjgl, 'POST', /\/answer$/, () => yjgl.getByTestId(`proposal-accept-${no}`).click());
    expect(accepted.status()).toBe(200);
    await expect.poll(() => yjgl.getByTestId(`proposal-${no}`).innerText()).toContain('接受');
    await settled(yjgl);
    await shot(yjgl, 'merge-proposals-desktop');

    const phonePage = await signedIn(suite.browser, 'scjg_admin', phone);
    await phonePage.goto(`${suite.platform.url}/merge-proposals`);
    await phonePage.getByTestId(`proposal-${no}`).waitFor();
    const done = await answerTo(phonePage, 'POST', /\/answer$/, () =>
      phonePage.getByTestId(`proposal-accept-${no}`).click(),
    );
    expect(done.status()).toBe(200);
    await expect.poll(() => phonePage.getByTestId(`proposal-status-${no}`).innerText()).toBe('已合并');
    await expect
      .poll(() => phonePage.getByTestId('proposal-merged-task').innerText())
      .toMatch(new RegExp(`已生成联合检查任务 HB${year}-\\d{5}`));
    expect(await pageWidth(phonePage)).toBeLessThanOrEqual(375);
    await settled(phonePage);
    await shot(phonePage, 'merge-proposals-phone');
    await phonePage.goto(`${suite.platform.url}/registrations`);
    await phonePage.getByTestId('registrations-table').getByText('已合并').first().waitFor();
    await settled(phonePage);
    await shot(phonePage, 'registrations-phone');
  });
});
