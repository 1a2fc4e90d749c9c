import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerTo, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';
import { apiAs, chinaToday, linkAccountToInspector, localSeed, requestAs } from './browser-scene';

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

  it('staff give the 查询码 again (sent to the registered mobile); the subject sees which departments inspected and evaluates the part that is open', async () => {
    const base = suite.platform.url;
    const [lianxi, admin] = [await apiAs(base, 'lianxi'), await apiAs(base, 'admin')];
    // A round of five items whose industries overlap: some tasks are joint visits.
    const items = await lianxi<{ items: { id: number; code: string }[] }>('GET', '/api/sampling-items?pageSize=100');
    const codes = ['SCJG-CC-02', 'XFJY-CC-01', 'WSJK-CC-01', 'YJGL-CC-02', 'STHJ-CC-01'];
    const today = chinaToday();
    const round = await lianxi<{ roundNo: string }>('POST', '/api/draws', {
      title: '查询码与分部门评价演示抽取',
      year: Number(today.slice(0, 4)),
      window: { from: today, to: `${today.slice(0, 4)}-12-31` },
      samplingItemIds: items.items.filter((i) => codes.includes(i.code)).map((i) => i.id),
      design: 'fixed',
      entropy: localSeed('query-code-browser-test-seed').entropy,
    });
    const record = await lianxi<{ recordNo: string }>('POST', `/api/draws/${round.roundNo}/records`, {
      reveal: localSeed('query-code-browser-test-seed').reveal,
    });
    await lianxi('POST', `/api/draw-records/${record.recordNo}/publish`, {});
    type Task = {
      taskNo: string;
      subject: { id: number };
      departments: { id: number; name: string; inspectors: { id: number }[] }[];
    };
    const tasks = await lianxi<{ items: Task[] }>(
      'GET',
      `/api/tasks?recordNo=${record.recordNo}&unstaffed=false&pageSize=100`,
    );
    const task = tasks.items.find(
      (t) =>
        t.departments.length >= 2 &&
        t.departments[0]!.name === '市市场监督管理局' &&
        t.departments.every((d) => d.inspectors.length > 0),
    )!;
    expect(task, 'a joint visit with 市场监管 first').toBeDefined();
    const [market, other] = task.departments as [Task['departments'][number], Task['departments'][number]];

    // The register knows the subject's mobile (set as the subject form does: every field sent back).
    const v = await admin<Record<string, unknown> & { industries: { code: string }[]; usccProblem: string | null }>(
      'GET',
      `/api/subjects/${task.subject.id}`,
    );
    const { id: _id, updatedAt: _u, industries, usccProblem, ...rest } = v;
    await admin('PUT', `/api/subjects/${task.subject.id}`, {
      ...rest,
      keepFlaggedUscc: usccProblem !== null,
      industryCodes: industries.map((i) => i.code),
      contactPhone: '13866661234',
    });

    // 市场监管 issues the notice in the page: the 查询码 is shown once and goes by SMS to 138****1234.
    const staff = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await openAs(staff, base, 'scjg_staff', `/tasks/${task.taskNo}/notice`);
    const issued = await answerTo(staff, 'POST', /\/notice$/, () => staff.getByTestId('notice-issue').click());
    expect(issued.status(), await issued.text()).toBe(200);
    const codeOf = async () =>
      /企业查询码：([2-9A-Z]{10})/.exec(await staff.getByTestId('notice-query-code').innerText())?.[1];
    const first = (await codeOf())!;
    expect(first).toBeDefined();
    expect(await staff.getByTestId('notice-query-code-delivery').innerText()).toContain('通过短信发送至 138****1234');
    await expect.poll(() => suite.platform.output()).toContain(`企业查询码：${first}`);

    // The subject lost it: the issuing department gives a new one; the old one stops working.
    await staff.reload();
    await expect.poll(() => staff.getByTestId('notice-query-code-delivery').innerText()).toContain('已发送');
    await staff.getByTestId('notice-reissue').click();
    const reissued = await answerTo(staff, 'POST', /\/notice\/query-code$/, () =>
      staff.locator('.el-message-box__btns .el-button--primary').click(),
    );
    expect(reissued.status(), await reissued.text()).toBe(200);
    await expect.poll(codeOf).not.toBe(first);
    const second = (await codeOf())!;
    expect(await staff.getByTestId('notice-query-code').innerText()).toContain('新的企业查询码');
    expect(await staff.getByTestId('notice-query-codes').innerText()).toContain('已作废');
    await expect.poll(() => suite.platform.output()).toContain(`企业查询码：${second}（此前的查询码已作废）`);
    await withoutToasts(staff);
    await shot(staff, 'notice-reissued-1366');
    await staff.setViewportSize({ width: 375, height: 812 });
    expect(await pageWidth(staff)).toBeLessThanOrEqual(375);
    await shot(staff, 'notice-reissued-375');
    // Another department (here the joint office) may not give a new 查询码: only the one that issued the notice.
    const office = await requestAs(base, 'lianxi');
    expect((await office.post(`/api/tasks/${task.taskNo}/notice/query-code`, { data: {} })).status()).toBe(403);

    // The PDF printed again says where the code went and whom to ask (rendered for a look).
    const pdf = await (await requestAs(base, 'scjg_staff')).get(`/api/tasks/${task.taskNo}/notice/pdf`);
    mkdirSync('test-results/screenshots', { recursive: true });
    writeFileSync('test-results/screenshots/notice-again.pdf', await pdf.body());
    const text = execFileSync('pdftotext', ['test-results/screenshots/notice-again.pdf', '-']).toString();
    expect(text.replace(/\s+/g, '')).toContain('如遗失查询码，请联系市市场监督管理局重新发放');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      'test-results/screenshots/notice-again.pdf',
      'test-results/screenshots/notice-pdf-again',
    ]);

    // Only 市场监管 inspects and submits; the other department has not yet.
    await linkAccountToInspector(admin, 'scjg_jc01', market.inspectors[0]!.id);
    const jc = await apiAs(base, 'scjg_jc01');
    // Today may be a rest day: the check-in is confirmed up front (the question itself is tested in test/tasks/visit-day.test.ts).
    await jc('POST', `/api/inspections/${task.taskNo}/check-in`, { confirmNonWorkingDay: true });
    const view = await jc<{ departments: { id: number; checks: { checkItemId: number }[] }[] }>(
      'GET',
      `/api/inspections/${task.taskNo}`,
    );
    for (const c of view.departments.find((d) => d.id === market.id)!.checks)
      await jc('PUT', `/api/inspections/${task.taskNo}/results/${c.checkItemId}`, { result: '符合', notes: '' });
    await jc('POST', `/api/inspections/${task.taskNo}/submit`, {});

    // The subject scans the 检查码 on its phone: who inspected, who not yet; only 市场监管's part opens.
    const notice = await lianxi<{ code: { verifyPath: string }; facts: { subject: { uscc: string } } }>(
      'GET',
      `/api/tasks/${task.taskNo}/notice`,
    );
    const subject = await (await suite.browser.newContext(phone)).newPage();
    await subject.goto(`${base}${notice.code.verifyPath}`);
    await expect.poll(() => subject.getByTestId('inspection-progress').innerText()).toContain('已检查');
    const rows = subject.getByTestId('inspection-progress-row');
    expect(await rows.nth(0).innerText()).toContain('已检查');
    expect(await rows.nth(1).innerText()).toContain('尚未检查');
    const reason = await subject.getByTestId('evaluation-reason').innerText();
    expect(reason).not.toContain('检查尚未实施');
    expect(reason).toContain(`${other.name}尚未提交检查结果`);
    const parts = subject.getByTestId('evaluation-part');
    expect(await parts.nth(0).innerText()).toContain('可评价');
    expect(await parts.nth(1).innerText()).toContain('未开放');
    expect(await subject.getByTestId('evaluation-department').innerText()).toBe('市市场监督管理局');
    expect(await pageWidth(subject)).toBeLessThanOrEqual(375);
    await shot(subject, 'verify-parts-375');
    // The old 查询码 is refused; the new one evaluates 市场监管's part.
    await subject.getByTestId('evaluation-query-code').fill(first);
    const refused = await answerTo(subject, 'POST', /\/evaluation$/, () =>
      subject.getByTestId('evaluation-submit').click(),
    );
    expect(refused.status()).toBe(400);
    await subject.getByTestId('evaluation-query-code').fill(second);
    await subject.getByTestId('evaluation-comments').fill('市场监管检查人员讲解清楚');
    const accepted = await answerTo(subject, 'POST', /\/evaluation$/, () =>
      subject.getByTestId('evaluation-submit').click(),
    );
    expect(accepted.status(), await accepted.text()).toBe(200);
    await expect.poll(() => parts.nth(0).innerText()).toContain('已评价');
    expect(await parts.nth(1).innerText()).toContain('未开放');
    expect(await subject.getByTestId('evaluation-submit').count()).toBe(0);
    await withoutToasts(subject);
    await shot(subject, 'verify-parts-evaluated-375');
    await subject.setViewportSize({ width: 1366, height: 900 });
    await shot(subject, 'verify-parts-evaluated-1366');

    // 企业查询 with the new 查询码 shows the progress too.
    await subject.setViewportSize({ width: 375, height: 812 });
    await subject.goto(`${base}/public/enterprise`);
    await subject.getByTestId('enterprise-uscc').locator('input').fill(notice.facts.subject.uscc);
    await subject.getByTestId('enterprise-query-code').locator('input').fill(second);
    await subject.getByTestId('enterprise-search').click();
    await expect.poll(() => subject.getByTestId('inspection-progress').count()).toBe(1);
    expect(await subject.getByTestId('inspection-progress').innerText()).toContain('尚未检查');
    expect(await pageWidth(subject)).toBeLessThanOrEqual(375);
    await shot(subject, 'enterprise-progress-375');
    await subject.setViewportSize({ width: 1366, height: 900 });
    await shot(subject, 'enterprise-progress-1366');

    // Staff read the evaluation with the department it is about.
    await staff.setViewportSize({ width: 1366, height: 900 });
    await staff.reload();
    await expect.poll(() => staff.getByTestId('notice-evaluations').innerText()).toContain('市场监管检查人员讲解清楚');
    expect(await staff.getByTestId('notice-evaluations').innerText()).toContain('市市场监督管理局');
    await shot(staff, 'notice-evaluated-1366');
    await staff.context().close();
    await subject.context().close();
  });
});
