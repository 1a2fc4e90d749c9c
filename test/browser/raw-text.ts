import type { Page } from 'playwright-core';
import { demoUsers } from '../../src/demo/demo-departments';

/**
 * What a user must never read: internal keys and values (identifier-like words, snake_case, camelCase,
 * slugs, bare lowercase English such as `true` or `inspector`) and UTC timestamps.
 */
const rawPatterns: { name: string; pattern: RegExp }[] = [
  { name: '标识符键值', pattern: /\b[a-z][a-zA-Z_]+\s*[:=]\s*\S+/g },
  { name: '下划线标识符', pattern: /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/g },
  { name: '驼峰标识符', pattern: /\b[a-z]+[A-Z][a-zA-Z0-9]*\b/g },
  { name: '连字符编码', pattern: /\b[a-z]+-[a-z][a-z0-9-]*\b/g },
  { name: '英文小写词', pattern: /\b[a-z]{3,}\b/g },
  { name: 'ISO 时间', pattern: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\S*/g },
  { name: 'UTC 时间', pattern: /\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g },
];

/**
 * Legitimate ASCII, removed before the patterns run (reviewed; keep it short): web addresses and site paths,
 * e-mail addresses, file names and the formats a file upload names, hash and key strings, the demo
 * accounts' user names, and the draw algorithm's versioned name.
 */
const allowed: RegExp[] = [
  /https?:\/\/[^\s，。；、）)]+/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /(?<![\w/])\/[a-z][\w\-/.?=&]*/g,
  /[\w\u4e00-\u9fa5.-]+\.(?:xlsx|xls|csv|pdf|zip|json|txt|png|jpe?g)\b/g,
  /\.(?:xlsx|xls|csv|pdf|zip)\b/g,
  /\b[0-9a-f]{8,}\b/g,
  /\b[A-Za-z0-9+/]{40,}={0,2}/g,
  new RegExp(`\\b(?:${demoUsers.map((u) => u.username).join('|')})\\b`, 'g'),
  /\blianjian-draw\/\d+\b/g,
];

/** Offending pieces of a page's visible text, each with the line it stands in. */
export function rawTextIn(text: string): string[] {
  const found = new Set<string>();
  for (const rawLine of text.split('\n')) {
    let line = allowed.reduce((l, a) => l.replace(a, ' '), rawLine);
    // Each piece is reported once, by the first (most specific) pattern that matches it.
    for (const { name, pattern } of rawPatterns)
      line = line.replace(pattern, (m) => {
        found.add(`${name}「${m}」：${rawLine.trim().slice(0, 160)}`);
        return ' ';
      });
  }
  return [...found];
}

/** Waits until the page has made no request for a short while (lazy route chunks, then the page's API calls). */
function quietTracker(page: Page): () => Promise<void> {
  let inflight = 0;
  let lastChange = Date.now();
  const change = (d: number) => {
    inflight += d;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  return async () => {
    for (;;) {
      await page.waitForTimeout(60);
      if (inflight <= 0 && Date.now() - lastChange >= 200) break;
    }
    // Let Vue render what the last answers brought.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };
}

/** The visible text of the page, with the values shown in inputs (selects, dates, search fields). */
const visibleText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const inputs = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))
      .filter((i) => !['hidden', 'password', 'checkbox', 'radio'].includes(i.type) && i.offsetParent !== null)
      .map((i) => i.value);
    return [document.body.innerText, ...inputs].join('\n');
  });

export interface RawFinding {
  role: string;
  page: string;
  text: string;
}

/**
 * Signs `username` in, then walks every entry of the rendered side menu (sub-menus included): each page, its
 * tabs, the first expandable row and the first detail link of its table. Returns what `rawTextIn` finds.
 */
export async function walkMenus(page: Page, baseUrl: string, username: string, password: string) {
  const settle = quietTracker(page);
  const findings: RawFinding[] = [];
  const visited: string[] = [];
  const check = async (where: string) => {
    await settle();
    const path = new URL(page.url()).pathname;
    visited.push(path);
    for (const text of rawTextIn(await visibleText(page)))
      findings.push({ role: username, page: `${where}（${path}）`, text });
  };
  const navigate = async (action: () => Promise<void>) => {
    const before = page.url();
    await action();
    await page.waitForURL((u) => u.href !== before, { timeout: 10_000 });
  };

  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').locator('input').fill(username);
  await page.getByTestId('login-password').locator('input').fill(password);
  await navigate(() => page.getByTestId('login-submit').click());
  await settle();
  const menu = await page
    .locator('.side-menu .el-menu-item[data-testid]')
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-testid')!, title: (e as HTMLElement).innerText.trim() })),
    );
  for (const item of menu) {
    const entry = page.getByTestId(item.id);
    const active = (await entry.getAttribute('class'))?.includes('is-active');
    if (active) await entry.click();
    else await navigate(() => entry.click());
    await check(item.title);
    const tabs = page.locator('.el-main .el-tabs__item:not(.is-active)');
    for (let i = 0; i < Math.min(await tabs.count(), 6); i++) {
      await tabs.nth(i).click();
      await check(`${item.title} · ${(await tabs.nth(i).innerText()).trim()}`);
    }
    const expand = page.locator('.el-main .el-table__expand-icon').first();
    if (await expand.isVisible().catch(() => false)) {
      await expand.click();
      await check(`${item.title} · 展开第一行`);
    }
    const link = page.locator('.el-main .el-table__body a[href^="/"]').first();
    if (await link.isVisible().catch(() => false)) {
      await navigate(() => link.click());
      await check(`${item.title} · 第一条详情`);
    }
  }
  return { findings, visited, menu };
}
