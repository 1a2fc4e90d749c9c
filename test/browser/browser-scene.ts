import { createHash } from 'node:crypto';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { expect } from 'vitest';
import { answerTo } from './browser-helpers';

/** Helpers that set the scene of a browser test through the API (the UI steps stay in the tests). */

export type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** A signed-in API client of a demo user; every answer must be 200. */
export async function apiAs(base: string, username: string, password = 'Lianjian@2026'): Promise<Api> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-lianjian-request': '1', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBe(200);
    return JSON.parse(text) as T;
  };
}

/** A signed-in Playwright request context of a demo user (for tests that read answers themselves). */
export async function requestAs(
  base: string,
  username: string,
  password = 'Lianjian@2026',
): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { 'x-lianjian-request': '1' } });
  const res = await api.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/** A real 1×1 PNG, for photo uploads. */
export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The random source of a scene that draws at once: a local seed whose hash is committed first (a declared
 * lottery's numbers are refused until its draw time, which the server's real clock has not reached).
 */
export function localSeed(seed: string) {
  return {
    entropy: { kind: 'local', seedHash: createHash('sha256').update(seed).digest('hex') },
    reveal: { kind: 'local', seed },
  } as const;
}

/** Today in China Standard Time, YYYY-MM-DD. */
export const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The office draws market-regulation restaurant checks (SCJG-CC-02) from today to the year's end and publishes the task announcement. */
export async function publishedRestaurantDraw(
  lianxi: Api,
  title: string,
): Promise<{ recordNo: string; today: string }> {
  const items = await lianxi<{ items: { id: number; code: string }[] }>(
    'GET',
    '/api/sampling-items?q=SCJG-CC-02&pageSize=50',
  );
  const itemId = items.items.find((i) => i.code === 'SCJG-CC-02')!.id;
  const today = chinaToday();
  const source = localSeed(`browser-scene-${title}`);
  const round = await lianxi<{ roundNo: string }>('POST', '/api/draws', {
    title,
    year: Number(today.slice(0, 4)),
    window: { from: today, to: `${today.slice(0, 4)}-12-31` },
    samplingItemIds: [itemId],
    design: 'fixed',
    entropy: source.entropy,
  });
  const record = await lianxi<{ recordNo: string }>('POST', `/api/draws/${round.roundNo}/records`, {
    reveal: source.reveal,
  });
  await lianxi('POST', `/api/draw-records/${record.recordNo}/publish`, {});
  return { recordNo: record.recordNo, today };
}

type Inspector = Record<string, unknown> & { id: number; userId: number | null; departmentId: number };

/**
 * Links the demo account `username` to the inspector the draw assigned (the draw picks among all of
 * the department's inspectors), unlinking the inspector the account had before.
 */
export async function linkAccountToInspector(admin: Api, username: string, inspectorId: number): Promise<void> {
  const users = await admin<{ items: { id: number; username: string }[] }>(
    'GET',
    `/api/users?q=${username}&pageSize=20`,
  );
  const userId = users.items.find((u) => u.username === username)!.id;
  const assigned = await admin<Inspector>('GET', `/api/inspectors/${inspectorId}`);
  const linked = await admin<{ items: Inspector[] }>(
    'GET',
    `/api/inspectors?pageSize=200&departmentId=${String(assigned.departmentId)}`,
  );
  const update = (i: Inspector, uid: number | null) => {
    const {
      name,
      phone,
      departmentId,
      certificateNo,
      certificateIssuedOn,
      certificateValidUntil,
      fields,
      qualifiedSamplingItemCodes,
      status,
      capacityPerMonth,
    } = i;
    return {
      name,
      phone,
      departmentId,
      userId: uid,
      certificateNo,
      certificateIssuedOn,
      certificateValidUntil,
      fields,
      qualifiedSamplingItemCodes,
      status,
      capacityPerMonth,
    };
  };
  const previous = linked.items.find((i) => i.userId === userId);
  if (previous && previous.id !== assigned.id)
    await admin(
      'PUT',
      `/api/inspectors/${previous.id}`,
      update(await admin<Inspector>('GET', `/api/inspectors/${previous.id}`), null),
    );
  if (previous?.id !== assigned.id) await admin('PUT', `/api/inspectors/${assigned.id}`, update(assigned, userId));
}

/** The office creates the annual plan of `year` in the page (/plans/annual → 新建 → 保存) and lands on it; the server's answer. */
export async function createAnnualPlanInPage(
  page: Page,
  base: string,
  year: number,
): Promise<{ id: number } & Record<string, unknown>> {
  await page.goto(`${base}/plans/annual`);
  await page.getByTestId('annual-plan-create').click();
  const dialog = page.getByTestId('annual-plan-dialog');
  await dialog.getByTestId('annual-plan-year').locator('input').fill(String(year));
  await dialog.getByTestId('annual-plan-year').locator('input').blur();
  const created = await answerTo(page, 'POST', /^\/api\/annual-plans$/, () =>
    dialog.getByTestId('annual-plan-save').click(),
  );
  expect(created.status(), await created.text()).toBe(200);
  const plan = (await created.json()) as { id: number } & Record<string, unknown>;
  await page.waitForURL(new RegExp(`/plans/annual/${plan.id}$`));
  return plan;
}

/** The draw review shows its six charts and fewer visits with merging than without (both above zero). */
export async function expectReviewMergesVisits(page: Page): Promise<void> {
  await page.getByTestId('draw-review').waitFor();
  await expect.poll(() => page.getByTestId('draw-review').locator('.echart svg').count()).toBe(7);
  const merged = Number(await page.getByTestId('review-merged').locator('.review__value').innerText());
  const unmerged = Number(await page.getByTestId('review-unmerged').locator('.review__value').innerText());
  expect(merged).toBeGreaterThan(0);
  expect(merged).toBeLessThan(unmerged);
}
