import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerTo, choose, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';
import { apiAs as sceneApi, chinaToday, onePixelPng } from './browser-scene';

/**
 * Issue 17, "Done when": a visitor files a complaint with a photo on the portal at 375 px and gets a ticket and a
 * code; the joint office dispatches it from the 待分派 queue to 市市场监督管理局; the department accepts it and
 * arranges an on-site verification (投诉核查 task), which the app proposes to merge with the 应急管理局's planned
 * visit of the same enterprise; both departments accept, the joint visit is inspected, the department records the
 * result and replies; the visitor looks the complaint up, reads the reply and rates the handling.
 */

const suite = platformForSuite();
const apiAs = (username: string) => sceneApi(suite.platform.url, username);
const SCJG = '市市场监督管理局';
const YJGL = '市应急管理局';
const yjglItem = { code: 'YJGL-CC-02', industries: ['30', '33', '34'] };
const dialogText = '[data-testid="complaint-dialog-text"] textarea, textarea[data-testid="complaint-dialog-text"]';
const commentBox =
  '[data-testid="portal-complaint-comment"] textarea, textarea[data-testid="portal-complaint-comment"]';

type Subject = { id: number; uscc: string; name: string };
type Proposal = {
  proposalNo: string;
  status: string;
  mergedTaskNo: string | null;
  window: { from: string; to: string };
  sources: { type: string; no: string; departments: { name: string }[] }[];
};
type Task = { taskNo: string; source: string; status: string; window: { from: string; to: string } };
type Inspection = { departments: { id: number; name: string; checks: { checkItemId: number }[] }[] };

/** The date `days` after `date`, not past the year's end. */
function laterInYear(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const later = d.toISOString().slice(0, 10);
  return later.slice(0, 4) === date.slice(0, 4) ? later : `${date.slice(0, 4)}-12-31`;
}

/** A screenshot once nothing loads and no toast covers the page; at phone size the page must fit 375 px. */
async function snap(page: Page, name: string, fullPage = true): Promise<void> {
  if ((page.viewportSize()?.width ?? 0) <= 375)
    expect(await pageWidth(page), `${name}: page width`).toBeLessThanOrEqual(375);
  await expect
    .poll(() => page.locator('.el-loading-mask:visible').count(), { message: `${name}: loading mask gone` })
    .toBe(0);
  await withoutToasts(page);
  await shot(page, `complaint-flow-${name}`, fullPage);
}

const phonePage = async () => (await suite.browser.newContext(phone)).newPage();

describe('投诉举报 from the portal to the rating, verified in a merged visit', () => {
  it('file with a photo → dispatch → accept → 投诉核查 task merged with a planned visit → inspected → result and reply → lookup and rating', async () => {
    const base = suite.platform.url;
    const started = Date.now();
    const today = chinaToday();
    const lianxi = await apiAs('lianxi');
    const yjgl = await apiAs('yjgl_admin');

    // 1. Scene (API): an industrial enterprise (in the scope of both the 应急管理局's YJGL-CC-02 and the market
    // regulator's items) without other departments' tags; the 应急管理局 registers a routine visit of it.
    let subject: Subject | undefined;
    for (const industry of yjglItem.industries) {
      const p = await lianxi<{ items: Subject[] }>(
        'GET',
        `/api/subjects?industry=${industry}&status=${encodeURIComponent('存续')}&whitelisted=false&pageSize=50`,
      );
      for (const s of p.items) {
        const tags = await lianxi<{ departmentName: string }[]>('GET', `/api/subjects/${s.id}/tags`);
        if (tags.every((tag) => tag.departmentName === SCJG || tag.departmentName === YJGL)) {
          subject = s;
          break;
        }
      }
      if (subject) break;
    }
    expect(subject, 'an industrial enterprise of the demo city').toBeDefined();
    const { uscc, name } = subject!;
    const regTo = laterInYear(today, 20);
    const registered = await yjgl<{ registrations: { registrationNo: string }[] }>('POST', '/api/registrations', {
      usccs: [uscc],
      kind: '日常检查',
      window: { from: today, to: regTo },
      itemCodes: [yjglItem.code],
    });
    const registrationNo = registered.registrations[0]!.registrationNo;

    // 2. The visitor files the complaint on the portal at 375 px, with a photo.
    const visitor = await phonePage();
    await visitor.goto(`${base}/public/complaints`);
    await visitor.getByTestId('page-public-complaints').waitFor();
    await choose(visitor.getByTestId('complaint-matter'), '其他');
    await visitor.getByTestId('complaint-subject-name').fill(name);
    await visitor.getByTestId('complaint-subject-uscc').fill(uscc);
    await visitor.getByTestId('complaint-title').fill('厂区夜间违规焊接作业');
    await visitor
      .getByTestId('complaint-content')
      .fill('该企业厂区连续多晚在无人监护的情况下进行焊接作业，火花落在堆放的纸箱上，附现场照片。');
    await visitor
      .getByTestId('complaint-files')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: onePixelPng });
    await visitor.getByTestId('complaint-name').fill('王建国');
    await visitor.getByTestId('complaint-phone').fill('13863318888');
    await snap(visitor, '01-portal-form-visitor');
    const filed = await answerTo(visitor, 'POST', /\/attachments$/, () =>
      visitor.getByTestId('complaint-submit').click(),
    );
    expect(filed.status(), await filed.text()).toBe(200);
    const ticketNo = await visitor.getByTestId('portal-complaint-ticket').innerText();
    const code = await visitor.getByTestId('portal-complaint-code').innerText();
    expect(ticketNo).toMatch(/^TS\d{4}-\d{6}$/);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await snap(visitor, '02-portal-filed-visitor');

    // 3. Two departments supervise the enterprise and no rule names 其他: the complaint waits in the joint office's
    // 待分派 queue, which dispatches it to the market regulator.
    const office = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(office, base, 'lianxi', '/complaints/queue');
    const queued = office.getByTestId(`complaint-open-${ticketNo}`);
    await queued.waitFor();
    await snap(office, '03-queue-office');
    await queued.click();
    await expect.poll(() => office.getByTestId('complaint-status').textContent()).toBe('待分派');
    await office.getByTestId('complaint-dispatch').click();
    await choose(office.getByTestId('dispatch-department'), SCJG);
    await office.locator(dialogText).fill('企业涉嫌违规动火作业，由市场监管部门牵头核查');
    const dispatched = await answerTo(office, 'POST', /\/dispatch$/, () =>
      office.getByTestId('complaint-dialog-submit').click(),
    );
    expect(dispatched.status()).toBe(204);
    await expect.poll(() => office.getByTestId('complaint-status').textContent()).toBe('待受理');
    await snap(office, '04-dispatched-office');

    // 4. The department on a phone: 受理, then 安排现场核查 (a 投诉核查 task).
    const dept = await phonePage();
    await openAs(dept, base, 'scjg_admin', `/complaints/${encodeURIComponent(ticketNo)}`);
    await dept.getByTestId('complaint-accept').waitFor();
    expect(await dept.getByTestId('page-complaint-detail').innerText()).toContain(uscc);
    const accepted = await answerTo(dept, 'POST', /\/accept$/, () => dept.getByTestId('complaint-accept').click());
    expect(accepted.status()).toBe(204);
    await expect.poll(() => dept.getByTestId('complaint-status').textContent()).toBe('核查中');
    await dept.getByTestId('complaint-task').click();
    await dept.getByTestId('complaint-dialog-submit').waitFor();
    await dept.waitForTimeout(400); // the dialog's fade-in
    await snap(dept, '05-verification-task-dialog-dept', false);
    const made = await answerTo(dept, 'POST', /\/verification-task$/, () =>
      dept.getByTestId('complaint-dialog-submit').click(),
    );
    expect(made.status(), await made.text()).toBe(200);
    const verificationNo = ((await made.json()) as { taskNo: string }).taskNo;
    expect(verificationNo).toMatch(/^TSHC\d{4}-\d{5}$/);
    await expect
      .poll(() => dept.getByTestId('page-complaint-detail').innerText())
      .toContain(`现场核查任务 ${verificationNo}`);
    await snap(dept, '06-verification-task-dept');

    // 5. The app proposes to merge the verification task with the 应急管理局's registered visit; the 应急管理局 accepts
    // (API), the market regulator accepts in 合并入企建议: one joint visit, which the complaint follows.
    const proposals = await lianxi<{ items: Proposal[] }>(
      'GET',
      `/api/merge-proposals?status=${encodeURIComponent('待答复')}&pageSize=100`,
    );
    const proposal = proposals.items.find((p) => p.sources.some((s) => s.no === verificationNo));
    expect(proposal, 'a merge proposal of the verification task').toBeDefined();
    const proposalNo = proposal!.proposalNo;
    expect(proposal!.sources.map((s) => s.no)).toContain(registrationNo);
    await yjgl('POST', `/api/merge-proposals/${proposalNo}/answer`, { answer: '接受' });
    await dept.goto(`${base}/merge-proposals`);
    const card = dept.getByTestId(`proposal-${proposalNo}`);
    await card.waitFor();
    const cardText = await card.innerText();
    for (const text of [name, uscc, `任务 ${verificationNo}`, `登记 ${registrationNo}`])
      expect(cardText).toContain(text);
    expect(cardText).toMatch(new RegExp(`${YJGL}：\\s*接受`));
    await snap(dept, '07-proposal-dept');
    const answered = await answerTo(dept, 'POST', /\/answer$/, () =>
      dept.getByTestId(`proposal-accept-${proposalNo}`).click(),
    );
    expect(answered.status(), await answered.text()).toBe(200);
    await expect.poll(() => dept.getByTestId(`proposal-status-${proposalNo}`).innerText()).toBe('已合并');
    const mergedText = await card.getByTestId('proposal-merged-task').innerText();
    const jointNo = /已生成联合检查任务 (HB\d{4}-\d{5})/.exec(mergedText)?.[1];
    expect(jointNo, mergedText).toBeDefined();
    await snap(dept, '08-proposal-merged-dept');
    expect(await lianxi<Task>('GET', `/api/tasks/${verificationNo}`)).toMatchObject({ status: '已合并' });

    await dept.goto(`${base}/complaints/${encodeURIComponent(ticketNo)}`);
    await expect.poll(() => dept.getByTestId('page-complaint-detail').innerText()).toContain(`现场核查任务 ${jointNo}`);
    expect(await dept.getByTestId('complaint-timeline').innerText()).toContain('核查任务并入联合检查');
    expect(await dept.getByTestId('page-complaint-detail').innerText()).toContain('尚未录入检查结果');
    await snap(dept, '09-complaint-follows-joint-task-dept');

    // 6. The joint visit is inspected (API, as the inspection tests do). The verification window starts on the next
    // working day; the office moves the joint task's window to begin today so the visit can be recorded now. Each
    // department records its items; the market regulator finds the problem the visitor reported.
    const joint = await lianxi<Task>('GET', `/api/tasks/${jointNo}`);
    expect(joint.source).toBe('合并');
    if (joint.window.from > today)
      await lianxi('PUT', `/api/tasks/${jointNo}/window`, {
        from: today,
        to: joint.window.to,
        reason: '投诉反映动火作业存在火灾隐患，提前入企核查',
      });
    const inspection = await lianxi<Inspection>('GET', `/api/inspections/${jointNo}`);
    expect(inspection.departments.map((d) => d.name).sort()).toEqual([SCJG, YJGL].sort());
    const problem = '现场发现无人监护的焊接作业，动火审批记录缺失';
    for (const d of inspection.departments) {
      const who = await apiAs(d.name === SCJG ? 'scjg_admin' : 'yjgl_admin');
      await who('POST', `/api/inspection-records/${jointNo}/offsite`, {
        departmentId: d.id,
        method: '调取企业监控视频并核对动火作业审批台账',
        dataSource: '企业监控视频与动火作业审批记录',
        conductedOn: today,
        results: d.checks.map((c, i) => ({
          checkItemId: c.checkItemId,
          result: d.name === SCJG && i === 0 ? '不符合' : '符合',
          notes: d.name === SCJG && i === 0 ? problem : '',
        })),
      });
    }

    // 7. The department sees the findings on the complaint, records the on-site result and replies.
    await dept.reload();
    await expect.poll(() => dept.getByTestId('complaint-timeline').innerText()).toContain('现场核查完成');
    expect(await dept.getByTestId('page-complaint-detail').innerText()).toContain(problem);
    await snap(dept, '10-inspected-dept');
    await dept.getByTestId('complaint-verify').click();
    await dept.getByTestId('verify-result').getByText('属实', { exact: true }).click();
    expect(await dept.locator('.el-dialog .el-radio.is-checked').allInnerTexts()).toEqual(['现场核查', '属实']);
    await dept.locator(dialogText).fill('联合检查发现无人监护的焊接作业、动火审批记录缺失，已责令立即整改');
    await dept.waitForTimeout(300);
    await snap(dept, '11-verify-dialog-dept', false);
    const verified = await answerTo(dept, 'POST', /\/verify$/, () =>
      dept.getByTestId('complaint-dialog-submit').click(),
    );
    expect(verified.status()).toBe(204);
    await expect.poll(() => dept.getByTestId('complaint-status').textContent()).toBe('待答复');
    const reply = '您反映的夜间违规焊接问题经现场核查属实，已责令企业停止违规动火作业并完善审批，我们将跟踪整改。';
    await dept.getByTestId('complaint-reply').click();
    await dept.locator(dialogText).fill(reply);
    const replied = await answerTo(dept, 'POST', /\/reply$/, () => dept.getByTestId('complaint-dialog-submit').click());
    expect(replied.status()).toBe(204);
    await expect.poll(() => dept.getByTestId('complaint-status').textContent()).toBe('已办结');
    const timeline = await dept.getByTestId('complaint-timeline').innerText();
    for (const step of ['分派', '受理', '安排现场核查', '核查任务并入联合检查', '现场核查完成', '登记核查结果', '答复'])
      expect(timeline).toContain(step);
    expect(await dept.getByTestId('page-complaint-detail').innerText()).toContain('现场核查：属实');
    await snap(dept, '12-closed-dept');

    // 8. The visitor, on another visit, looks the complaint up, reads the reply and rates the handling once.
    const later = await phonePage();
    await later.goto(`${base}/public/complaints`);
    await later.getByTestId('portal-complaint-mode-lookup').click();
    await later.getByTestId('portal-complaint-lookup-ticket').fill(ticketNo);
    await later.getByTestId('portal-complaint-lookup-code').fill(code);
    await later.getByTestId('portal-complaint-lookup').click();
    const progress = later.getByTestId('portal-complaint-progress');
    await progress.waitFor();
    expect(await later.getByTestId('portal-complaint-status').innerText()).toBe('已办结');
    expect(await later.getByTestId('portal-complaint-reply').innerText()).toContain(reply);
    const progressText = await progress.innerText();
    expect(progressText).toContain(`承办部门：${SCJG}`);
    expect(progressText).toContain('附件：1 个');
    expect(progressText).not.toContain('王建国');
    expect(progressText).not.toContain(problem);
    await snap(later, '13-lookup-reply-visitor');
    await later.getByTestId('portal-complaint-score').locator('.el-rate__item').nth(3).click();
    await later.locator(commentBox).fill('处理及时，答复清楚');
    const rated = await answerTo(later, 'POST', /\/rating$/, () => later.getByTestId('portal-complaint-rate').click());
    expect(rated.status(), await rated.text()).toBe(200);
    await expect
      .poll(() => later.getByTestId('portal-complaint-rated').innerText())
      .toBe('您的评价：4 分，处理及时，答复清楚');
    expect(await later.getByTestId('portal-complaint-rate').count()).toBe(0);
    await snap(later, '14-rated-visitor');

    for (const page of [visitor, office, dept, later]) await page.context().close();
    console.log(`complaint flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);
});
