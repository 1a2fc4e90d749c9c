import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays, weekday } from '../../src/calendar/calendar-date';
import { DEMO_PASSWORD } from '../../src/demo/demo-departments';
import { enterpriseUscc, organUscc } from '../../src/shared/uscc';
import { freshIdNumber } from '../support/factories/record.factory';
import { screenshotDir } from '../support/platform-process';
import { answerTo, openAs, platformForSuite, shot, withoutToasts } from './browser-helpers';
import { apiAs as sceneApi, chinaToday, linkAccountToInspector } from './browser-scene';

/**
 * Issue 15, “Done when”, first bullet, end to end on the demo city: a registration arrives through the API → 双告知
 * (告知书, 承诺书) → 一反馈 (three departments' pushes) → 一跟踪 (follow-up task staffed and carried out) → licence
 * result → 双公示 of the licence, of a penalty on a natural person (ID hidden) and of the licence's revocation.
 *
 * What is simulated, because a browser test runs on the server's real clock (there is no clock option to start with):
 * - the late acknowledgement: the third department's push is left open; the test checks its due date is the next
 *   working day by the platform's calendar and that the overdue list does not show it today (逾期 comes only after that
 *   day, `pushState` in src/dual-notice/push.service.ts; late acknowledgement is tested in test/dual-notice);
 * - the follow-up visit: the task's window starts on the next working day after the push, so the department brings the
 *   window's start forward to today (the ordinary 调整检查期, with a reason) to inspect within this run.
 * Worked around, not simulated: no demo account of 市行政审批服务局 may publish its licences (the licensing role lacks
 * publicity:record:write), so the administrator gives spj_xk the 业务人员 role before the 审核公示.
 */
const suite = platformForSuite();
const apiAs = (username: string) => sceneApi(suite.platform.url, username);

type SendAnswer = { results: { outcome: string; version: number | null; errors: unknown[] }[] };
/** A department system's delivery with its bearer token (POST /api/records/…); the answer must be 200. */
async function send(token: string, kind: string, record: unknown): Promise<SendAnswer> {
  const res = await fetch(`${suite.platform.url}/api/records/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(record),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const answer = JSON.parse(text) as SendAnswer;
  expect(
    answer.results.flatMap((r) => r.errors),
    text,
  ).toEqual([]);
  return answer;
}

/** A session cookie of a demo user, for a request whose non-200 answer the test reads itself. */
async function sessionCookie(username: string): Promise<string> {
  const login = await fetch(`${suite.platform.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const SPJ = '市行政审批服务局';
const SCJG = '市市场监督管理局';
const YJGL = '市应急管理局';
const SPJ_ORGAN = { name: '日照市行政审批服务局', uscc: organUscc('371100', 700_003) };
const SCJG_ORGAN = { name: '日照市市场监督管理局', uscc: organUscc('371100', 700_002) };

describe('registration to public record (issue 15)', () => {
  it(
    '双告知, 双反馈, 双跟踪 and 双公示 of one subject through the pages and the API',
    { timeout: 600_000 },
    async () => {
      const base = suite.platform.url;
      const today = chinaToday();
      const admin = await apiAs('admin');
      const spj = await apiAs('spj_xk');
      const lianxi = await apiAs('lianxi');

      // Bearer tokens for the licensing bureau's and the market regulator's systems (issued by the administrator).
      const users = await admin<{
        items: { id: number; username: string; name: string; phone: string; departmentId: number }[];
      }>('GET', '/api/users?pageSize=100');
      const user = (username: string) => users.items.find((u) => u.username === username)!;
      const tokenOf = async (username: string) =>
        (
          await admin<{ token: string }>('POST', '/api/tokens', {
            userId: user(username).id,
            name: `${username} 业务系统`,
          })
        ).token;
      const spjToken = await tokenOf('spj_xk');
      const scjgToken = await tokenOf('scjg_staff');

      // The catalog: two items of the demo catalog (src/demo/demo-dual-notice.ts SGZ-001, SGZ-006), with the
      // departments that have accounts in the demo city (the demo's 消防救援支队 is left out), not high-risk.
      const departments = await spj<{ id: number; name: string }[]>('GET', '/api/departments/options');
      const id = (name: string) => departments.find((d) => d.name === name)!.id;
      const draft = await spj<{ id: number }>('POST', '/api/dual-notice/catalog/versions', {
        note: '全流程浏览器测试',
      });
      await spj('PUT', `/api/dual-notice/catalog/versions/${draft.id}/items`, {
        code: 'SGZ-001',
        name: '食品经营许可',
        licensingDepartmentId: id(SPJ),
        supervisingDepartmentIds: [id(SCJG)],
        enforcementDepartmentIds: [id(SCJG)],
        keywords: ['食品销售', '餐饮服务'],
        restriction: '未取得食品经营许可证前，不得从事食品销售、餐饮服务',
      });
      await spj('PUT', `/api/dual-notice/catalog/versions/${draft.id}/items`, {
        code: 'SGZ-006',
        name: '烟花爆竹经营（零售）许可',
        licensingDepartmentId: id(YJGL),
        supervisingDepartmentIds: [id(YJGL)],
        enforcementDepartmentIds: [id(YJGL)],
        keywords: ['烟花爆竹零售'],
        restriction: '未取得烟花爆竹经营（零售）许可证前，不得从事烟花爆竹零售',
      });
      await spj('POST', `/api/dual-notice/catalog/versions/${draft.id}/publish`);

      // 1. The registration arrives from the registration system (bearer token).
      const serial = 300_000 + Math.floor(Math.random() * 600_000);
      const name = `日照全流程测试副食超市有限公司${serial}`;
      const uscc = enterpriseUscc('371102', serial);
      const registered = await send(spjToken, 'registrations', {
        senderRecordId: `FLOW-DJ-${serial}`,
        event: '设立',
        uscc,
        name,
        subjectKind: '企业',
        legalRepresentative: '钱丰',
        businessScope: '食品销售；餐饮服务；烟花爆竹零售',
        industryCodes: ['5211'],
        divisionCode: '371102',
        address: '日照市东港区海曲中路 66 号',
        registeredOn: today,
        registrationAuthority: '日照市行政审批服务局',
        priorApproval: false,
      });
      expect(registered.results.map((r) => r.outcome)).toEqual(['created']);

      // 2. The licensing bureau: the proposed items, the 告知书 (PDF, looked at), the 承诺书 with an e-signature.
      const desk = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await desk.newPage();
      await openAs(page, base, 'spj_xk', '/dual-notice/workbench');
      await page.getByTestId('case-link').filter({ hasText: name }).click();
      const drawer = page.getByTestId('case-drawer');
      await expect
        .poll(() => drawer.getByTestId('proposed-item').allTextContents())
        .toEqual([expect.stringContaining('食品经营许可'), expect.stringContaining('烟花爆竹经营（零售）许可')]);
      await expect.poll(() => drawer.getByTestId('drawer-status').textContent()).toBe('待出具告知书');
      await drawer.getByTestId('issue-notice').click();
      const link = drawer.getByTestId('download-notice');
      await link.waitFor();
      const pdf = await page.request.get(`${base}${await link.getAttribute('href')}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const pdfPath = join(screenshotDir, 'records-flow-notice.pdf');
      writeFileSync(pdfPath, await pdf.body());
      const noticeText = execFileSync('pdftotext', [pdfPath, '-']).toString().replace(/\s+/g, '');
      expect(noticeText).toContain(name);
      expect(noticeText).toContain('食品经营许可');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, `${pdfPath}-page1`]);
      await drawer.getByTestId('signer-name').fill('钱丰');
      await drawer.getByTestId('e-signature').click();
      const recorded = await answerTo(page, 'POST', /\/commitment$/, () =>
        drawer.getByTestId('record-commitment').click(),
      );
      expect(recorded.status(), await recorded.text()).toBe(200);
      await expect.poll(() => drawer.getByTestId('commitment').textContent()).toContain('法定代表人 钱丰');
      await expect.poll(() => drawer.getByTestId('drawer-status').textContent()).toBe('已完成');
      await withoutToasts(page);
      await shot(page, 'records-flow-1-workbench', false);

      // 3. The pushes: three departments (and the district), each due the next working day by the platform's calendar.
      const { result: ackDue } = await admin<{ result: string }>(
        'GET',
        `/api/calendar/add-working-days?date=${today}&n=1`,
      );
      type Push = { id: number; departmentId: number | null; departmentName: string; ackDueOn: string; state: string };
      const pushesOf = async () =>
        (
          await lianxi<{ items: Push[] }>(
            'GET',
            `/api/dual-notice/pushes?keyword=${encodeURIComponent(name)}&pageSize=50`,
          )
        ).items;
      const pushed = await pushesOf();
      for (const d of [SPJ, SCJG, YJGL]) expect(pushed.map((p) => p.departmentName)).toContain(d);
      for (const p of pushed) expect(p.ackDueOn).toBe(ackDue);

      // Two departments acknowledge on time in their inbox (the list shows 待签收; a department pushed for two duties,
      // 行业主管 and 综合执法, has two cards, each acknowledged and leaving the list).
      for (const [username, department, shotName] of [
        ['scjg_staff', SCJG, 'records-flow-2-inbox-scjg'],
        ['yjgl_admin', YJGL, ''],
      ] as const) {
        const inboxPage = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
        await openAs(inboxPage, base, username, '/dual-notice/inbox');
        const cards = inboxPage.getByTestId('push-card').filter({ hasText: name });
        const count = pushed.filter((p) => p.departmentName === department).length;
        await expect.poll(() => cards.count()).toBe(count);
        const card = cards.first();
        expect(await card.innerText()).toContain(`签收期限 ${ackDue}`);
        expect(await card.getByTestId('push-state').textContent()).toBe('待签收');
        if (shotName) await shot(inboxPage, shotName);
        for (let left = count; left > 0; left -= 1) {
          const ack = await answerTo(inboxPage, 'POST', /\/acknowledge$/, () =>
            card.getByTestId('acknowledge').click(),
          );
          expect(ack.status(), await ack.text()).toBe(200);
          expect((await ack.json()).state).toBe('已签收');
          await expect.poll(() => cards.count()).toBe(left - 1);
        }
        await inboxPage.context().close();
      }
      // The third (the licensing bureau's own push) stays open: 待签收 today, due the next working day, not yet on the
      // overdue list (it would be 逾期未签收 from the day after `ackDue`; the clock cannot move here — see above).
      await page.goto(`${base}/dual-notice/inbox`);
      const open = page.getByTestId('push-card').filter({ hasText: name }).first();
      await open.waitFor();
      expect(await open.getByTestId('push-state').textContent()).toBe('待签收');
      expect(await open.innerText()).toContain(`签收期限 ${ackDue}`);
      const after = await pushesOf();
      const statesOf = (d: string) => [...new Set(after.filter((p) => p.departmentName === d).map((p) => p.state))];
      expect([statesOf(SCJG), statesOf(YJGL), statesOf(SPJ)]).toEqual([['已签收'], ['已签收'], ['待签收']]);
      await page.goto(`${base}/dual-notice/overdue`);
      await page.getByTestId('overdue-table').waitFor();
      const overdue = await spj<{ today: string; rows: { subjectName: string }[] }>('GET', '/api/dual-notice/overdue');
      expect(overdue.today).toBe(today);
      expect(overdue.rows.map((r) => r.subjectName)).not.toContain(name);
      expect(await page.getByTestId('overdue-table').innerText()).not.toContain(name);

      // 4. 双跟踪: the market regulator's follow-up, due 2 months after the push, with its task.
      const scjgAdmin = await apiAs('scjg_admin');
      const scjgStaff = await apiAs('scjg_staff');
      // 2 calendar months after the push by the calendar (a rest day moves on); while the next year's holiday notice is
      // not loaded the platform keeps the calendar-month date (docs/records.md), and so does the expectation.
      const months = await fetch(`${base}/api/calendar/add-months?date=${today}&months=2`, {
        headers: { cookie: await sessionCookie('admin') },
      });
      const monthsBody = (await months.json()) as { result?: string; error?: { code: string } };
      if (months.status !== 200) expect(monthsBody.error?.code).toBe('CALENDAR_YEAR_MISSING');
      // Without the next year's holiday notice the calendar-month date stands, moved off a weekend to the Monday.
      let followUpDue = monthsBody.result ?? addCalendarMonths(today, 2);
      if (!monthsBody.result) while ([0, 6].includes(weekday(followUpDue))) followUpDue = addDays(followUpDue, 1);
      type FollowUp = { followUpNo: string; dueOn: string; status: string; task: { taskNo: string } | null };
      const followUpOf = async () =>
        (await scjgAdmin<{ rows: FollowUp[] }>('GET', `/api/follow-ups?keyword=${encodeURIComponent(name)}`)).rows;
      // 市场监管 is pushed for SGZ-001 both as 行业主管 and as 综合执法, and follows the subject up once.
      const followUps = await followUpOf();
      expect(followUps).toHaveLength(1);
      const followUp = followUps[0];
      expect(followUp).toMatchObject({ dueOn: followUpDue, status: '待跟踪' });
      const taskNo = followUp!.task!.taskNo;
      const followUpsPage = await (
        await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })
      ).newPage();
      await openAs(followUpsPage, base, 'scjg_admin', '/follow-ups');
      const row = followUpsPage
        .getByTestId('follow-ups-table')
        .locator('tbody tr')
        .filter({ hasText: followUp!.followUpNo });
      await row.waitFor();
      const rowText = await row.innerText();
      expect(rowText).toContain(followUp!.followUpNo);
      expect(rowText).toContain(followUpDue);
      expect(rowText).toContain(taskNo);
      expect(await followUpsPage.getByTestId(`follow-up-status-${followUp!.followUpNo}`).innerText()).toBe('待跟踪');
      await shot(followUpsPage, 'records-flow-3-follow-ups');

      // The task's window opens the next working day: brought forward to today so the visit happens in this run.
      type Task = {
        window: { from: string; to: string };
        departments: { id: number; inspectors: { id: number; name: string }[] }[];
      };
      const planned = await scjgStaff<Task>('GET', `/api/tasks/${taskNo}`);
      expect(planned.window.from > today).toBe(true);
      await scjgStaff('PUT', `/api/tasks/${taskNo}/window`, {
        from: today,
        to: planned.window.to.slice(0, 4) === today.slice(0, 4) ? planned.window.to : `${today.slice(0, 4)}-12-31`,
        reason: '浏览器测试：当天实施照后证前跟踪检查',
      });
      const task = await scjgStaff<Task>('GET', `/api/tasks/${taskNo}`);
      const team = task.departments.find((d) => d.id === id(SCJG))!.inspectors;
      expect(team.length).toBeGreaterThanOrEqual(2);
      await followUpsPage.goto(`${base}/tasks/${taskNo}`);
      const staffed = followUpsPage.getByTestId(`task-department-${id(SCJG)}`);
      await staffed.waitFor();
      for (const p of team) expect(await staffed.innerText()).toContain(p.name);
      await shot(followUpsPage, 'records-flow-4-task');

      // Carried out: scheduled, checked in, every item recorded and submitted (today may be a rest day: confirmed).
      await linkAccountToInspector(admin, 'scjg_jc01', team[0]!.id);
      await scjgStaff('PUT', `/api/inspections/${taskNo}/schedule`, { visitOn: today, confirmNonWorkingDay: true });
      const jc = await apiAs('scjg_jc01');
      await jc('POST', `/api/inspections/${taskNo}/check-in`, { confirmNonWorkingDay: true });
      const view = await jc<{ departments: { id: number; checks: { checkItemId: number }[] }[] }>(
        'GET',
        `/api/inspections/${taskNo}`,
      );
      const checks = view.departments.find((d) => d.id === id(SCJG))!.checks;
      expect(checks.length).toBeGreaterThan(0);
      for (const c of checks)
        await jc('PUT', `/api/inspections/${taskNo}/results/${c.checkItemId}`, { result: '符合', notes: '' });
      await jc('POST', `/api/inspections/${taskNo}/submit`, {});
      await followUpsPage.goto(`${base}/follow-ups`);
      await expect
        .poll(() => followUpsPage.getByTestId(`follow-up-status-${followUp!.followUpNo}`).innerText())
        .toBe('已跟踪');
      expect(await row.innerText()).toContain('未发现问题');
      await shot(followUpsPage, 'records-flow-5-followed-up');
      await followUpsPage.context().close();

      // 5. The licence result from the licensing bureau's system; it is listed in 许可与处罚.
      const licence = {
        senderRecordId: `FLOW-XK-${serial}`,
        counterpartCategory: '法人及非法人组织',
        counterpartName: name,
        uscc,
        legalRepresentative: '钱丰',
        decisionDocName: '食品经营许可决定书',
        decisionDocNo: `日审批食许〔2026〕${serial}号`,
        category: '普通',
        certificateName: '食品经营许可证',
        certificateNo: `JY1371102${serial}`,
        content: '食品销售经营者（预包装食品销售）；餐饮服务经营者（小型餐馆）',
        validFrom: today,
        validTo: '2031-12-31',
        decidedOn: today,
        authorityName: SPJ_ORGAN.name,
        authorityUscc: SPJ_ORGAN.uscc,
        sourceUnitName: SPJ_ORGAN.name,
        sourceUnitUscc: SPJ_ORGAN.uscc,
        approvalItemCode: 'SGZ-001',
        status: '有效',
      };
      expect((await send(spjToken, 'licences', licence)).results.map((r) => r.outcome)).toEqual(['created']);
      await page.goto(`${base}/records/licences`);
      await expect.poll(() => page.getByTestId('records-table').textContent()).toContain(name);

      // Published in 审核公示 mode by the bureau. No account of 市行政审批服务局 may publish (the licensing role has no
      // publicity:record:write, src/auth/permissions.ts), so the administrator gives spj_xk the 业务人员 role as well.
      const spjUser = user('spj_xk');
      await admin('PUT', `/api/users/${spjUser.id}`, {
        name: spjUser.name,
        phone: spjUser.phone,
        departmentId: spjUser.departmentId,
        roleCodes: ['licensing', 'dept_staff'],
        status: 'active',
      });
      type Publication = { id: number; counterpartName: string; state: string };
      const publicationOf = async (kind: string) =>
        (
          await lianxi<{ items: Publication[] }>(
            'GET',
            `/api/publicity/publications?kind=${encodeURIComponent(kind)}&keyword=${encodeURIComponent(kind === '行政许可' ? name : '钱某某')}&pageSize=50`,
          )
        ).items;
      const [licencePub] = await publicationOf('行政许可');
      expect(licencePub!.state).toBe('待公示');
      const publisher = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
      await openAs(publisher, base, 'spj_xk', '/publicity');
      const publishIn = async (who: typeof publisher, pubId: number) => {
        await who.getByTestId(`publicity-publish-${pubId}`).waitFor();
        const published = await answerTo(who, 'POST', /\/publish$/, async () => {
          await who.getByTestId(`publicity-publish-${pubId}`).click();
          await who.locator('.el-message-box').getByRole('button', { name: '公示' }).click();
        });
        expect(published.status()).toBe(204);
        await expect.poll(() => who.getByTestId(`publicity-state-${pubId}`).innerText()).toBe('已公示');
      };
      await publishIn(publisher, licencePub!.id);
      await publisher.context().close();

      // The public page, no login: the licence, in force.
      const visitor = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const search = async (tab: string, keyword: string) => {
        await visitor.goto(`${base}/public/publicity`);
        await visitor.getByTestId('page-public-publicity').waitFor();
        if (tab !== '行政许可') await visitor.getByRole('tab', { name: tab }).click();
        await visitor.getByTestId('public-publicity-keyword').fill(keyword);
        await visitor.getByTestId('public-publicity-search').click();
      };
      await search('行政许可', uscc);
      const licenceCard = visitor.getByTestId(`public-publicity-${licencePub!.id}`);
      await licenceCard.waitFor();
      expect(await licenceCard.innerText()).toContain(name);
      expect(await licenceCard.innerText()).toContain('当前状态：有效');
      await shot(visitor, 'records-flow-6-public-licence');

      // 6. A penalty on a natural person from the market regulator's system, published; the ID never shows.
      const idNumber = freshIdNumber();
      const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
      const penalty = await send(scjgToken, 'penalties', {
        senderRecordId: `FLOW-CF-${serial}`,
        counterpartCategory: '自然人',
        counterpartName: '钱某某',
        idNumber,
        decisionDocNo: `日市监罚〔2026〕${serial}号`,
        violationType: '未取得许可从事食品经营',
        violationFacts: '当事人未取得食品经营许可，在海曲中路流动销售散装熟食',
        legalBasis: '《中华人民共和国食品安全法》第一百二十二条',
        categories: ['罚款'],
        content: '罚款 0.5 万元',
        fineAmount: '0.5',
        decidedOn: today,
        publicityUntil: `${Number(today.slice(0, 4)) + 1}-12-31`,
        authorityName: SCJG_ORGAN.name,
        authorityUscc: SCJG_ORGAN.uscc,
        sourceUnitName: SCJG_ORGAN.name,
        sourceUnitUscc: SCJG_ORGAN.uscc,
        status: '有效',
      });
      expect(penalty.results.map((r) => r.outcome)).toEqual(['created']);
      const penaltyPub = (await publicationOf('行政处罚')).find((p) => p.state === '待公示')!;
      expect(penaltyPub).toBeDefined();
      const scjgPage = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
      await openAs(scjgPage, base, 'scjg_staff', '/publicity');
      await publishIn(scjgPage, penaltyPub.id);
      await scjgPage.context().close();
      await search('行政处罚', '钱某某');
      const penaltyCard = visitor.getByTestId(`public-publicity-${penaltyPub.id}`);
      await penaltyCard.waitFor();
      await visitor.getByTestId(`public-publicity-open-${penaltyPub.id}`).click();
      const detail = visitor.getByTestId('public-publicity-detail');
      await detail.getByText('处罚决定书文号').first().waitFor();
      const shown = await visitor.getByTestId('page-public-publicity').innerText();
      expect(await detail.innerText()).toContain('钱某某');
      for (const hidden of [idNumber, masked, idNumber.slice(0, 6) + '*']) expect(shown).not.toContain(hidden);
      expect(await visitor.content()).not.toContain(idNumber);
      await visitor.waitForTimeout(400); // the dialog's fade-in
      await shot(visitor, 'records-flow-7-public-penalty', false);
      const publicJson = [
        await (
          await fetch(
            `${base}/api/public/publicity?kind=${encodeURIComponent('行政处罚')}&keyword=${encodeURIComponent('钱某某')}`,
          )
        ).text(),
        await (await fetch(`${base}/api/public/publicity/${penaltyPub.id}`)).text(),
      ];
      expect(publicJson[0]).toContain('钱某某');
      for (const body of publicJson) {
        expect(body).not.toContain(idNumber);
        expect(body).not.toContain(masked);
        expect(body).not.toMatch(/\*{4}/);
      }

      // 7. The licence is revoked: the same record sent again, a new version; the public record says 已撤销.
      const revoked = await send(spjToken, 'licences', { ...licence, status: '已撤销' });
      expect(revoked.results.map((r) => [r.outcome, r.version])).toEqual([['updated', 2]]);
      await expect.poll(async () => (await publicationOf('行政许可'))[0]!.state).toBe('已更新');
      await search('行政许可', uscc);
      await licenceCard.waitFor();
      await expect.poll(() => licenceCard.innerText()).toContain('当前状态：已撤销');
      await shot(visitor, 'records-flow-8-public-revoked');
      await visitor.context().close();
      await desk.close();
    },
  );
});
