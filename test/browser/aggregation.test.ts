import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, choose, openAs, pageWidth, phone } from './browser-helpers';
import { apiAs } from './browser-scene';

const shots = '/tmp/shots/aggregation';
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });

const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  suite.platform = await startPlatform();
  suite.browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

describe('数据汇聚', () => {
  it('a department’s system sends a batch with errors; the department sees the deadline, corrects and resends; the anomaly closes', async () => {
    const url = suite.platform.url;
    const admin = await apiAs(url, 'admin');
    const scjg = await apiAs(url, 'scjg_admin');
    // The department's system gets its token (对接令牌) from the platform administrator.
    const me = await scjg<{ user: { id: number; departmentId: number } }>('GET', '/api/auth/me');
    const { token } = await admin<{ token: string }>('POST', '/api/tokens', {
      userId: me.user.id,
      name: '市场监管执法办案系统',
    });
    const departments = await admin<{ items: { id: number; code: string; name: string }[] }>(
      'GET',
      '/api/departments?pageSize=200',
    );
    const dept = departments.items.find((d) => d.id === me.user.departmentId)!;
    const inspectors = await scjg<{ items: { name: string; certificateNo: string }[] }>(
      'GET',
      `/api/inspectors?departmentId=${dept.id}&pageSize=2`,
    );
    const subject = (await scjg<{ items: { name: string; uscc: string }[] }>('GET', '/api/subjects?pageSize=1'))
      .items[0]!;
    const tag = String(Date.now()).slice(-6);
    const record = (key: string, over: Record<string, string> = {}) => ({
      主键: key,
      操作: 'i',
      监管事项目录编码: '37110000100001',
      监管事项检查实施清单编码: `${dept.code}10001`,
      检查行为名称: '食品经营日常检查',
      检查行为编号: `JC-${key}`,
      实施机构: dept.name,
      实施机构编码: dept.code,
      行政相对人: subject.name,
      行政相对人性质: '法人',
      证件类型: '001',
      行政相对人编码: subject.uscc,
      行政区划代码: '371102',
      检查形式: '01',
      检查结果: '合格',
      检查时间: '2026-11-20 10:00:00',
      检查人员: inspectors.items.map((i) => `${i.name}:${i.certificateNo}`).join(';'),
      报送时间: '2026-11-21 09:00:00',
      ...over,
    });
    const badKey = `BR${tag}`;
    const res = await fetch(`${url}/api/aggregation/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        批次号: `ZF-${tag}`,
        数据类别: '行政检查',
        记录: [record(`OK${tag}`), record(badKey, { 检查形式: '9' })],
      }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      status: string;
      results: { outcome: string; problems: { field: string; dueOn: string }[] }[];
    };
    expect(answer.status).toBe('部分异常');
    const problem = answer.results[1]!.problems[0]!;
    expect(problem.field).toBe('检查形式');

    // Desktop: the department's anomalies with their deadline.
    const desk = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(desk, url, 'scjg_admin', '/aggregation/anomalies');
    const row = desk.getByTestId('anomalies-table').locator('tr', { hasText: badKey });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(problem.dueOn);
    await expect(row.textContent()).resolves.toMatch(/剩余 \d 个工作日|今日到期/);
    await shot(desk, 'anomalies-desktop');
    await desk.goto(`${url}/aggregation/batches`);
    await desk.getByTestId('batches-table').waitFor();
    await shot(desk, 'batches-desktop');
    await desk.goto(`${url}/aggregation/spec`);
    await desk.getByTestId('spec-example').waitFor();
    await shot(desk, 'spec-desktop');

    // Phone: correct the record online and resend it.
    const page = await (await suite.browser.newContext(phone)).newPage();
    await openAs(page, url, 'scjg_admin', '/aggregation/anomalies');
    const phoneRow = page.getByTestId('anomalies-table').locator('tr', { hasText: badKey });
    await phoneRow.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'anomalies-phone');
    await phoneRow.getByRole('button', { name: '整改重报' }).click();
    const form = page.getByTestId('record-form');
    await form.waitFor();
    await expect(form.getByTestId('field-主键').locator('input').inputValue()).resolves.toBe(badKey);
    await choose(form.getByTestId('field-检查形式').locator('.el-select'), '01');
    await shot(page, 'resend-phone');
    const sent = await answerTo(page, 'POST', /\/api\/aggregation\/online$/, () =>
      form.getByTestId('record-send').click(),
    );
    expect(sent.status()).toBe(200);
    expect(((await sent.json()) as { results: { outcome: string }[] }).results[0]!.outcome).toBe('created');
    await page.getByText('异常已整改').first().waitFor();
    await phoneRow.waitFor({ state: 'detached' });
    const closed = await scjg<{ items: { recordKey: string; status: string }[] }>(
      'GET',
      '/api/aggregation/anomalies?status=已整改&pageSize=50',
    );
    expect(closed.items.find((a) => a.recordKey === `${dept.code}${badKey}`)?.status).toBe('已整改');
    await shot(page, 'anomalies-phone-after');
  });
});
