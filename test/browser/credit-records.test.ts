import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerTo, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';
import { apiAs, chinaToday } from './browser-scene';

const suite = platformForSuite();

async function fill(page: Page, id: string, value: string) {
  const input = page.locator(`[data-testid="${id}"] input`).first();
  await input.fill(value);
  await input.press('Tab');
}

describe('信用记录', () => {
  it('a department enters a record on the subject page; the credit office corrects it with a reason', async () => {
    const staffApi = await apiAs(suite.platform.url, 'scjg_staff');
    const subjects = await staffApi<{ items: { id: number; name: string; uscc: string }[] }>(
      'GET',
      '/api/subjects?pageSize=5&page=3',
    );
    const subject = subjects.items[0]!;

    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openAs(page, suite.platform.url, 'scjg_staff', `/subjects/${subject.id}`);
    const section = page.getByTestId('subject-credit-records');
    await section.waitFor();
    await section.getByTestId('subject-credit-create').click();
    const form = page.getByTestId('credit-record-form');
    await form.waitFor();
    await fill(page, 'credit-item-decidedOn', chinaToday());
    await fill(page, 'credit-item-title', '通过登记的住所无法联系');
    await fill(page, 'credit-item-basisDocNo', '日市监异〔2026〕77号');
    await withoutToasts(page);
    await shot(page, 'credit-record-entry', false);
    const saved = await answerTo(page, 'POST', /\/api\/credit\/records\/online$/, () =>
      page.getByTestId('credit-form-save').click(),
    );
    expect(saved.status(), await saved.text()).toBe(200);
    const { id } = (await saved.json()) as { id: number };
    await section.getByText('通过登记的住所无法联系').waitFor();
    await withoutToasts(page);
    await shot(page, 'credit-subject-section');

    await page.goto(`${suite.platform.url}/credit/records`);
    await page.getByTestId('credit-records-table').getByText(subject.name).first().waitFor();
    await shot(page, 'credit-records-list');
    await page.close();

    const office = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openAs(office, suite.platform.url, 'fgw_xy', `/credit/records/${id}`);
    await office.getByTestId('credit-record-correct').click();
    await office.getByTestId('credit-correction').waitFor();
    await office.getByTestId('credit-correction-severity').click();
    await office.locator('.el-select-dropdown__item:visible', { hasText: '较重' }).first().click();
    await office
      .locator('textarea[data-testid="credit-correction-reason"], [data-testid="credit-correction-reason"] textarea')
      .first()
      .fill('认定部门来函：情节较重');
    const corrected = await answerTo(office, 'POST', /\/correction$/, () =>
      office.getByTestId('credit-correction-save').click(),
    );
    expect(corrected.status(), await corrected.text()).toBe(200);
    await expect.poll(() => office.getByTestId('credit-record-severity').innerText()).toBe('较重');
    await office.getByTestId('credit-record-history').getByText('认定部门来函：情节较重').waitFor();
    await withoutToasts(office);
    await shot(office, 'credit-record-detail');
    await office.close();

    const small = await (await suite.browser.newContext(phone)).newPage();
    await openAs(small, suite.platform.url, 'fgw_xy', '/credit/records');
    await small.getByTestId('credit-records-table').waitFor();
    expect(await pageWidth(small)).toBeLessThanOrEqual(375);
    await shot(small, 'credit-records-phone');
    await small.goto(`${suite.platform.url}/credit/records/${id}`);
    await small.getByTestId('credit-record-history').waitFor();
    expect(await pageWidth(small)).toBeLessThanOrEqual(375);
    await shot(small, 'credit-record-detail-phone');
  });
});
