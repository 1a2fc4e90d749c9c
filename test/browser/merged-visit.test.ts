import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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
import { apiAs as sceneApi, chinaToday, linkAccountToInspector, localSeed } from './browser-scene';

/**
 * A random check and another department's registered visit to the same subject become one joint visit
 * (合并入企), worked end to end on phones (375 px): the 应急管理局 registers a visit that overlaps a
 * published 市场监管 draw task, both departments accept the merge proposal, the joint task (合并,
 * HB<year>-NNNNN) is published at once with inspectors of both departments and the draw task is 已合并
 * (检查任务单, the task pages); the 应急管理局 adds its inspector with a phone account (选派人员); the
 * notice is issued, each department's inspector finds the task in 我的检查, checks in or joins the visit,
 * records and submits; each department's admin approves, and the result is on 抽查结果公告.
 */

const suite = platformForSuite();
const apiAs = (username: string) => sceneApi(suite.platform.url, username);
const SCJG = '市市场监督管理局';
const YJGL = '市应急管理局';
const roundTitle = '浏览器测试联合入企企业公示抽查';
const yjglItem = { code: 'YJGL-CC-02', name: '工贸企业安全生产随机抽查', industries: ['30', '33', '34'] };

type Inspector = { id: number; name: string; certificateNo: string };
type Task = {
  taskNo: string;
  source: string;
  status: string;
  unstaffedReason: string | null;
  mergedInto: string | null;
  mergedFrom: string[];
  joint: boolean;
  window: { from: string; to: string };
  subject: { id: number; uscc: string; name: string };
  departments: { id: number; name: string; items: { code: string; name: string }[]; inspectors: Inspector[] }[];
};
type Subject = { id: number; uscc: string; name: string; whitelisted: boolean };

/** A signed-in page of `username` in a fresh phone-sized context. */
async function phonePageOf(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext(phone)).newPage();
  await openAs(page, suite.platform.url, username);
  return page;
}

/** A screenshot from the top, once the page fits the phone and nothing is loading. */
async function phoneShot(page: Page, name: string, fullPage = true): Promise<void> {
  expect(await pageWidth(page), `${name}: page width`).toBeLessThanOrEqual(375);
  await expect
    .poll(() => page.locator('.el-loading-mask:visible').count(), { message: `${name}: loading mask gone` })
    .toBe(0);
  await withoutToasts(page);
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `merged-visit-${name}`, fullPage);
}

/** Picks options of an Element Plus select by their visible text and closes it. */
async function pick(select: Locator, ...texts: string[]): Promise<void> {
  await select.click();
  for (const text of texts)
    await select.page().locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
  await select.page().keyboard.press('Escape');
}

/** The date `days` after `date` (YYYY-MM-DD), not past the year's end. */
function laterInYear(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const later = d.toISOString().slice(0, 10);
  return later.slice(0, 4) === date.slice(0, 4) ? later : `${date.slice(0, 4)}-12-31`;
}

/** The inspector records every check item of its department on the phone (the first 不符合 when `problem`), saves them together and submits. */
async function recordAndSubmit(page: Page, problem: string | null): Promise<void> {
  const checks = await page.getByTestId('m-my-department').locator('article[data-testid^="m-check-"]').count();
  expect(checks).toBeGreaterThan(0);
  for (let n = 0; n < checks; n += 1) {
    const bad = n === 0 && problem !== null;
    await page.getByTestId(`m-result-${n}-${bad ? '不符合' : '符合'}`).click();
    if (bad) await page.getByTestId(`m-notes-${n}`).fill(problem);
  }
  // One 保存 for the department's items.
  const saved = await answerTo(page, 'PUT', /\/results$/, () => page.getByTestId('m-save-all').click());
  expect(saved.status(), await saved.text()).toBe(200);
  await page.getByTestId('m-submit').click();
  await page.getByTestId('m-submit-confirm').waitFor();
  await page.waitForTimeout(400); // the dialog's fade-in
  const submitted = await answerTo(page, 'POST', /\/submit$/, () => page.getByTestId('m-submit-confirm').click());
  expect(submitted.status(), await submitted.text()).toBe(200);
  await page.getByTestId('m-submit-confirm').waitFor({ state: 'hidden' });
}

describe('a draw task and a registered visit merged into one joint visit, on phones', () => {
  it('register → both departments accept → joint task published and staffed → notice → two inspectors record → two approvals → public result', async () => {
    const base = suite.platform.url;
    const started = Date.now();
    const today = chinaToday();
    const year = today.slice(0, 4);

    // 1. Scene (API): the office draws 企业公示信息抽查 (SCJG-CC-03, every enterprise) from today to the year's
    // end and publishes it. The task taken is the first of an industrial enterprise without other departments' tags (工贸, in the
    // scope of the 应急管理局's YJGL-CC-02); scjg_jc01 is linked to the inspector the draw assigned to it.
    const lianxi = await apiAs('lianxi');
    const admin = await apiAs('admin');
    const items = await lianxi<{ items: { id: number; code: string }[] }>(
      'GET',
      '/api/sampling-items?q=SCJG-CC-03&pageSize=50',
    );
    const source = localSeed('merged-visit-browser-test');
    const round = await lianxi<{ roundNo: string }>('POST', '/api/draws', {
      title: roundTitle,
      year: Number(year),
      window: { from: today, to: `${year}-12-31` },
      samplingItemIds: [items.items.find((i) => i.code === 'SCJG-CC-03')!.id],
      design: 'fixed',
      entropy: source.entropy,
    });
    const record = await lianxi<{ recordNo: string }>('POST', `/api/draws/${round.roundNo}/records`, {
      reveal: source.reveal,
    });
    await lianxi('POST', `/api/draw-records/${record.recordNo}/publish`, {});
    const drawn: Task[] = [];
    for (let page = 1; ; page += 1) {
      const p = await lianxi<{ items: Task[] }>(
        'GET',
        `/api/tasks?recordNo=${record.recordNo}&pageSize=200&page=${page}`,
      );
      drawn.push(...p.items);
      if (p.items.length < 200) break;
    }
    const industrial = new Map<string, Subject>();
    for (const industry of yjglItem.industries) {
      for (let page = 1; ; page += 1) {
        const p = await lianxi<{ items: Subject[] }>(
          'GET',
          `/api/subjects?industry=${industry}&status=${encodeURIComponent('存续')}&whitelisted=false&pageSize=200&page=${page}`,
        );
        for (const s of p.items) industrial.set(s.uscc, s);
        if (p.items.length < 200) break;
      }
    }
    let drawTask: Task | undefined;
    for (const t of drawn
      .filter(
        (x) => x.status === '已发布' && industrial.has(x.subject.uscc) && x.departments[0]!.inspectors.length >= 2,
      )
      .sort((a, b) => (a.taskNo < b.taskNo ? -1 : 1))) {
      // Another department's tag would invite that department too (标签交集): a plain two-department merge here.
      // And 赵磊 (yjgl_jc01), sent in step 4, must not have declared a conflict of interest with the subject.
      const tags = await lianxi<{ departmentName: string }[]>('GET', `/api/subjects/${t.subject.id}/tags`);
      const conflicts = await lianxi<{ name: string; departmentName: string }[]>(
        'GET',
        `/api/subjects/${t.subject.id}/inspector-conflicts`,
      );
      if (
        tags.every((tag) => tag.departmentName === SCJG || tag.departmentName === YJGL) &&
        !conflicts.some((c) => c.departmentName === YJGL && c.name === '赵磊')
      ) {
        drawTask = t;
        break;
      }
    }
    expect(drawTask, 'a drawn task of an industrial enterprise').toBeDefined();
    const { subject } = drawTask!;
    const drawInspectors = drawTask!.departments[0]!.inspectors;
    expect(drawTask!.departments.map((d) => d.name)).toEqual([SCJG]);
    await linkAccountToInspector(admin, 'scjg_jc01', drawInspectors[0]!.id);
    const regTo = laterInYear(today, 14);

    // 2. The 应急管理局 registers a routine visit of the subject in the registration page (no inspectors named).
    const yjglAdmin = await phonePageOf(suite.browser, 'yjgl_admin');
    await yjglAdmin.goto(`${base}/registrations`);
    await yjglAdmin.getByTestId('page-registrations').waitFor();
    await yjglAdmin.getByTestId('registration-create').click();
    const dialog = yjglAdmin.getByTestId('registration-dialog');
    await dialog.getByTestId('registration-usccs').fill(subject.uscc);
    await pick(dialog.getByTestId('registration-kind'), '日常检查');
    const range = dialog.locator('.el-range-input');
    await range.nth(0).fill(today);
    await range.nth(1).fill(regTo);
    await range.nth(1).press('Enter');
    await yjglAdmin.waitForTimeout(400); // the kind and date dropdowns' closing animations
    await pick(dialog.getByTestId('registration-items'), yjglItem.code);
    expect(await dialog.getByTestId('registration-items').innerText()).toContain(yjglItem.name);
    await yjglAdmin.waitForTimeout(300);
    await phoneShot(yjglAdmin, '01-registration-dialog-yjgl', false);
    const registered = await answerTo(yjglAdmin, 'POST', /^\/api\/registrations$/, () =>
      dialog.getByTestId('registration-save').click(),
    );
    expect(registered.status(), await registered.text()).toBe(200);
    const { registrations, proposals } = (await registered.json()) as {
      registrations: { registrationNo: string }[];
      proposals: { proposalNo: string; kind: string; window: { from: string; to: string } }[];
    };
    expect(registrations).toHaveLength(1);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.kind).toBe('重叠');
    expect(proposals[0]!.window).toEqual({ from: today, to: regTo });
    const proposalNo = proposals[0]!.proposalNo;
    await dialog.waitFor({ state: 'hidden' });
    const registrationRow = yjglAdmin
      .getByTestId('registrations-table')
      .locator('tr', { hasText: registrations[0]!.registrationNo });
    await expect.poll(() => registrationRow.innerText()).toContain(subject.uscc);
    await phoneShot(yjglAdmin, '02-registered-yjgl');

    // 3. Both departments accept the proposal in 合并入企建议: the 应急管理局 first, then the draw task's department.
    await yjglAdmin.goto(`${base}/merge-proposals`);
    const card = (page: Page) => page.getByTestId(`proposal-${proposalNo}`);
    await card(yjglAdmin).waitFor();
    const proposalText = await card(yjglAdmin).innerText();
    for (const text of [
      subject.name,
      subject.uscc,
      `建议联合入企时间：${today} 至 ${regTo}`,
      `任务 ${drawTask!.taskNo}`,
      `登记 ${registrations[0]!.registrationNo}`,
      '企业公示信息抽查',
      yjglItem.name,
    ])
      expect(proposalText).toContain(text);
    const firstAnswer = await answerTo(yjglAdmin, 'POST', /\/answer$/, () =>
      yjglAdmin.getByTestId(`proposal-accept-${proposalNo}`).click(),
    );
    expect(firstAnswer.status(), await firstAnswer.text()).toBe(200);
    await expect.poll(() => card(yjglAdmin).innerText()).toMatch(new RegExp(`${YJGL}：\\s*接受`));
    expect(await yjglAdmin.getByTestId(`proposal-status-${proposalNo}`).innerText()).toBe('待答复');
    expect(await card(yjglAdmin).innerText()).toMatch(new RegExp(`${SCJG}：\\s*待答复`));
    await phoneShot(yjglAdmin, '03-proposal-accepted-yjgl');

    const scjgAdmin = await phonePageOf(suite.browser, 'scjg_admin');
    await scjgAdmin.goto(`${base}/merge-proposals`);
    await card(scjgAdmin).waitFor();
    const lastAnswer = await answerTo(scjgAdmin, 'POST', /\/answer$/, () =>
      scjgAdmin.getByTestId(`proposal-accept-${proposalNo}`).click(),
    );
    expect(lastAnswer.status(), await lastAnswer.text()).toBe(200);
    await expect.poll(() => scjgAdmin.getByTestId(`proposal-status-${proposalNo}`).innerText()).toBe('已合并');
    const mergedText = await card(scjgAdmin).getByTestId('proposal-merged-task').innerText();
    const jointNo = new RegExp(`已生成联合检查任务 (HB${year}-\\d{5})`).exec(mergedText)?.[1];
    expect(jointNo, mergedText).toBeDefined();
    expect(await scjgAdmin.getByTestId(`proposal-accept-${proposalNo}`).count()).toBe(0);
    await phoneShot(scjgAdmin, '04-proposal-merged-scjg');

    // 4. The joint task is 合并, 已发布, joint and staffed for both departments (the draw task's inspectors kept,
    // the 应急管理局's by the seeded selection); the draw task is 已合并 into it. Checked here through the API,
    // then in the pages.
    const joint = await lianxi<Task>('GET', `/api/tasks/${jointNo}`);
    expect(joint).toMatchObject({
      source: '合并',
      status: '已发布',
      joint: true,
      mergedFrom: [drawTask!.taskNo],
      window: { from: today, to: regTo },
      subject: { uscc: subject.uscc },
    });
    expect(joint.departments.map((d) => d.name)).toEqual([SCJG, YJGL]);
    const jointScjg = joint.departments.find((d) => d.name === SCJG)!;
    const jointYjgl = joint.departments.find((d) => d.name === YJGL)!;
    expect(jointScjg.inspectors.map((i) => i.id)).toEqual(drawInspectors.map((i) => i.id));
    expect(jointYjgl.items.map((i) => i.code)).toEqual([yjglItem.code]);
    expect(jointYjgl.inspectors.length).toBeGreaterThanOrEqual(1);
    expect(await lianxi<Task>('GET', `/api/tasks/${drawTask!.taskNo}`)).toMatchObject({
      status: '已合并',
      mergedInto: jointNo,
    });

    // 检查任务单 of the draw task's department: both tasks of the subject, each with its merge relation.
    await scjgAdmin.goto(`${base}/tasks`);
    await scjgAdmin.getByTestId('page-tasks').waitFor();
    await scjgAdmin.getByPlaceholder('名称、统一社会信用代码或任务编号').fill(subject.uscc);
    await answerTo(scjgAdmin, 'GET', /^\/api\/tasks$/, () => scjgAdmin.getByRole('button', { name: '搜索' }).click());
    await expect.poll(() => scjgAdmin.getByTestId('tasks-table').locator('.task-row').count()).toBe(2);
    const jointRow = scjgAdmin.getByTestId(`task-row-${jointNo}`);
    const drawRow = scjgAdmin.getByTestId(`task-row-${drawTask!.taskNo}`);
    expect(await jointRow.locator('.tasks__card-head .el-tag').allInnerTexts()).toEqual(['已发布', '联合']);
    expect(await jointRow.getByTestId(`task-origin-${jointNo}`).innerText()).toMatch(
      new RegExp(`^合并\\s*由\\s*${drawTask!.taskNo}\\s*合并$`),
    );
    const jointRowText = await jointRow.innerText();
    expect(jointRowText).toContain(`检查期 ${today} 至 ${regTo}`);
    expect(jointRowText).toContain(`${SCJG}：企业公示信息抽查`);
    expect(jointRowText).toContain(`${YJGL}：${yjglItem.name}`);
    expect(jointRowText).toContain(`人员：${drawInspectors.map((i) => i.name).join('、')}`);
    expect(jointRowText).toContain(`人员：${jointYjgl.inspectors.map((i) => i.name).join('、')}`);
    expect(await drawRow.locator('.tasks__card-head .el-tag').allInnerTexts()).toEqual(['已合并']);
    expect(await drawRow.getByTestId('task-merged-into').innerText()).toMatch(new RegExp(`^已并入\\s*${jointNo}$`));
    await phoneShot(scjgAdmin, '05-tasks-joint-and-merged-scjg');

    // The joint task's page, then the draw task's page through the joint task's 由 … 合并 link.
    await jointRow.getByTestId(`task-link-${jointNo}`).click();
    await scjgAdmin.waitForURL((url) => url.pathname === `/tasks/${jointNo}`);
    await expect.poll(() => scjgAdmin.getByTestId('task-status').innerText()).toBe('已发布');
    const jointPage = await scjgAdmin.getByTestId('page-task').innerText();
    expect(jointPage).toContain('联合检查');
    expect(jointPage).toMatch(new RegExp(`任务编号\\s+${jointNo}\\s+检查期\\s+${today} 至 ${regTo}`));
    expect(jointPage).toMatch(new RegExp(`来源\\s+合并\\s+由\\s+${drawTask!.taskNo}\\s+合并`));
    expect(await scjgAdmin.getByTestId(`task-department-${jointScjg.id}`).innerText()).toContain(
      `执法检查人员：${drawInspectors.map((i) => `${i.name}（${i.certificateNo}）`).join('、')}`,
    );
    expect(await scjgAdmin.getByTestId(`task-department-${jointYjgl.id}`).innerText()).toContain(
      `执法检查人员：${jointYjgl.inspectors.map((i) => `${i.name}（${i.certificateNo}）`).join('、')}`,
    );
    expect(await scjgAdmin.getByTestId(`task-department-${jointYjgl.id}`).innerText()).toContain(
      `事项：${yjglItem.name}`,
    );
    await phoneShot(scjgAdmin, '06-task-page-joint-scjg');
    await scjgAdmin.getByTestId('task-merged-from').getByRole('link', { name: drawTask!.taskNo }).click();
    await scjgAdmin.waitForURL((url) => url.pathname === `/tasks/${drawTask!.taskNo}`);
    await expect.poll(() => scjgAdmin.getByTestId('task-status').innerText()).toBe('已合并');
    expect(await scjgAdmin.getByTestId('task-merged-alert').innerText()).toContain(
      `本任务已并入联合检查任务 ${jointNo}，由联合任务统一入企检查。`,
    );
    expect(await scjgAdmin.getByTestId(`task-staff-${drawTask!.taskNo}`).count()).toBe(0);
    await phoneShot(scjgAdmin, '07-task-page-merged-draw-scjg');

    // The 应急管理局 follows its registration (已合并, 并入 the joint task) to the task's page and, with 选派人员,
    // adds its inspector with a phone account (赵磊, yjgl_jc01) to the one the seeded selection sent.
    const zhao = (
      await lianxi<{ items: { id: number; username: string | null }[] }>(
        'GET',
        `/api/inspectors?q=${encodeURIComponent('赵磊')}&pageSize=50`,
      )
    ).items.find((i) => i.username === 'yjgl_jc01')!;
    expect(zhao).toBeDefined();
    await yjglAdmin.goto(`${base}/registrations`);
    const regTask = yjglAdmin.getByTestId(`registration-task-${registrations[0]!.registrationNo}`);
    await expect.poll(() => regTask.innerText()).toMatch(new RegExp(`^并入\\s*${jointNo}\\s*已发布$`));
    expect(
      await yjglAdmin
        .getByTestId('registrations-table')
        .locator('tr', { hasText: registrations[0]!.registrationNo })
        .innerText(),
    ).toContain('已合并');
    await phoneShot(yjglAdmin, '08-registration-merged-yjgl');
    await regTask.getByRole('link', { name: jointNo }).click();
    await yjglAdmin.waitForURL((url) => url.pathname === `/tasks/${jointNo}`);
    await yjglAdmin.getByTestId(`task-staff-${jointNo}`).click();
    const staffingDialog = yjglAdmin.getByTestId('staffing-dialog');
    const zhaoBox = staffingDialog.getByTestId(`staffing-inspector-${zhao.id}`);
    await zhaoBox.waitFor();
    expect(await staffingDialog.locator('.el-form-item', { hasText: '部门' }).first().innerText()).toContain(YJGL);
    for (const i of jointYjgl.inspectors) {
      const seeded = staffingDialog.getByTestId(`staffing-inspector-${i.id}`);
      expect(await seeded.innerText()).toContain('已在本任务');
      expect(await seeded.locator('input').isChecked()).toBe(true);
    }
    expect(await zhaoBox.innerText()).toMatch(/检查期内还可承担 \d+ 次/);
    await zhaoBox.check();
    await staffingDialog.getByTestId('staffing-reason').fill('由已开通移动执法账号的赵磊参加联合检查，现场录入结果');
    await yjglAdmin.waitForTimeout(300);
    await phoneShot(yjglAdmin, '09-staffing-dialog-yjgl', false);
    const chosen = await answerTo(yjglAdmin, 'PUT', /\/inspectors$/, () =>
      staffingDialog.getByTestId('staffing-submit').click(),
    );
    expect(chosen.status(), await chosen.text()).toBe(200);
    const restaffed = (await chosen.json()) as Task;
    await staffingDialog.waitFor({ state: 'hidden' });
    const yjglInspectors = restaffed.departments.find((d) => d.name === YJGL)!.inspectors;
    expect(yjglInspectors.map((i) => i.id).sort((a, b) => a - b)).toEqual(
      [...new Set([zhao.id, ...jointYjgl.inspectors.map((i) => i.id)])].sort((a, b) => a - b),
    );
    const yjglNames = yjglInspectors.map((i) => i.name);
    expect(yjglNames).toContain('赵磊');
    expect(restaffed.unstaffedReason).toBeNull();
    await expect
      .poll(() => yjglAdmin.getByTestId(`task-department-${jointYjgl.id}`).innerText())
      .toContain(`执法检查人员：${yjglInspectors.map((i) => `${i.name}（${i.certificateNo}）`).join('、')}`);
    await phoneShot(yjglAdmin, '10-task-page-staffed-yjgl');

    // 5. The department's staff opens the notice from 检查任务单 and issues it: both departments, all inspectors.
    const staff = await phonePageOf(suite.browser, 'scjg_staff');
    await staff.goto(`${base}/tasks`);
    await staff.getByPlaceholder('名称、统一社会信用代码或任务编号').fill(subject.uscc);
    await answerTo(staff, 'GET', /^\/api\/tasks$/, () => staff.getByRole('button', { name: '搜索' }).click());
    await staff.getByTestId(`task-notice-${jointNo}`).click();
    await staff.waitForURL((url) => url.pathname === `/tasks/${jointNo}/notice`);
    const issued = await answerTo(staff, 'POST', /\/notice$/, () => staff.getByTestId('notice-issue').click());
    expect(issued.status(), await issued.text()).toBe(200);
    await expect.poll(() => staff.getByTestId('notice-code-status').innerText()).toBe('有效');
    const facts = await staff.getByTestId('notice-facts').innerText();
    for (const text of [
      subject.name,
      jointNo!,
      `${SCJG}、${YJGL}`,
      '企业公示信息抽查',
      yjglItem.name,
      ...drawInspectors.map((i) => i.name),
      ...yjglNames,
    ])
      expect(facts).toContain(text);
    await phoneShot(staff, '11-notice-issued-staff');

    // 6. The draw task's inspector: told of the merge, finds the joint task in 我的检查 (not the merged-away
    // draw task), opens it and checks in.
    const scjgJc = await phonePageOf(suite.browser, 'scjg_jc01');
    await scjgJc.goto(`${base}/notifications`);
    await scjgJc.getByTestId('page-notifications').waitFor();
    await expect
      .poll(() =>
        scjgJc
          .getByTestId('notification-item')
          .filter({ hasText: `检查任务 ${drawTask!.taskNo} 已并入联合检查任务 ${jointNo}` })
          .count(),
      )
      .toBe(1);
    await phoneShot(scjgJc, '12-notification-merged-scjg-inspector');
    await scjgJc.goto(`${base}/m/tasks`);
    await scjgJc.getByTestId('page-my-inspections').waitFor();
    const myCard = scjgJc.getByTestId(`m-task-${jointNo}`);
    await myCard.waitFor();
    expect(await myCard.innerText()).toContain(subject.name);
    // Both departments (我的检查 lists them in no fixed order).
    expect(await scjgJc.getByTestId(`m-task-departments-${jointNo}`).innerText()).toMatch(
      new RegExp(`^联合检查：(${SCJG}、${YJGL}|${YJGL}、${SCJG})$`),
    );
    expect(await scjgJc.getByTestId(`m-task-${drawTask!.taskNo}`).count()).toBe(0);
    await myCard.scrollIntoViewIfNeeded();
    await phoneShot(scjgJc, '13-my-inspections-scjg-inspector', false);
    await myCard.click();
    await scjgJc.getByTestId('page-inspection').waitFor();
    await expect.poll(() => scjgJc.getByTestId('m-status').innerText()).toBe('已发布');
    expect(await scjgJc.getByTestId('m-joint').innerText()).toBe('联合检查');
    expect(await scjgJc.getByTestId('m-origin').innerText()).toBe('合并');
    expect(await scjgJc.getByTestId('m-merged-from').innerText()).toContain(`由 ${drawTask!.taskNo} 合并`);
    const departmentsText = await scjgJc.getByTestId('m-departments').innerText();
    expect(departmentsText).toContain(`${SCJG}（${drawInspectors.map((i) => i.name).join('、')}）`);
    expect(departmentsText).toContain(`${YJGL}（${yjglNames.join('、')}）`);
    expect(await scjgJc.getByTestId('m-my-department').innerText()).toContain(`${SCJG} · 检查事项`);
    const checkedIn = await answerConfirming(scjgJc, 'POST', /\/check-in$/, () =>
      scjgJc.getByTestId('m-check-in').click(),
    );
    expect(checkedIn.status(), await checkedIn.text()).toBe(200);
    await expect.poll(() => scjgJc.getByTestId('m-status').innerText()).toBe('检查中');
    await phoneShot(scjgJc, '14-checked-in-scjg-inspector');

    // 7. Each department's inspector records its own items and submits: the task is 已检查 after the second.
    await recordAndSubmit(scjgJc, '企业年报未公示对外投资信息');
    await expect.poll(() => scjgJc.getByTestId('m-submission').innerText()).toContain('发现问题');
    await expect.poll(() => scjgJc.getByTestId('m-status').innerText()).toBe('检查中');
    await phoneShot(scjgJc, '15-submitted-scjg-inspector');

    const yjglJc = await phonePageOf(suite.browser, 'yjgl_jc01');
    await yjglJc.goto(`${base}/m/tasks`);
    await yjglJc.getByTestId(`m-task-${jointNo}`).click();
    await yjglJc.getByTestId('page-inspection').waitFor();
    await expect.poll(() => yjglJc.getByTestId('m-status').innerText()).toBe('检查中');
    expect(await yjglJc.getByTestId('m-check-in').count()).toBe(0);
    expect(await yjglJc.getByTestId('m-checked-in').innerText()).toContain(`（${drawInspectors[0]!.name}）`);
    expect(await yjglJc.getByTestId('m-my-department').innerText()).toContain(`${YJGL} · 检查事项`);
    expect(await yjglJc.getByTestId('page-inspection').innerText()).toMatch(new RegExp(`${SCJG}\\s*已提交：发现问题`));
    await recordAndSubmit(yjglJc, null);
    await expect.poll(() => yjglJc.getByTestId('m-submission').innerText()).toContain('已提交：符合');
    await expect.poll(() => yjglJc.getByTestId('m-status').innerText()).toBe('已检查');
    await phoneShot(yjglJc, '16-submitted-yjgl-inspector');

    // 8. Each department's admin approves its results on 结果审核与期限; after the second the task is 已办结.
    for (const [who, page] of [
      ['scjg', scjgAdmin],
      ['yjgl', yjglAdmin],
    ] as const) {
      await page.goto(`${base}/results/deadlines`);
      const approve = page.getByTestId(`approve-${jointNo}`);
      await approve.waitFor();
      await phoneShot(page, `17-approval-${who}-admin`);
      const approved = await answerTo(page, 'POST', /\/approve$/, () => approve.click());
      expect(approved.status(), await approved.text()).toBe(200);
      await expect.poll(() => approve.count()).toBe(0);
    }
    await scjgJc.reload();
    await expect.poll(() => scjgJc.getByTestId('m-status').innerText()).toBe('已办结');
    await phoneShot(scjgJc, '18-closed-scjg-inspector');

    // 9. A visitor finds the joint result on 抽查结果公告: both departments, their items and results, and the
    // random-check plan the absorbed draw task came from.
    const visitor = await (await suite.browser.newContext(phone)).newPage();
    await visitor.goto(`${base}/public/results`);
    await visitor.getByTestId('public-results-keyword').fill(subject.uscc);
    await visitor.getByTestId('public-results-search').click();
    const result = visitor.getByTestId(`public-result-${jointNo}`);
    await result.waitFor();
    const published = await result.innerText();
    for (const text of [
      subject.name,
      `统一社会信用代码：${subject.uscc}`,
      `检查日期：${today}`,
      `抽查计划：${roundTitle}`,
      `检查事项：企业公示信息抽查`,
      `检查事项：${yjglItem.name}`,
    ])
      expect(published).toContain(text);
    expect(published).toMatch(new RegExp(`${SCJG}\\s*发现问题`));
    expect(published).toMatch(new RegExp(`${YJGL}\\s*未发现问题`));
    await phoneShot(visitor, '19-public-result-visitor');

    for (const page of [yjglAdmin, scjgAdmin, staff, scjgJc, yjglJc, visitor]) await page.context().close();
    console.log(`merged visit: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 300_000);
});
