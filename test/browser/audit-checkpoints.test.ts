import { describe, expect, it } from 'vitest';
import { openAsAdmin, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';

const suite = platformForSuite();

describe('audit checkpoints in Chromium', () => {
  it('writes a checkpoint from the audit page and the verification compares the chain with it', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openAsAdmin(page, suite.platform.url, '/audit');
    await page.getByTestId('page-audit').waitFor();
    await page.getByTestId('audit-checkpoint').click();
    await expect
      .poll(() =>
        page
          .getByText(/已写入审计日志检查点 #\d+/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    await expect.poll(() => result.innerText()).toContain('与检查点相符');
    expect(await result.innerText()).toMatch(/检查点：共 \d+ 个，签名有效 \d+ 个，最新为 #\d+/);
    await expect.poll(() => page.getByText('写入审计日志检查点').first().isVisible()).toBe(true);
    await withoutToasts(page);
    await shot(page, 'audit-checkpoint-desktop');
    await page.close();
  });

  it('publishes the checkpoints on the portal, explained in Chinese, to anyone', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.platform.url}/public/audit-checkpoints`);
    const section = page.getByTestId('public-audit-checkpoints');
    await section.waitFor();
    await expect.poll(() => section.innerText()).toContain('任何人可用公布的公钥核验，日志被删改即可发现');
    await expect.poll(() => page.locator('.el-table__row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('audit-checkpoint-key').innerText()).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    await page.locator('.el-table__expand-icon').first().click();
    await expect.poll(() => section.innerText()).toContain('lianjian-audit-checkpoint');
    await shot(page, 'public-audit-checkpoints-desktop');
    await context.close();

    const mobile = await suite.browser.newContext(phone);
    const small = await mobile.newPage();
    await small.goto(`${suite.platform.url}/public/audit-checkpoints`);
    await small.getByTestId('public-audit-checkpoints').waitFor();
    await small.waitForLoadState('networkidle');
    expect(await pageWidth(small)).toBeLessThanOrEqual(375);
    await shot(small, 'public-audit-checkpoints-phone');
    await mobile.close();
  });
});
