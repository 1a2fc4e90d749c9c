import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/platform-process';
import {
  answerConfirming,
  answerTo,
  pageWidth,
  phone,
  platformForSuite,
  shot,
  openAs,
  withoutToasts,
} from './browser-helpers';
import { apiAs as sceneApi, linkAccountToInspector, onePixelPng, publishedRestaurantDraw } from './browser-scene';

/**
 * End to end: the whole life of one inspection, in Chromium at phone width (375 px) — scheduling,
 * the 检查告知书 and its 检查码, the subject's check of the code, the visit with results and a photo, the
 * 反馈单, approval (已办结), the public results announcement and the subject's evaluation.
 */

const suite = platformForSuite();
const apiAs = (username: string) => sceneApi(suite.platform.url, username);

type Task = {
  taskNo: string;
  subject: { name: string; uscc: string };
  departments: { id: number; name: string; inspectors: { id: number }[] }[];
};
type Facts = {
  departments: {
    name: string;
    items: { name: string; checkItems: { content: string }[] }[];
    inspectors: { name: string; certificateNo: string }[];
  }[];
};

/** A signed-in page of `username` in a fresh phone-sized context. */
async function phonePageOf(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext(phone)).newPage();
  await openAs(page, suite.platform.url, username);
  return page;
}

/** A screenshot after checking the page is no wider than the phone and removing toasts. */
async function phoneShot(page: Page, name: string): Promise<void> {
  expect(await pageWidth(page), name).toBeLessThanOrEqual(375);
  await withoutToasts(page);
  await expect
    .poll(() => page.locator('.el-loading-mask:visible').count(), { message: `${name}: loading mask gone` })
    .toBe(0);
  // From the top: a scrolled page puts the fixed header in the middle of a full-page screenshot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `lifecycle-${name}`);
}

describe('the life of an inspection on phones', () => {
  it('schedule → notice with 检查码 → subject verifies → check-in, results, photo, 反馈单 → approval (已办结) → public result → evaluation', async () => {
    const base = suite.platform.url;
    const started = Date.now();

    // 1. Scene (API): the office publishes a restaurant draw; scjg_jc01 is linked to the inspector the draw
    // assigned to one task; the department's staff schedules the visit for today.
    const lianxi = await apiAs('lianxi');
    const admin = await apiAs('admin');
    const staffApi = await apiAs('scjg_staff');
    const { recordNo, today } = await publishedRestaurantDraw(lianxi, '浏览器测试检查全流程');
    const tasks = await lianxi<{ items: Task[] }>('GET', `/api/tasks?recordNo=${recordNo}&pageSize=50`);
    const task = tasks.items.find((t) => t.departments[0]?.inspectors.length)!;
    expect(task).toBeDefined();
    const { taskNo, subject } = task;
    await linkAccountToInspector(admin, 'scjg_jc01', task.departments[0]!.inspectors[0]!.id);
    // Today may be a rest day: the visit is confirmed as the page would after asking.
    await staffApi('PUT', `/api/inspections/${taskNo}/schedule`, { visitOn: today, confirmNonWorkingDay: true });

    // 2. The department's staff generates the notice and signs the 检查码 (a desk job, done here on a phone all the same).
    const staff = await phonePageOf(suite.browser, 'scjg_staff');
    await staff.goto(`${base}/tasks/${taskNo}/notice`);
    const issued = await answerTo(staff, 'POST', /\/notice$/, () => staff.getByTestId('notice-issue').click());
    expect(issued.status(), await issued.text()).toBe(200);
    await expect.poll(() => staff.getByTestId('notice-code-status').innerText()).toBe('有效');
    const queryCode = /企业查询码：([0-9A-Z]{6,})/.exec(await staff.getByTestId('notice-query-code').innerText())?.[1];
    expect(queryCode, 'the 企业查询码 handed to the subject with the notice').toBeDefined();
    await phoneShot(staff, '1-notice-issued-staff');

    // The inspector opens today's task on the phone and, from it, the notice to show the subject.
    const inspector = await phonePageOf(suite.browser, 'scjg_jc01');
    await inspector.goto(`${base}/m/tasks`);
    await inspector.getByTestId(`m-task-${taskNo}`).click();
    await inspector.getByTestId('page-inspection').waitFor();
    await expect.poll(() => inspector.getByTestId('m-visit-on').innerText()).toBe(today);
    await expect.poll(() => inspector.getByTestId('m-status').innerText()).toBe('已排期');
    await phoneShot(inspector, '2-task-inspector');
    await inspector.getByTestId('m-notice').click();
    await inspector.getByTestId('notice-facts').waitFor();
    const notice = await lianxi<{ facts: Facts; code: { verifyPath: string } }>('GET', `/api/tasks/${taskNo}/notice`);
    const noticeText = await inspector.getByTestId('page-notice').innerText();
    expect(noticeText).toContain(subject.name);
    for (const d of notice.facts.departments) {
      expect(noticeText).toContain(d.name);
      expect(d.inspectors.length).toBeGreaterThan(0);
      for (const p of d.inspectors) expect(noticeText).toMatch(new RegExp(`${p.name}\\s+${p.certificateNo}`));
      for (const i of d.items) {
        expect(noticeText).toContain(i.name);
        for (const c of i.checkItems) expect(noticeText).toContain(c.content);
      }
    }
    expect(await inspector.getByTestId('notice-issue').count()).toBe(0);
    // The QR on the phone encodes the verification URL: its pixels are those of the same URL's QR drawn here
    // by the same library (the PNG bytes differ between the browser's and Node's encoders, the pixels don't).
    const verifyPath = (await inspector.getByTestId('notice-verify-link').getAttribute('href'))!;
    expect(verifyPath).toBe(notice.code.verifyPath);
    const expectedQr = await QRCode.toDataURL(`${base}${verifyPath}`, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 240,
    });
    const qrDiff = await inspector
      .getByTestId('notice-qr')
      .evaluate(async (shown: HTMLImageElement, expected: string) => {
        const pixels = async (src: string) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = Object.assign(document.createElement('canvas'), {
            width: img.naturalWidth,
            height: img.naturalHeight,
          });
          const context = canvas.getContext('2d')!;
          context.drawImage(img, 0, 0);
          return { width: img.naturalWidth, data: context.getImageData(0, 0, canvas.width, canvas.height).data };
        };
        const [a, b] = await Promise.all([pixels(shown.src), pixels(expected)]);
        let differing = 0;
        for (let i = 0; i < a.data.length; i += 1) if (a.data[i] !== b.data[i]) differing += 1;
        return { width: a.width, expectedWidth: b.width, differing, length: a.data.length === b.data.length };
      }, expectedQr);
    expect(qrDiff).toEqual({ width: 240, expectedWidth: 240, differing: 0, length: true });
    await phoneShot(inspector, '3-notice-inspector');

    // 3. The subject (not signed in) scans the 检查码: genuine, with the inspectors; evaluation not open yet.
    const subjectPage = await (await suite.browser.newContext(phone)).newPage();
    await subjectPage.goto(`${base}${verifyPath}`);
    await expect.poll(() => subjectPage.getByTestId('verify-status').innerText()).toBe('真实有效');
    expect(await subjectPage.getByTestId('verify-message').innerText()).toContain(
      `检查码真实有效：由平台签发，属于检查任务 ${taskNo}`,
    );
    expect(await subjectPage.getByTestId('page-public-verify').innerText()).toContain(
      notice.facts.departments[0]!.inspectors[0]!.certificateNo,
    );
    expect(await subjectPage.getByTestId('evaluation-reason').innerText()).toContain('检查尚未实施');
    await phoneShot(subjectPage, '4-verify-subject');

    // 4. The inspector checks in, records every check item (the first 不符合 with a note and a photo) and submits.
    await inspector.goBack();
    await inspector.getByTestId('page-inspection').waitFor();
    const checkedIn = await answerConfirming(inspector, 'POST', /\/check-in$/, () =>
      inspector.getByTestId('m-check-in').click(),
    );
    expect(checkedIn.status(), await checkedIn.text()).toBe(200);
    await expect.poll(() => inspector.getByTestId('m-status').innerText()).toBe('检查中');
    const checks = await inspector.locator('article[data-testid^="m-check-"]').count();
    expect(checks).toBeGreaterThan(1);
    for (let n = 0; n < checks; n += 1)
      await inspector.getByTestId(`m-result-${n}-${n === 0 ? '不符合' : '符合'}`).click();
    await inspector.getByTestId('m-notes-0').fill('后厨冷藏柜温度记录缺失 3 天');
    const saved = await answerTo(inspector, 'PUT', /\/results$/, () => inspector.getByTestId('m-save-all').click());
    expect(saved.status(), await saved.text()).toBe(200);
    const uploaded = await answerTo(inspector, 'POST', /\/photos$/, () =>
      inspector
        .getByTestId('m-photo-0')
        .setInputFiles({ name: '冷藏柜.png', mimeType: 'image/png', buffer: onePixelPng }),
    );
    expect(uploaded.status(), await uploaded.text()).toBe(200);
    await expect.poll(() => inspector.getByTestId('m-check-0').locator('img.m-thumb').count()).toBe(1);
    await phoneShot(inspector, '5-recorded-inspector');
    await inspector.getByTestId('m-submit').click();
    await inspector.getByTestId('m-submit-confirm').waitFor();
    await inspector.waitForTimeout(400); // the dialog's fade-in
    await shot(inspector, 'lifecycle-6-submit-dialog-inspector', false);
    const submitted = await answerTo(inspector, 'POST', /\/submit$/, () =>
      inspector.getByTestId('m-submit-confirm').click(),
    );
    expect(submitted.status(), await submitted.text()).toBe(200);
    await expect.poll(() => inspector.getByTestId('m-submission').innerText()).toContain('发现问题');
    await expect.poll(() => inspector.getByTestId('m-status').innerText()).toBe('已检查');
    await inspector.waitForTimeout(400);
    await phoneShot(inspector, '7-submitted-inspector');
    // The 反馈单, downloaded as the phone's link gives it, is a PDF; page 1 rendered for a look.
    const href = (await inspector.getByTestId('m-feedback').getAttribute('href'))!;
    const sheet = await inspector.request.get(`${base}${href}`);
    expect(sheet.status()).toBe(200);
    expect(sheet.headers()['content-type']).toContain('application/pdf');
    const pdf = await sheet.body();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfPath = join(screenshotDir, 'lifecycle-feedback-sheet.pdf');
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfPath,
      join(screenshotDir, 'lifecycle-8-feedback-sheet-page1'),
    ]);

    // 5. The department admin approves the results on 结果审核与期限; the task is then 已办结.
    const approver = await phonePageOf(suite.browser, 'scjg_admin');
    await approver.goto(`${base}/results/deadlines`);
    await approver.getByTestId(`approve-${taskNo}`).waitFor();
    await phoneShot(approver, '9-approval-admin');
    const approved = await answerTo(approver, 'POST', /\/approve$/, () =>
      approver.getByTestId(`approve-${taskNo}`).click(),
    );
    expect(approved.status(), await approved.text()).toBe(200);
    await expect.poll(() => approver.getByTestId(`approve-${taskNo}`).count()).toBe(0);
    await inspector.reload();
    await expect.poll(() => inspector.getByTestId('m-status').innerText()).toBe('已办结');
    await phoneShot(inspector, '10-closed-inspector');

    // 6. A visitor finds the result on the public 抽查结果公告: name, USCC, date and result.
    const visitor = await (await suite.browser.newContext(phone)).newPage();
    await visitor.goto(`${base}/public/results`);
    await visitor.getByTestId('public-results-keyword').fill(subject.uscc);
    await visitor.getByTestId('public-results-search').click();
    const card = visitor.getByTestId(`public-result-${taskNo}`);
    await card.waitFor();
    const published = await card.innerText();
    for (const text of [
      subject.name,
      `统一社会信用代码：${subject.uscc}`,
      `检查日期：${today}`,
      '发现问题',
      '浏览器测试检查全流程',
    ])
      expect(published).toContain(text);
    // Every portal tab, 企业查询 included, fits the phone's width once the folded menu is opened.
    await visitor.getByTestId('public-nav-toggle').click();
    const lastTab = (await visitor.getByTestId('public-nav-enterprise').boundingBox())!;
    expect(lastTab.x + lastTab.width).toBeLessThanOrEqual(375);
    await phoneShot(visitor, '11-public-result-visitor');

    // 7. The subject scans the 检查码 again and evaluates the inspection; staff read the evaluation on the notice page.
    await subjectPage.reload();
    await expect.poll(() => subjectPage.getByTestId('evaluation-reason').innerText()).toContain('检查已实施');
    await subjectPage.getByTestId('evaluation-satisfaction').locator('.el-rate__item').nth(3).click();
    expect(await subjectPage.getByTestId('evaluation-satisfaction').innerText()).toContain('满意');
    // The subject types the 企业查询码 it was given with the notice: whoever merely saw the QR cannot evaluate.
    await subjectPage.getByTestId('evaluation-query-code').fill(queryCode!);
    const comment = '检查人员出示了执法证，讲解清楚，一次检查完成';
    await subjectPage.getByTestId('evaluation-comments').fill(comment);
    const complaintBox = (await subjectPage.getByTestId('evaluation-complaint').boundingBox())!;
    expect(complaintBox.x + complaintBox.width, 'the complaint label wraps within the card').toBeLessThanOrEqual(
      375 - 12,
    );
    await phoneShot(subjectPage, '12-evaluation-form-subject');
    const evaluated = await answerTo(subjectPage, 'POST', /\/evaluation$/, () =>
      subjectPage.getByTestId('evaluation-submit').click(),
    );
    expect(evaluated.status(), await evaluated.text()).toBe(200);
    await expect
      .poll(() => subjectPage.getByTestId('evaluation-reason').innerText())
      .toContain('已收到您对本次检查的评价');
    expect(await subjectPage.getByTestId('evaluation-submit').count()).toBe(0);
    await phoneShot(subjectPage, '13-evaluated-subject');

    await staff.reload();
    const evaluations = staff.getByTestId('notice-evaluations');
    await expect.poll(() => evaluations.innerText()).toContain(comment);
    expect(await evaluations.innerText()).toContain('4 分');
    await phoneShot(staff, '14-evaluations-staff');

    for (const page of [staff, inspector, subjectPage, approver, visitor]) await page.context().close();
    console.log(`inspection lifecycle: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
