import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { openAs, pageWidth, phone } from './browser-helpers';
import { apiAs } from './browser-scene';

// With the demo activity: the portal's pages show the demo city's guides, cases, news and knowledge base.
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

const shots = '/tmp/shots/public-portal';
mkdirSync(shots, { recursive: true });
const snap = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

/** JavaScript errors and console errors of a page, collected from now on. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // The app asks who is signed in (/api/auth/me) on every load: a visitor's 401 is the answer, not a fault.
    if (m.type() === 'error' && !m.text().includes('status of 401')) errors.push(`${page.url()}: ${m.text()}`);
  });
  return errors;
}

/** A 检查码 of a demo task whose subject's industry has a published 一业一册. */
async function codeWithGuide(): Promise<{ token: string; industryCode: string; industryName: string }> {
  const url = suite.platform.url;
  const lianxi = await apiAs(url, 'lianxi');
  const page = await lianxi<{ items: { taskNo: string; status: string }[] }>('GET', '/api/tasks?pageSize=100');
  for (const task of page.items.filter((t) => ['已发布', '已排期'].includes(t.status))) {
    const notice = await lianxi<{ code: { token: string } | null }>('POST', `/api/tasks/${task.taskNo}/notice`, {});
    if (!notice.code) continue;
    const res = await fetch(`${url}/api/public/guides/for-code/${notice.code.token}`);
    const guides = (await res.json()) as { industryCode: string; industryName: string }[];
    if (guides.length) return { token: notice.code.token, ...guides[0]! };
  }
  throw new Error('no demo task with a guided industry');
}

describe('服务门户', () => {
  it('a visitor follows the 检查码 page to the industry’s 一业一册, downloads its PDF, then searches the knowledge base', async () => {
    const url = suite.platform.url;
    const code = await codeWithGuide();
    const context = await suite.browser.newContext({ ...phone, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto(`${url}/public/verify/${code.token}`);
    const link = page.getByTestId(`verify-guide-${code.industryCode}`);
    await link.waitFor();
    expect(await link.innerText()).toContain('本行业合规经营指南（一业一册）');
    await snap(page, 'verify-guide-link-375');
    await link.click();
    await page.waitForURL(new RegExp(`/public/guides/${code.industryCode}$`));
    await page.getByTestId('guide-pdf').waitFor();
    expect(await page.getByTestId('page-public-guide').innerText()).toContain(`${code.industryName}合规经营指南`);
    expect(await page.locator('[data-testid^="guide-item-"]').count()).toBeGreaterThan(0);
    await snap(page, 'guide-375');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('guide-pdf').click()]);
    const pdf = join(shots, `guide-${code.industryCode}.pdf`);
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(`${code.industryName}合规经营指南`);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      pdf,
      join(shots, `guide-${code.industryCode}`),
    ]);
    expect(existsSync(join(shots, `guide-${code.industryCode}-1.png`))).toBe(true);

    // The knowledge base, reached through the folded portal menu.
    await page.getByTestId('public-nav-toggle').click();
    await page.getByTestId('public-nav-knowledge').click();
    await page.getByTestId('knowledge-q').fill('超过保质期');
    await page.getByTestId('knowledge-search').click();
    const hit = page.locator('[data-testid^="knowledge-hit-"]').first();
    await hit.locator('mark').first().waitFor();
    expect(await hit.locator('mark').first().innerText()).toContain('超过保质期');
    await snap(page, 'knowledge-search-375');
    await hit.locator('a').first().click();
    await page.getByTestId('knowledge-body').waitFor();
    expect(await page.getByTestId('knowledge-body').innerText()).toContain('保质期');
    await snap(page, 'knowledge-entry-375');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('every portal page at 375 px and at desktop width: no JavaScript error, no horizontal overflow', async () => {
    const url = suite.platform.url;
    const api = async <T>(path: string): Promise<T> => (await (await fetch(`${url}${path}`)).json()) as T;
    const item = (await api<{ items: { id: number }[] }>('/api/public/catalog/items?pageSize=1')).items[0]!;
    const kase = (await api<{ items: { id: number }[] }>('/api/public/exposure-cases?pageSize=1')).items[0]!;
    const news = (await api<{ items: { id: number }[] }>('/api/public/news?pageSize=1')).items[0]!;
    const entry = (await api<{ items: { id: number }[] }>('/api/public/knowledge?pageSize=1')).items[0]!;
    const guide = (await api<{ industryCode: string }[]>('/api/public/guides'))[0]!;
    const ours = [
      ['home', '/public'],
      ['catalog', '/public/catalog'],
      ['catalog-item', `/public/catalog/${item.id}`],
      ['exposure', '/public/exposure'],
      ['exposure-case', `/public/exposure/${kase.id}`],
      ['guides', '/public/guides'],
      ['guide', `/public/guides/${guide.industryCode}`],
      ['knowledge', '/public/knowledge'],
      ['knowledge-entry', `/public/knowledge/${entry.id}`],
      ['news', '/public/news'],
      ['news-item', `/public/news/${news.id}`],
    ] as const;
    const existing = [
      '/public/plans',
      '/public/sampling-items',
      '/public/announcements',
      '/public/results',
      '/public/publicity',
      '/public/dual-notice-catalog',
      '/public/credit-measures',
      '/public/enterprise',
      '/public/credit-repair',
      '/public/complaints',
      '/public/audit-checkpoints',
    ];
    for (const [width, options] of [
      [375, phone],
      [1366, { viewport: { width: 1366, height: 900 } }],
    ] as const) {
      const context = await suite.browser.newContext(options);
      const page = await context.newPage();
      const errors = watchErrors(page);
      for (const [name, path] of [...ours, ...existing.map((p) => [null, p] as const)]) {
        await page.goto(`${url}${path}`);
        await page.waitForLoadState('networkidle');
        expect(await pageWidth(page), `${path} at ${width} px`).toBeLessThanOrEqual(width);
        if (name) await snap(page, `${name}-${width}`);
      }
      if (width === 375) {
        // The folded menu opens onto every section, none off screen.
        await page.goto(`${url}/public`);
        await page.getByTestId('public-nav-toggle').click();
        const last = (await page.getByTestId('public-nav-audit-checkpoints').boundingBox())!;
        expect(last.x + last.width).toBeLessThanOrEqual(375);
        await snap(page, 'menu-open-375');
      }
      expect(errors, `errors at ${width} px`).toEqual([]);
      await context.close();
    }
  });

  it('a department user publishes an exposure case and it appears on the portal', async () => {
    const url = suite.platform.url;
    const title = `某食品店销售过期食品案（浏览器测试 ${String(Date.now()).slice(-6)}）`;
    const desk = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    const errors = watchErrors(desk);
    await openAs(desk, url, 'scjg_staff', '/portal-content/exposure-cases');
    await desk.getByTestId('page-portal-exposure-cases').waitFor();
    await snap(desk, 'staff-exposure-before-1366');
    await desk.getByTestId('exposure-new').click();
    await desk.getByTestId('exposure-title').fill(title);
    await desk.getByTestId('exposure-subject').fill('日照市某食品店');
    await desk.getByTestId('exposure-violation').fill('当事人销售超过保质期的预包装食品 5 袋。');
    await desk.getByTestId('exposure-handling').fill('没收超过保质期的食品，并处罚款。');
    await desk.getByTestId('exposure-basis').fill('《中华人民共和国食品安全法》第三十四条第十项');
    await desk.screenshot({ path: join(shots, 'staff-exposure-dialog-1366.png') });
    await desk.getByTestId('exposure-save').click();
    await desk.getByText(title).waitFor();
    await snap(desk, 'staff-exposure-list-1366');
    for (const path of ['/portal-content/news', '/portal-content/knowledge', '/portal-content/guides']) {
      await desk.goto(`${url}${path}`);
      await desk.waitForLoadState('networkidle');
      await snap(desk, `staff${path.replace('/portal-content', '').replaceAll('/', '-')}-1366`);
    }
    expect(errors).toEqual([]);

    const visitor = await (await suite.browser.newContext(phone)).newPage();
    await visitor.goto(`${url}/public/exposure`);
    const card = visitor.getByText(title);
    await card.waitFor();
    await card.click();
    await visitor.getByTestId('page-public-exposure-case').getByText('日照市某食品店').waitFor();
    await snap(visitor, 'exposure-published-375');
  });

  it('the lead department edits its guide (desktop and phone)', async () => {
    const url = suite.platform.url;
    for (const [name, options] of [
      ['1366', { viewport: { width: 1366, height: 900 } }],
      ['375', phone],
    ] as const) {
      const page = await (await suite.browser.newContext(options)).newPage();
      await openAs(page, url, 'scjg_admin', '/portal-content/guides/62');
      await page.getByTestId('guide-introduction').waitFor();
      expect(await page.getByTestId('guide-publish').isVisible()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(Number(name));
      await snap(page, `staff-guide-${name}`);
    }
  });
});
