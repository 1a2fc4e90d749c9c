import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enterpriseUscc, organUscc } from '../../src/shared/uscc';
import { demoIdCard } from '../../src/demo/demo-seed';
import { answerTo, choose, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';

const suite = platformForSuite();
const SCJG = { name: '日照市市场监督管理局', uscc: organUscc('371100', 700_002) };
const PROVINCE = { name: '山东省药品监督管理局', uscc: organUscc('370000', 700_101) };

const field = (page: Page, key: string) => page.getByTestId(`record-field-${key}`);
async function fill(page: Page, key: string, value: string) {
  // The form item's test id: Element Plus puts a field's own attributes on the <input> or on a wrapper, by component.
  const item = `[data-testid="record-item-${key}"]`;
  const input = page.locator(`${item} input, ${item} textarea`).first();
  await input.fill(value);
  await input.press('Tab');
}

describe('online entry of licences and penalties (departments without a system of their own)', () => {
  it('a penalty on a natural person: the server’s field error in Chinese, then saved and listed with the ID masked', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAs(page, suite.platform.url, 'scjg_staff', '/records/penalties');
    await page.getByTestId('page-records-penalties').waitFor();
    await page.getByTestId('records-create').click();
    const dialog = page.getByTestId('record-form-dialog');
    await dialog.waitFor();
    await choose(field(page, 'counterpartCategory'), '自然人');
    await fill(page, 'counterpartName', '孙某某');
    const idNumber = demoIdCard('371102', 4321);
    await fill(page, 'idNumber', idNumber);
    await fill(page, 'decisionDocNo', '日市监罚〔2026〕901号');
    await fill(page, 'violationType', '占道经营');
    await fill(page, 'violationFacts', '当事人在人行道上摆摊销售水果');
    await fill(page, 'legalBasis', '《日照市市容和环境卫生管理办法》第二十条');
    await choose(field(page, 'categories'), '罚款');
    await page.keyboard.press('Escape');
    await fill(page, 'content', '罚款 0.02 万元');
    await fill(page, 'fineAmount', '0.02');
    await fill(page, 'decidedOn', '2026-11-20');
    await fill(page, 'authorityName', SCJG.name);
    await fill(page, 'authorityUscc', SCJG.uscc);
    await fill(page, 'sourceUnitName', SCJG.name);
    await fill(page, 'sourceUnitUscc', SCJG.uscc);
    // 公示截止期 before 决定日期: the server refuses and the form shows why, on the field.
    await fill(page, 'publicityUntil', '2026-11-01');
    const refused = await answerTo(page, 'POST', /\/api\/records\/penalties\/online$/, () =>
      page.getByTestId('record-form-save').click(),
    );
    expect(refused.status()).toBe(400);
    const error = page.getByTestId('record-item-publicityUntil').locator('.el-form-item__error');
    await expect.poll(() => error.textContent()).toBe('公示截止期不能早于决定日期');
    await withoutToasts(page);
    await shot(page, 'records-penalty-field-error', false);

    await fill(page, 'publicityUntil', '2027-11-19');
    const saved = await answerTo(page, 'POST', /\/api\/records\/penalties\/online$/, () =>
      page.getByTestId('record-form-save').click(),
    );
    expect(saved.status(), await saved.text()).toBe(200);
    // The new record's page: masked number, never the number itself.
    await page.getByTestId('page-record-penalties').waitFor();
    const fields = page.getByTestId('record-fields');
    await expect.poll(() => fields.textContent()).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
    expect(await page.content()).not.toContain(idNumber);
    await expect.poll(() => page.getByTestId('record-versions').textContent()).toContain('首次接收');
    await withoutToasts(page);
    await shot(page, 'records-penalty-detail');

    await page.goto(`${suite.platform.url}/records/penalties`);
    const table = page.getByTestId('records-table');
    await expect.poll(() => table.textContent()).toContain('孙某某');
    expect(await table.textContent()).toContain('在线');
    await shot(page, 'records-penalties-list');
    await page.close();
  });

  it('a licence a provincial body decided, entered by the supervising department, listed at phone size', async () => {
    const page = await suite.browser.newPage(phone);
    await openAs(page, suite.platform.url, 'scjg_admin', '/records/licences');
    await page.getByTestId('page-records-licences').waitFor();
    await page.getByTestId('records-create').click();
    await page.getByTestId('record-form-dialog').waitFor();
    await fill(page, 'counterpartName', '日照康宁大药房有限公司');
    await fill(page, 'uscc', enterpriseUscc('371102', 4_455_667));
    await fill(page, 'legalRepresentative', '郑康宁');
    await fill(page, 'decisionDocName', '药品经营许可决定书');
    await fill(page, 'decisionDocNo', '鲁药许〔2026〕77号');
    await choose(field(page, 'category'), '普通');
    await fill(page, 'certificateName', '药品经营许可证');
    await fill(page, 'certificateNo', '鲁AA6330077');
    await fill(page, 'content', '药品零售：中成药、化学药制剂');
    await fill(page, 'validFrom', '2026-11-12');
    await fill(page, 'validTo', '2031-11-11');
    await fill(page, 'decidedOn', '2026-11-12');
    await fill(page, 'authorityName', PROVINCE.name);
    await fill(page, 'authorityUscc', PROVINCE.uscc);
    await fill(page, 'sourceUnitName', SCJG.name);
    await fill(page, 'sourceUnitUscc', SCJG.uscc);
    await withoutToasts(page);
    await shot(page, 'records-licence-form-phone', false);
    const saved = await answerTo(page, 'POST', /\/api\/records\/licences\/online$/, () =>
      page.getByTestId('record-form-save').click(),
    );
    expect(saved.status(), await saved.text()).toBe(200);
    await page.getByTestId('page-record-licences').waitFor();
    await expect.poll(() => page.getByTestId('record-fields').textContent()).toContain(PROVINCE.name);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'records-licence-detail-phone');
    await page.goto(`${suite.platform.url}/records/licences`);
    await expect.poll(() => page.getByTestId('records-table').textContent()).toContain('日照康宁大药房有限公司');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'records-licences-list-phone');
    await page.close();
  });
});
