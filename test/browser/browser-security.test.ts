import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAsAdmin, pageWidth, phone, platformForSuite, shot } from './browser-helpers';

const suite = platformForSuite();

/** Content-Security-Policy violations the page reports (console messages and the DOM event), from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const messages: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) messages.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [
    ...messages,
    ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])),
  ];
}

describe('browser security', () => {
  it('a malformed 检查码 link opens the verification page, which says 检查码无效 (not a JSON 404)', async () => {
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    for (const [i, garbage] of [
      'not-a-code.png',
      'eyJhbGciOiJFZERTQSJ9.%00',
      'abc/def.ghi',
      'A'.repeat(2100),
    ].entries()) {
      const answer = await page.goto(`${suite.platform.url}/public/verify/${garbage}`);
      expect(answer?.status(), garbage.slice(0, 40)).toBe(200);
      expect(answer?.headers()['content-type']).toContain('text/html');
      const verify = page.getByTestId('page-public-verify');
      await expect.poll(() => verify.getByTestId('verify-status').innerText()).toBe('无效');
      expect(await verify.locator('h2').innerText()).toContain('检查码无效');
      expect(await verify.getByTestId('verify-message').innerText()).toContain('12345');
      expect(await pageWidth(page)).toBeLessThanOrEqual(375);
      // A code the API reads and finds forged, and one it will not read at all (too long for any route).
      if (i === 0 || i === 3) await shot(page, i === 0 ? 'verify-invalid-code' : 'verify-malformed-code');
    }
    await context.close();
  });

  it('the web app and the API documentation run under the Content-Security-Policy without a violation', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    const first = await page.goto(`${suite.platform.url}/login`);
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await openAsAdmin(page, suite.platform.url);
    // The home page's charts (ECharts), a list page, a form page, the evaluations' charts, the public portal.
    for (const path of ['/', '/subjects', '/subjects/import', '/evaluations', '/draws', '/public/plans']) {
      await page.goto(`${suite.platform.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await violations(), path).toEqual([]);
    }
    await shot(page, 'csp-public-plans');
    const docs = await page.goto(`${suite.platform.url}/api/docs`);
    expect(docs?.status()).toBe(200);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(await violations(), '/api/docs').toEqual([]);
    await shot(page, 'csp-api-docs', false);
    await context.close();
  });
});
