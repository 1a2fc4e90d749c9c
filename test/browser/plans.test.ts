import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerTo, choose, pageWidth, phone, platformForSuite, shot, signIn } from './browser-helpers';
import { createAnnualPlanInPage, requestAs } from './browser-scene';

const suite = platformForSuite();
const YEAR = 2027;

/** Waits until no loading overlay is showing (or fading out) and scrolls to the top (sticky header and menu), so screenshots show the page itself. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** An API session for a demo user (departments submit their entries through the API, for speed). */
const apiAs = (username: string) => requestAs(suite.platform.url, username);

describe('annual plan in Chromium, then the public portal', () => {
  it('the office creates the plan, three departments submit, the office reviews, groups a joint item and publishes; a visitor sees it on /public', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, suite.platform.url, 'lianxi', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const plan = await createAnnualPlanInPage(page, suite.platform.url, YEAR);
    expect(plan).toMatchObject({ year: YEAR, submissionDeadline: `${YEAR}-03-10`, publishDeadline: `${YEAR}-03-31` });
    const planId = plan.id;
    await page.getByTestId('plan-reminders').waitFor();
    await expect.poll(() => page.getByTestId('plan-reminders').innerText()).toContain('市市场监督管理局');
    // The office moves the submission deadline; the reminders follow it.
    await page.getByTestId('plan-deadline-edit').click();
    await page.locator('.el-message-box input').fill(`${YEAR}-03-12`);
    const moved = await answerTo(page, 'PUT', /\/submission-deadline$/, () =>
      page.locator('.el-message-box').getByRole('button', { name: '确定' }).click(),
    );
    expect(moved.status(), await moved.text()).toBe(200);
    await expect.poll(() => page.getByTestId('plan-reminders').innerText()).toContain(`截止 ${YEAR}-03-12`);

    // Three departments submit (the platform administrator submits for 市生态环境局, which has no user of its own in the demo).
    const admin = await apiAs('admin');
    const items = (await (await admin.get('/api/sampling-items?pageSize=200')).json()).items as {
      id: number;
      code: string;
    }[];
    const idOf = (code: string) => items.find((i) => i.code === code)!.id;
    const submissions: [string, string, string][] = [
      ['scjg_admin', 'SCJG-CC-02', '后厨卫生、食品原料进货查验'],
      ['yjgl_admin', 'YJGL-CC-02', '安全生产责任制和隐患排查治理'],
      ['admin', 'STHJ-CC-01', '排污许可执行和污染防治设施运行'],
    ];
    for (const [user, code, content] of submissions) {
      const api = user === 'admin' ? admin : await apiAs(user);
      const res = await api.post(`/api/annual-plans/${planId}/entries`, {
        data: {
          samplingItemId: idOf(code),
          periodFrom: `${YEAR}-04-01`,
          periodTo: `${YEAR}-10-31`,
          content,
          materials: '营业执照、许可证件和相关台账',
        },
      });
      expect(res.status(), await res.text()).toBe(200);
    }

    await page.reload();
    await page.getByTestId('plan-entries').waitFor();
    for (const [, code] of submissions) {
      const accepted = await answerTo(page, 'POST', /\/accept$/, () =>
        page.getByTestId(`entry-accept-${code}`).click(),
      );
      expect(accepted.status()).toBe(200);
    }
    await page.getByTestId('joint-create').click();
    const joint = page.getByTestId('joint-dialog');
    await joint.getByTestId('joint-name').fill('餐饮与工贸企业联合抽查');
    await choose(joint.getByTestId('joint-entries'), '市市场监督管理局');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '市应急管理局' }).first().click(); // the multi-select stays open
    await joint.getByTestId('joint-name').click(); // closes the multi-select's dropdown
    await page.waitForTimeout(400); // its closing animation
    await choose(joint.getByTestId('joint-initiator'), '市市场监督管理局');
    const grouped = await answerTo(page, 'POST', /\/joint-items$/, () => joint.getByTestId('joint-save').click());
    expect(grouped.status(), await grouped.text()).toBe(200);
    await joint.waitFor({ state: 'hidden' });
    await page.waitForTimeout(300); // the overlay's fade
    await settled(page);
    await shot(page, 'plans-annual-review-desktop');

    await page.getByTestId('plan-publish').click();
    const published = await answerTo(page, 'POST', /\/publish$/, () =>
      page.locator('.el-message-box').getByRole('button', { name: '公布' }).click(),
    );
    expect(published.status(), await published.text()).toBe(200);
    await expect.poll(() => page.getByTestId('plan-status').innerText()).toBe('已公布');
    await expect.poll(() => page.getByTestId('published-lines').innerText()).toContain('餐饮与工贸企业联合抽查');
    await page.getByTestId('download-pdf').waitFor();
    await page.waitForLoadState('networkidle');
    await settled(page);
    await shot(page, 'plans-annual-published-desktop');
    await page.close();

    // A visitor, not logged in.
    const visitor = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const pub = await visitor.newPage();
    await pub.goto(`${suite.platform.url}/public`);
    await expect.poll(() => pub.getByTestId('portal-title').innerText()).toBe('联检 · 监管服务门户');
    await pub.getByTestId('portal-tile-plans').click();
    await pub.waitForURL(/\/public\/plans$/);
    await pub.getByTestId(`public-plan-annual-${planId}`).click();
    await pub.getByTestId('published-lines').waitFor();
    const lines = await pub.getByTestId('published-lines').innerText();
    for (const text of [
      '餐饮服务单位监督检查',
      '工贸企业安全生产随机抽查',
      '排污单位双随机抽查',
      '餐饮与工贸企业联合抽查',
      '营业执照、许可证件和相关台账',
    ])
      expect(lines).toContain(text);
    const pdf = await visitor.request.get(`${suite.platform.url}/api/public/plans/annual/${planId}/announcement.pdf`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await pub.waitForLoadState('networkidle');
    await settled(pub);
    await shot(pub, 'plans-public-desktop');
    await pub.getByTestId('public-nav-items').click();
    await pub.getByTestId('public-sampling-items').locator('.el-table__body tr').first().waitFor();
    await pub.getByTestId('public-nav-results').click();
    await pub.getByTestId('page-public-results').waitFor();
    await pub.waitForURL(/\/public\/results$/);
    await visitor.close();

    const mobile = await suite.browser.newContext(phone);
    const small = await mobile.newPage();
    await small.goto(`${suite.platform.url}/public/plans`);
    await small.getByTestId(`public-plan-annual-${planId}`).waitFor();
    expect(await pageWidth(small)).toBeLessThanOrEqual(375);
    await settled(small);
    await shot(small, 'plans-public-list-phone');
    await small.goto(`${suite.platform.url}/public/plans/annual/${planId}`);
    await small.getByTestId('published-lines').waitFor();
    expect(await pageWidth(small)).toBeLessThanOrEqual(375);
    await small.waitForLoadState('networkidle');
    await settled(small);
    await shot(small, 'plans-public-detail-phone');
    await mobile.close();

    const officePhone = await suite.browser.newContext(phone);
    const office = await officePhone.newPage();
    await signIn(office, suite.platform.url, 'lianxi', 'Lianjian@2026');
    await office.waitForURL((url) => !url.pathname.startsWith('/login'));
    await office.goto(`${suite.platform.url}/plans/annual/${planId}`);
    await office.getByTestId('published-lines').waitFor();
    expect(await pageWidth(office)).toBeLessThanOrEqual(375);
    await settled(office);
    await shot(office, 'plans-annual-published-phone');
    await officePhone.close();
  });

  it('a special plan: the department submits, the office consults in the page, a department answers; the consultation table shows deadline and answers', async () => {
    const scjg = await apiAs('scjg_admin');
    const items = (await (await scjg.get('/api/sampling-items?pageSize=200')).json()).items as {
      id: number;
      code: string;
      departmentId: number;
    }[];
    const own = items.find((i) => i.code === 'SCJG-CC-02')!;
    const created = await scjg.post('/api/special-plans', {
      data: {
        departmentId: own.departmentId,
        kind: '全项彻查',
        title: '餐饮业全项彻查',
        basis: '《中华人民共和国食品安全法》第一百一十条',
        scope: { industries: ['62'] },
        periodFrom: `${YEAR}-05-01`,
        periodTo: `${YEAR}-06-30`,
        content: '食品安全、消防安全、油烟排放一并检查',
        materials: '营业执照、食品经营许可证、消防检查记录',
        samplingItemIds: [own.id],
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    const planId = (await created.json()).id as number;
    expect((await scjg.post(`/api/special-plans/${planId}/submit`, { data: {} })).status()).toBe(200);

    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, suite.platform.url, 'lianxi', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${suite.platform.url}/plans/special/${planId}`);
    await page.getByTestId('special-consult').click();
    const dialog = page.getByTestId('consult-dialog');
    await choose(dialog.getByTestId('consult-departments'), '市应急管理局');
    await page.locator('.el-dialog__title', { hasText: '征求联合检查意见' }).click(); // closes the multi-select's dropdown
    await page.waitForTimeout(400);
    await shot(page, 'plans-special-consult-dialog', false);
    const consulted = await answerTo(page, 'POST', /\/consultation$/, () => dialog.getByTestId('consult-save').click());
    expect(consulted.status(), await consulted.text()).toBe(200);
    const view = await consulted.json();
    expect(view.consultations.map((c: { departmentName: string }) => c.departmentName)).toEqual(
      expect.arrayContaining(['市应急管理局', '市消防救援支队', '市城市管理局']),
    );

    const yjgl = await apiAs('yjgl_admin');
    const yjglItem = items.find((i) => i.code === 'YJGL-CC-02')!;
    const answered = await yjgl.post(`/api/special-plans/${planId}/consultations/${yjglItem.departmentId}/answer`, {
      data: { answer: '参加', samplingItemIds: [yjglItem.id] },
    });
    expect(answered.status(), await answered.text()).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('consultations').innerText()).toContain('参加');
    await expect.poll(() => page.getByTestId('consultations').innerText()).toContain('全项彻查纳入');
    await settled(page);
    await shot(page, 'plans-special-consultation-desktop');

    const phoneContext = await suite.browser.newContext(phone);
    const small = await phoneContext.newPage();
    await signIn(small, suite.platform.url, 'lianxi', 'Lianjian@2026');
    await small.waitForURL((url) => !url.pathname.startsWith('/login'));
    await small.goto(`${suite.platform.url}/plans/special/${planId}`);
    await small.getByTestId('consultations').waitFor();
    expect(await pageWidth(small)).toBeLessThanOrEqual(375);
    await settled(small);
    await shot(small, 'plans-special-consultation-phone');
    await phoneContext.close();
    await page.close();
  });
});
