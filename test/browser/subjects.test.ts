import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkUscc, orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import { answerTo, openAs, pageWidth, phone, platformForSuite, shot, openAsAdmin } from './browser-helpers';

const suite = platformForSuite();

/** A code that passes every check but the last character's. */
function badUscc(): string {
  const org8 = 'LJ202611';
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + (usccCheckCharacter(first17) === '0' ? '1' : '0');
}

/** Runs `action` and waits for the subject list request it causes; returns its JSON. */
async function listAfter(page: Page, action: () => Promise<void>): Promise<{ total: number; totalCapped: boolean }> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/subjects' && r.request().method() === 'GET'),
    action(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  await page
    .locator('[data-testid="subjects-table"] .el-loading-mask')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
  return (await response.json()) as { total: number; totalCapped: boolean };
}

const rows = (page: Page) => page.getByTestId('subjects-table').locator('.el-table__body tr');

/**
 * Opens `select` and picks `text`. Under load the click that opens the list can land while the previous list is
 * still closing, leaving this one shut: open it again until the option shows.
 */
async function choose(page: Page, select: Locator, text: string): Promise<void> {
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first();
  await expect
    .poll(
      async () => {
        if (await option.isVisible()) return true;
        await select.click();
        return option.isVisible();
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
  await option.click();
}

describe('subject register pages in Chromium', () => {
  it('lists, searches, filters and opens subjects', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openAsAdmin(page, suite.platform.url);
    const first = await listAfter(page, () => page.getByTestId('menu-subjects').click());
    expect(first.totalCapped).toBe(true);
    await expect.poll(() => page.getByTestId('subjects-capped').innerText()).toContain('超过 10000 条，请增加筛选条件');
    await expect.poll(() => page.locator('.el-pagination__total').innerText()).toContain('10000+');

    const q = page.getByTestId('subject-search-q');
    await q.fill('恒');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.getByText('名称关键字请至少输入 2 个字').first().isVisible()).toBe(true);

    await q.fill('恒信');
    const found = await listAfter(page, () => page.getByRole('button', { name: '搜索' }).click());
    expect(found.total).toBeGreaterThan(0);
    expect(found.totalCapped).toBe(false);
    await expect.poll(() => rows(page).first().innerText()).toContain('恒信');
    await shot(page, 'subjects-desktop');

    await page.locator('.el-form-item', { hasText: '行业' }).locator('.el-select').first().click();
    await page.keyboard.type('餐饮业');
    await page.locator('.el-tree-node__content:visible', { hasText: '62 餐饮业' }).first().click();
    const dining = await listAfter(page, () => page.getByRole('button', { name: '搜索' }).click());
    expect(dining.total).toBeGreaterThan(0);
    expect(dining.total).toBeLessThan(found.total);

    const name = (await rows(page).first().locator('a').first().innerText()).trim();
    await rows(page).first().locator('a').first().click();
    await page.getByTestId('page-subject-detail').waitFor();
    await expect.poll(() => page.getByTestId('subject-detail-name').innerText()).toBe(name);
    await expect.poll(() => page.getByTestId('subject-descriptions').innerText()).toContain('信用分类');
    await page.getByTestId('subject-tags').waitFor();
    await page.getByTestId('subject-inspections').getByText('暂无检查记录').waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'subject-detail-desktop');
    await page.close();
  });

  it('creates a subject whose code fails its check only when the user keeps it', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAsAdmin(page, suite.platform.url);
    await page.goto(`${suite.platform.url}/subjects`);
    await page.getByTestId('page-subjects').waitFor();
    await page.getByTestId('subject-create').click();
    const dialog = page.getByTestId('subject-dialog');
    await dialog.waitFor();

    const uscc = badUscc();
    const check = checkUscc(uscc);
    expect(check.valid).toBe(false);
    await dialog.getByTestId('subject-uscc').fill(uscc.toLowerCase());
    await expect
      .poll(() => dialog.getByTestId('subject-uscc-reason').innerText())
      .toContain(check.valid ? '' : check.reason);
    await dialog.getByTestId('subject-name').fill('日照联检浏览器测试恒信商贸有限公司');
    await choose(page, dialog.getByTestId('subject-kind'), '企业');
    await choose(page, dialog.getByTestId('subject-division'), '东港区');
    await dialog.getByTestId('subject-save').click();
    await expect.poll(() => dialog.innerText()).toContain('勾选保留');
    await shot(page, 'subject-dialog-desktop', false);

    await dialog.getByTestId('subject-uscc-keep').click();
    await dialog.getByTestId('subject-save').click();
    await page.getByTestId('page-subject-detail').waitFor();
    await expect
      .poll(() => page.getByTestId('subject-uscc-problem').innerText())
      .toContain(check.valid ? '' : check.reason);
    await expect.poll(() => page.getByTestId('subject-descriptions').innerText()).toContain(uscc);
    await shot(page, 'subject-created-desktop');

    await page.getByRole('button', { name: '返回列表' }).click();
    await page.getByTestId('page-subjects').waitFor();
    await page.getByTestId('subject-search-q').fill(uscc);
    await page.getByTestId('subject-search-flags').getByText('代码有疑问').click();
    const flagged = await listAfter(page, () => page.getByRole('button', { name: '搜索' }).click());
    expect(flagged.total).toBe(1);
    await expect.poll(() => rows(page).first().getByTestId('subject-flagged').isVisible()).toBe(true);
    await page.close();
  });

  it('is usable at phone width (375 px)', async () => {
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await openAsAdmin(page, suite.platform.url);
    await listAfter(page, async () => {
      await page.goto(`${suite.platform.url}/subjects`);
    });
    await page.getByTestId('subject-search-q').fill('鑫源');
    await listAfter(page, () => page.getByRole('button', { name: '搜索' }).click());
    await page.waitForLoadState('networkidle');
    expect(await pageWidth(page), '列表页不应横向溢出').toBeLessThanOrEqual(375);
    await shot(page, 'subjects-phone');

    await rows(page).first().locator('a').first().click();
    await page.getByTestId('subject-descriptions').waitFor();
    await page.waitForLoadState('networkidle');
    const cellsPerRow = await page.getByTestId('subject-descriptions').locator('tr').first().locator('th, td').count();
    expect(cellsPerRow, '详情在手机上为一列').toBe(2);
    expect(await pageWidth(page), '详情页不应横向溢出').toBeLessThanOrEqual(375);
    await shot(page, 'subject-detail-phone');
    await context.close();
  });

  it('disables the fields a user does not maintain, saying who does; the credit office edits only the whitelist', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAs(page, suite.platform.url, 'scjg_admin');
    // A demo subject in 化学原料 (division 26), which 市应急管理局 rated.
    const found = (await (
      await page.request.get(`${suite.platform.url}/api/subjects?industry=26&pageSize=1`)
    ).json()) as {
      items: { id: number; name: string; industryRisk: Record<string, string> }[];
    };
    const subject = found.items[0]!;
    expect(subject.industryRisk).toMatchObject({ 市应急管理局: '高' });
    await page.goto(`${suite.platform.url}/subjects/${subject.id}`);
    await page.getByTestId('page-subject-detail').waitFor();
    await answerTo(page, 'GET', /\/api\/subjects\/field-ownership$/, () => page.getByTestId('subject-edit').click());
    const dialog = page.getByTestId('subject-dialog');
    const credit = dialog.getByTestId('subject-credit-class');
    await expect.poll(() => credit.locator('.el-select__wrapper').getAttribute('class')).toContain('is-disabled');
    await expect.poll(() => dialog.getByTestId('subject-whitelisted').getAttribute('class')).toContain('is-disabled');
    const foreignRisk = dialog.getByTestId('risk-row-市应急管理局');
    await expect
      .poll(() => foreignRisk.locator('.el-select__wrapper').first().getAttribute('class'))
      .toContain('is-disabled');
    await credit.hover();
    await expect
      .poll(() => page.locator('.el-popper:visible', { hasText: '信用风险分类由公共信用综合评价产生' }).count())
      .toBe(1);
    await shot(page, 'subject-dialog-field-ownership', false);
    await page.mouse.move(0, 0);
    await foreignRisk.hover();
    await expect
      .poll(() =>
        page.locator('.el-popper:visible', { hasText: '市应急管理局的行业风险等级由市应急管理局维护' }).count(),
      )
      .toBe(1);
    // The stored values go back unchanged: the department admin's save succeeds.
    const saved = await answerTo(page, 'PUT', new RegExp(`/api/subjects/${subject.id}$`), () =>
      dialog.getByTestId('subject-save').click(),
    );
    expect(saved.status(), await saved.text()).toBe(200);
    await page.close();

    const office = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAs(office, suite.platform.url, 'fgw_xy', `/subjects/${subject.id}`);
    await office.getByTestId('page-subject-detail').waitFor();
    await answerTo(office, 'GET', /\/api\/subjects\/field-ownership$/, () =>
      office.getByTestId('subject-edit').click(),
    );
    const officeDialog = office.getByTestId('subject-dialog');
    await officeDialog.getByTestId('subject-credit-only').waitFor();
    expect(await officeDialog.getByTestId('subject-name').count()).toBe(0);
    // The class comes from the credit evaluation: nobody sets it by hand; the credit office keeps the whitelist.
    await expect
      .poll(() => officeDialog.getByTestId('subject-credit-class').locator('.el-select__wrapper').getAttribute('class'))
      .toContain('is-disabled');
    await expect
      .poll(() => officeDialog.getByTestId('subject-whitelisted').getAttribute('class'))
      .not.toContain('is-disabled');
    const wasWhitelisted = (await officeDialog.getByTestId('subject-whitelisted').getAttribute('class'))!.includes(
      'is-checked',
    );
    await officeDialog.getByTestId('subject-whitelisted').click();
    await shot(office, 'subject-dialog-credit-office', false);
    const changed = await answerTo(office, 'PUT', new RegExp(`/api/subjects/${subject.id}/credit$`), () =>
      officeDialog.getByTestId('subject-save').click(),
    );
    expect(changed.status(), await changed.text()).toBe(200);
    expect(((await changed.json()) as { whitelisted: boolean }).whitelisted).toBe(!wasWhitelisted);
    await office.close();
  });
});
