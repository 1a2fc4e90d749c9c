import { describe, expect, it } from 'vitest';
import { pageWidth, phone, platformForSuite, shot } from './browser-helpers';
import { localSeed } from './browser-scene';

const suite = platformForSuite();
const source = localSeed('notices-browser-test-seed');

describe('检查码 on a phone', () => {
  it('the subject opens the verification URL at 375 px and sees 真实有效, the inspectors and the items; a forged code says 无效', async () => {
    // The web client's header (src/http/csrf.ts), which this API client stands in for.
    const staff = await suite.browser.newContext({ extraHTTPHeaders: { 'x-lianjian-request': '1' } });
    const api = staff.request;
    const base = suite.platform.url;
    expect(
      (await api.post(`${base}/api/auth/login`, { data: { username: 'lianxi', password: 'Lianjian@2026' } })).status(),
    ).toBe(200);
    // A draw on two market-regulation items, published: its tasks become 已发布.
    const items = (await (await api.get(`${base}/api/sampling-items?pageSize=100`)).json()) as {
      items: { id: number; code: string }[];
    };
    const itemIds = items.items.filter((i) => ['SCJG-CC-01', 'SCJG-CC-02'].includes(i.code)).map((i) => i.id);
    expect(itemIds).toHaveLength(2);
    const round = await api.post(`${base}/api/draws`, {
      data: {
        title: '检查码演示抽取',
        year: 2026,
        window: { from: '2026-12-01', to: '2026-12-31' },
        samplingItemIds: itemIds,
        design: 'fixed',
        entropy: source.entropy,
      },
    });
    expect(round.status(), await round.text()).toBe(200);
    const { roundNo } = (await round.json()) as { roundNo: string };
    const record = await api.post(`${base}/api/draws/${roundNo}/records`, {
      data: { reveal: source.reveal },
    });
    expect(record.status(), await record.text()).toBe(200);
    const { recordNo } = (await record.json()) as { recordNo: string };
    expect((await api.post(`${base}/api/draw-records/${recordNo}/publish`, { data: {} })).status()).toBe(200);
    const tasks = (await (
      await api.get(
        `${base}/api/tasks?recordNo=${recordNo}&status=${encodeURIComponent('已发布')}&unstaffed=false&pageSize=5`,
      )
    ).json()) as { items: { taskNo: string }[] };
    const taskNo = tasks.items[0]!.taskNo;
    const notice = await api.post(`${base}/api/tasks/${taskNo}/notice`, { data: {} });
    expect(notice.status(), await notice.text()).toBe(200);
    const { code, queryCode, facts } = (await notice.json()) as {
      code: { verifyPath: string; token: string };
      queryCode: string;
      facts: { subject: { uscc: string } };
    };
    // The staff view of the notice: from the task list's link, the code is current and the PDF can be downloaded.
    const staffPage = await staff.newPage();
    await staffPage.goto(`${base}/tasks?recordNo=${recordNo}`);
    await staffPage.goto(`${base}/tasks/${taskNo}/notice`);
    await expect.poll(() => staffPage.getByTestId('notice-code-status').innerText()).toBe('有效');
    expect(await staffPage.getByTestId('notice-pdf').getAttribute('href')).toBe(`/api/tasks/${taskNo}/notice/pdf`);
    expect(await staffPage.getByTestId('notice-inspectors').first().innerText()).toMatch(/\S+/);
    await shot(staffPage, 'notice-staff-page');
    await staff.close();

    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${base}${code.verifyPath}`);
    await expect.poll(() => page.getByTestId('verify-status').innerText()).toBe('真实有效');
    expect(await page.getByTestId('verify-message').innerText()).toContain('真实有效');
    expect(await page.getByTestId('notice-inspectors').first().innerText()).toMatch(/\S+/);
    expect(await page.getByTestId('evaluation-reason').innerText()).toContain('检查尚未实施');
    const text = await page.getByTestId('page-public-verify').innerText();
    for (const word of ['信用分类', '信用等级', '风险分类', '入样概率', 'π']) expect(text).not.toContain(word);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'notice-verify-phone');
    await page.screenshot({ path: 'test-results/screenshots/notice-verify-phone-top.png' });

    const [header, payload, signature] = code.token.split('.') as [string, string, string];
    await page.goto(
      `${base}/public/verify/${header}.${payload.slice(0, 12)}${payload[12] === 'A' ? 'B' : 'A'}${payload.slice(13)}.${signature}`,
    );
    await expect.poll(() => page.getByTestId('verify-status').innerText()).toBe('无效');
    expect(await page.getByTestId('verify-message').innerText()).toContain('无效或已被篡改');
    await page.screenshot({ path: 'test-results/screenshots/notice-verify-forged-phone.png' });

    // The enterprise view: USCC and the notice's one-time 查询码; a wrong code is refused with a message.
    await page.goto(`${base}/public/enterprise`);
    await page.getByTestId('enterprise-uscc').locator('input').fill(facts.subject.uscc);
    await page.getByTestId('enterprise-query-code').locator('input').fill('ABCDEFGHJK');
    await page.getByTestId('enterprise-search').click();
    await expect.poll(() => page.locator('.el-message--error').first().innerText()).toContain('查询码不正确');
    await page.getByTestId('enterprise-query-code').locator('input').fill(queryCode);
    await page.getByTestId('enterprise-search').click();
    await expect.poll(() => page.getByTestId('notice-facts').count()).toBe(1);
    expect(await page.getByTestId('page-public-enterprise').innerText()).toContain('真实有效');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: 'test-results/screenshots/notice-enterprise-phone.png' });
    // Opening the code from here carries the 查询码 for the evaluation form in the history state, never in the address.
    await page.getByTestId('enterprise-open-code').click();
    await page.waitForURL((url) => url.pathname.startsWith('/public/verify/'));
    expect(page.url()).not.toContain(queryCode);
    expect(await page.evaluate(() => (window.history.state as { queryCode?: string }).queryCode)).toBe(
      queryCode.toUpperCase(),
    );
    await context.close();
  });
});
