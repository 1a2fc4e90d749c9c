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
 * e-mail addresses, UUIDs, file names and the formats a file upload names, hashes and Base64 keys, the demo
 * accounts' user names, the draw algorithm's versioned name and the draw review's formula. Credit codes, task
 * numbers and algorithm names (SHA-256, SM3) are upper case and digits, which no pattern takes for a key.
 */
const allowed: RegExp[] = [
  /https?:\/\/[^\s，。；、）)]+/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /(?<![\w/])\/[a-z][\w\-/.?=&:]*/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g,
  /[\w\u4e00-\u9fa5.-]+\.(?:xlsx|xls|csv|pdf|zip|json|txt|png|jpe?g)\b/g,
  /\.(?:xlsx|xls|csv|pdf|zip)\b/g,
  /\b[0-9a-f]{8,}\b/g,
  /\b[A-Za-z0-9+/]{40,}={0,2}/g,
  new RegExp(`\\b(?:${demoUsers.map((u) => u.username).join('|')})\\b`, 'g'),
  /\blianjian-draw\/\d+\b/g,
  // Formulas of the draw review (Σmax π): notation, not a key.
  /Σ\s?[a-z]+/g,
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

/**
 * A wait until `page` has made no request for a short while (lazy route chunks, then the page's API calls) and
 * Vue has rendered what they brought. Call once per page; await the returned function after each step.
 */
export function whenQuiet(page: Page): () => Promise<void> {
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
    // A request left open (a stream) must not hang the walk: after 20 s the page is read as it is.
    const giveUp = Date.now() + 20_000;
    while (Date.now() < giveUp) {
      await page.waitForTimeout(50);
      if (inflight <= 0 && Date.now() - lastChange >= 150) break;
    }
    // Let Vue render what the last answers brought.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };
}

/**
 * The visible text of the page, with the values shown in inputs (selects, dates, search fields), less what an
 * element marked `data-verbatim` shows on purpose as it is (the exact text a signature covers).
 */
const visibleText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const inputs = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))
      .filter((i) => !['hidden', 'password', 'checkbox', 'radio'].includes(i.type) && i.offsetParent !== null)
      .map((i) => i.value);
    const verbatim = Array.from(document.querySelectorAll<HTMLElement>('[data-verbatim]')).map((e) => e.innerText);
    const text = verbatim.reduce((t, v) => (v ? t.split(v).join(' ') : t), document.body.innerText);
    return [text, ...inputs].join('\n');
  });

/** Where a layout keeps its menu entries and its page content, and which links in the content open a record. */
export interface WalkLayout {
  menu: string;
  main: string;
  links: string;
}

const notAFile = ':not([download]):not([target="_blank"]):not([href^="/api/"])';
/** The signed-in app: side menu (sub-menus open), content in el-main; links into the public portal are left out. */
export const appLayout: WalkLayout = {
  menu: '.side-menu .el-menu-item[data-testid]',
  main: '.el-main',
  links: `a[href^="/"]${notAFile}:not([href^="/public"])`,
};
/** The public portal: its menu bar and its pages. */
export const portalLayout: WalkLayout = {
  menu: '.portal__nav a[data-testid]',
  main: '.portal__main',
  links: `a[href^="/public/"]${notAFile}`,
};

/** The page's first detail link: in its table if it has one, else anywhere in the page's content. */
async function detailLink(page: Page, layout: WalkLayout) {
  const here = new URL(page.url());
  for (const scope of [`${layout.main} .el-table__body`, layout.main]) {
    const link = page.locator(`${scope} ${layout.links}`).first();
    if (!(await link.isVisible())) continue;
    if ((await link.getAttribute('href')) !== here.pathname + here.search) return link;
  }
  return undefined;
}

export interface RawFinding {
  role: string;
  page: string;
  text: string;
}

/**
 * Walks every entry of the rendered menu of `page` (the side menu with its sub-menus, or the portal's): each page,
 * its tabs, its first expandable row and its first detail link (unless read already); `settle` is the page's
 * `whenQuiet`.
 * Returns the menu and what `rawTextIn` finds (the role left blank for the caller).
 */
export async function walkMenus(
  page: Page,
  settle: () => Promise<void>,
  layout: WalkLayout = appLayout,
  /** Detail pages already read (by another role's walk): a record's page is read once. */
  readDetails: Set<string> = new Set(),
) {
  const findings: RawFinding[] = [];
  const check = async (where: string) => {
    await settle();
    const path = new URL(page.url()).pathname;
    for (const text of rawTextIn(await visibleText(page)))
      findings.push({ role: '', page: `${where}（${path}）`, text });
  };
  const navigate = async (action: () => Promise<void>) => {
    const before = page.url();
    await action();
    // A menu entry may lead where the user already is (an inspector's 首页 is 我的检查): the page is read all the same.
    await page.waitForURL((u) => u.href !== before, { timeout: 10_000 }).catch(() => undefined);
  };

  await settle();
  const menu = await page
    .locator(layout.menu)
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-testid')!, title: (e as HTMLElement).innerText.trim() })),
    );
  for (const item of menu) {
    const entry = page.getByTestId(item.id);
    if (/\b(is-)?active\b/.test((await entry.getAttribute('class')) ?? '')) await entry.click();
    else await navigate(() => entry.click());
    await check(item.title);
    const tabs = page.locator(`${layout.main} .el-tabs__item`);
    const tabCount = Math.min(await tabs.count(), 6);
    for (let i = 1; i < tabCount; i++) {
      const title = (await tabs.nth(i).innerText()).trim();
      await tabs.nth(i).click();
      await check(`${item.title} · ${title}`);
    }
    if (tabCount > 1) {
      await tabs.first().click();
      await settle();
    }
    const expand = page.locator(`${layout.main} .el-table__expand-icon`).first();
    if (await expand.isVisible()) {
      await expand.click();
      await check(`${item.title} · 展开第一行`);
    }
    const link = await detailLink(page, layout);
    const href = link && (await link.getAttribute('href'));
    if (link && href && !readDetails.has(href)) {
      readDetails.add(href);
      await navigate(() => link.click());
      await check(`${item.title} · 第一条详情`);
    }
  }
  return { findings, menu };
}
