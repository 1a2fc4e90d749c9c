import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIdCard } from '../../src/demo/demo-seed';
import { launchChromium, screenshotDir, startPlatform } from '../support/platform-process';
import { openAs, phone } from './browser-helpers';
import { appLayout, portalLayout, type RawFinding, rawTextIn, walkMenus, whenQuiet } from './raw-text';

// Every demo role walks every page of its side menu on the demo city with its business data (draws, inspections,
// results, merged visits …): nothing on them may read as an internal key, code or UTC time.
const roles = [
  'admin',
  'lianxi',
  'scjg_admin',
  'scjg_staff',
  'scjg_jc01',
  'yjgl_admin',
  'yjgl_jc01',
  'sfj_dc',
  'fgw_xy',
  'spj_xk',
];

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const report = (findings: RawFinding[]) => findings.map((f) => `${f.role} · ${f.page}：${f.text}`).join('\n');

/** A new browser session (desktop unless `options` say otherwise) signed in as `username`. */
async function session(username: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...options });
  const page = await context.newPage();
  const settle = whenQuiet(page);
  await openAs(page, platform.url, username);
  return { context, page, settle };
}

/** Runs `work` for every item, `width` at a time. */
async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** A screenshot into the test results, and a copy for the reviewer when LIANJIAN_SHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  const path = join(screenshotDir, `${name}.png`);
  // Element Plus fades the loading mask out after the data has come.
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });
  await page.screenshot({ path, fullPage: true });
  if (process.env.LIANJIAN_SHOTS) {
    mkdirSync(process.env.LIANJIAN_SHOTS, { recursive: true });
    copyFileSync(path, join(process.env.LIANJIAN_SHOTS, `${name}.png`));
  }
}

describe('what counts as raw text', () => {
  it('flags keys, codes and UTC times, and lets through addresses, files, hashes and account names', () => {
    const flagged = (text: string) => rawTextIn(text).length > 0;
    for (const raw of [
      'mode: valid-only',
      'late: false',
      '2026-12-04T19:19Z',
      'platform_admin',
      'food-business',
      'keyTarget',
      '状态 disabled',
      '签到于 10:19Z',
    ])
      expect(flagged(raw), raw).toBe(true);
    for (const fine of [
      '详见 https://example.gov.cn/a_b?x=1',
      '文件 subjects_2026.xlsx 已导入，支持 .xlsx 与 .csv',
      '本条哈希 5bb4ee9c7940453a3cb82dac69ac695f',
      '公开页面 /public/draws/CQ2026-0001',
      '用户名 scjg_admin',
      '统一社会信用代码 91371100MA3C8Y1X2K，算法 SHA-256、SM3',
      '2026-12-05 03:19',
    ])
      expect(rawTextIn(fine), fine).toEqual([]);
  });
});

describe('no raw key, code or UTC time on any menu page', () => {
  it('every demo role: every menu page, its tabs, first expandable row and first detail', async () => {
    const findings: RawFinding[] = [];
    const menus = new Map<string, number>();
    const readDetails = new Set<string>();
    // Two roles at a time: one server, one browser, a session each.
    await inPool(roles, 2, async (role) => {
      const { context, page, settle } = await session(role);
      const walk = await walkMenus(page, settle, appLayout, readDetails);
      await context.close();
      menus.set(role, walk.menu.length);
      findings.push(...walk.findings.map((f) => ({ ...f, role })));
    });
    for (const role of roles) expect(menus.get(role), `${role} 的菜单`).toBeGreaterThan(3);
    if (findings.length) console.log(`页面上的原始文本：\n${report(findings)}`);
    expect(report(findings)).toBe('');
  }, 600_000);
});

describe('no raw key, code or UTC time on the public portal', () => {
  it('every portal page, its first expandable row and first detail, without signing in', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const settle = whenQuiet(page);
    await page.goto(`${platform.url}/public`);
    const walk = await walkMenus(page, settle, portalLayout);
    await context.close();
    expect(walk.menu.length).toBeGreaterThan(3);
    expect(report(walk.findings.map((f) => ({ ...f, role: '公众' })))).toBe('');
  });
});

describe('the audit log in Chinese', () => {
  it('shows one real entry of every recorded action with its details open, none with a raw key or UTC time', async () => {
    const { context, page, settle } = await session('admin');
    const api = async <T>(path: string): Promise<T> => (await page.request.get(`${platform.url}${path}`)).json();
    const actions = await api<string[]>('/api/audit/actions');
    // Of each action's latest few entries, the one with the most recorded detail.
    type Entry = { action: string; details: unknown[] };
    const sample: Entry[] = [];
    for (const action of actions) {
      const { items } = await api<{ items: Entry[] }>(`/api/audit?action=${encodeURIComponent(action)}&pageSize=5`);
      const exact = items.filter((i) => i.action === action);
      if (exact.length) sample.push(exact.reduce((a, b) => (b.details.length > a.details.length ? b : a)));
    }
    expect(sample.length).toBeGreaterThan(25);
    // The page asks the server for its list and gets the sample: real entries, rendered by the real page.
    await page.route(/\/api\/audit\?/, (route) => route.fulfill({ json: { total: sample.length, items: sample } }));
    await page.goto(`${platform.url}/audit`);
    await page.getByTestId('page-audit').waitFor();
    await settle();
    const icons = page.locator('.el-main .el-table__expand-icon');
    for (let i = 0; i < sample.length; i++) await icons.nth(i).click();
    await settle();
    expect(await page.getByTestId('audit-details').count()).toBeGreaterThan(10);
    const findings = rawTextIn(await page.evaluate(() => document.body.innerText));
    expect(findings.join('\n')).toBe('');
    await context.close();
  });

  it('screenshots: the audit log with a detail open, the roles page, the tags page, at 1366 and 375 px', async () => {
    // An administrator creates a user and changes its roles and status: an entry with details to look at.
    const admin = await session('admin');
    const headers = { 'x-lianjian-request': '1' };
    const fields = { name: '王晓燕', phone: '13906330099', departmentId: 2 };
    const created = await admin.page.request.post(`${platform.url}/api/users`, {
      headers,
      data: {
        ...fields,
        username: 'wangxy',
        idCard: demoIdCard('371102', 901),
        roleCodes: ['dept_staff'],
        password: 'Ceshi#2026a',
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    const { id } = (await created.json()) as { id: number };
    const changed = await admin.page.request.put(`${platform.url}/api/users/${id}`, {
      headers,
      data: { ...fields, roleCodes: ['dept_staff', 'inspector'], status: 'disabled' },
    });
    expect(changed.status(), await changed.text()).toBe(200);
    await admin.context.close();

    for (const [size, options] of [
      ['desktop', {}],
      ['phone', phone],
    ] as const) {
      const { context, page, settle } = await session('admin', options);
      await page.goto(`${platform.url}/audit`);
      await page.getByTestId('page-audit').waitFor();
      await settle();
      await page.locator('.el-table__row', { hasText: '修改用户' }).first().locator('.el-table__expand-icon').click();
      await settle();
      const details = await page.getByTestId('audit-details').first().innerText();
      expect(details).toContain('停用');
      expect(rawTextIn(details)).toEqual([]);
      await shot(page, `labels-audit-detail-${size}`);
      for (const path of ['roles', 'tags']) {
        await page.goto(`${platform.url}/${path}`);
        await page.getByTestId(`page-${path}`).waitFor();
        await settle();
        await shot(page, `labels-${path}-${size}`);
      }
      await context.close();
    }
  });
});
