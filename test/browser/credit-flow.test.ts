import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlatform } from '../support/platform-process';
import { answerTo, choose, openAs, shot, withoutToasts } from './browser-helpers';
import { apiAs, chinaToday, localSeed } from './browser-scene';

/**
 * Issue 16, “Done when”, end to end on the demo city (with its activity: a pushed run of the last ended quarter, penalties
 * with their 五书同达 sets): a 严重违法失信名单 record → an evaluation run on demand (the veto makes the subject D) → review
 * and push → a department sees the new class → the subject is a key target (信用评价D类) and a round committed afterwards
 * draws it with certainty and names the run → 五书同达 PDFs of a penalty → the enterprise repairs the penalty's credit on
 * the portal, the credit office approves, and the public 双公示 page no longer shows it.
 * Through the API (the logged-in page's request, or a signed-in client) only where no page exists or the page would only
 * repeat other browser tests: the credit record, finding a subject and a penalty, and the draw round.
 */
const suite = {} as { platform: Awaited<ReturnType<typeof startPlatform>>; browser: Browser };
beforeAll(async () => {
  suite.platform = await startPlatform([], { LIANJIAN_DEMO_ACTIVITY: 'true' });
  suite.browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await suite.browser?.close();
  await suite.platform?.stop();
});

type Subject = { id: number; uscc: string; name: string; creditClass: string | null; whitelisted: boolean };
type Penalty = { id: number; decidedOn: string };
type Eligibility = { uscc: string | null; decisionDocNo: string; eligibility: { eligible: boolean } };
const pdfDir = join('test-results', 'credit-flow');
const kinds = ['publicity-notice', 'compliance-advice', 'repair-notice', 'seal-authorisation'];
const headers = { 'x-lianjian-request': '1' };

/** GET through the logged-in page (its session cookie); the answer must be 200. */
async function pageGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${suite.platform.url}${path}`, { headers });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

describe('credit flow (issue 16)', () => {
  it(
    'record → run → push → class, key target and certain draw → 五书同达 → repair → 双公示',
    { timeout: 600_000 },
    async () => {
      const base = suite.platform.url;
      const today = chinaToday();
      const desk = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await openAs(desk, base, 'fgw_xy');

      // A restaurant (in the scope of 餐饮服务单位监督检查 SCJG-CC-02), not yet D nor a key target.
      const candidates = await pageGet<{ items: Subject[] }>(
        desk,
        '/api/subjects?industry=62&kind=%E4%BC%81%E4%B8%9A&status=%E5%AD%98%E7%BB%AD&keyTarget=false&whitelisted=false&pageSize=50',
      );
      const subject = candidates.items.find((s) => s.creditClass !== 'D' && s.creditClass !== null)!;
      expect(subject, '示范数据中应有未列入重点对象的餐饮企业').toBeDefined();

      // 0. The credit office enters a 严重违法失信名单 listing online (POST /api/credit/records/online).
      const entered = await desk.request.post(`${base}/api/credit/records/online`, {
        headers,
        data: {
          uscc: subject.uscc,
          subjectName: subject.name,
          kind: '严重违法失信名单',
          departmentName: '日照市市场监督管理局',
          decidedOn: today,
          title: '列入严重违法失信名单（食品安全严重违法）',
          basisDocNo: `日市监信〔${today.slice(0, 4)}〕88号`,
        },
      });
      expect(entered.status(), await entered.text()).toBe(200);

      // 1. 信用与风险 → 信用评价: run the current quarter on demand, open the run, review the movement, verify, push.
      await desk.getByTestId('menu-credit-runs').click();
      await desk.getByTestId('credit-runs-table').waitFor();
      const quarter = `${today.slice(0, 4)}年第${'一二三四'[Math.ceil(Number(today.slice(5, 7)) / 3) - 1]}季度`;
      await choose(desk.getByTestId('credit-run-period'), quarter);
      const started = await answerTo(desk, 'POST', /\/api\/credit\/runs$/, () =>
        desk.getByTestId('credit-run-start').click(),
      );
      expect(started.status(), await started.text()).toBe(200);
      const run = (await started.json()) as { id: number; runNo: string; downgraded: number };
      expect(run.downgraded).toBeGreaterThan(0);
      await desk.waitForURL(`**/credit/runs/${run.id}`);
      await desk.getByTestId('menu-credit-runs').click();
      await desk.getByTestId(`credit-run-open-${run.runNo}`).click();
      await desk.waitForURL(`**/credit/runs/${run.id}`);
      await desk.getByTestId('credit-run-charts').waitFor();
      await desk.getByTestId('credit-filter-q').fill(subject.uscc);
      await desk.getByTestId('credit-filter-q').press('Enter');
      const moved = desk.getByTestId(`credit-result-class-${subject.uscc}`);
      await expect.poll(() => moved.innerText()).toMatch(new RegExp(`${subject.creditClass}\\s*→\\s*D`));
      const resultsText = await desk.getByTestId('credit-results-table').innerText();
      expect(resultsText).toContain('一票否决');
      expect(resultsText).toContain('严重违法失信');
      await desk.getByTestId('credit-run-verify').click();
      await expect.poll(() => desk.getByTestId('credit-run-verification').innerText()).toContain('复核一致');
      await withoutToasts(desk);
      await shot(desk, 'credit-flow-1-run');
      const pushed = await answerTo(desk, 'POST', /\/push$/, async () => {
        await desk.getByTestId('credit-run-push').click();
        await desk.locator('.el-message-box').getByRole('button', { name: '推送' }).click();
      });
      expect(pushed.status(), await pushed.text()).toBe(200);
      await expect.poll(() => desk.getByTestId('credit-run-status').innerText()).toBe('已推送');

      // 2. A department's staff: the subject page's class history shows the pushed run and the new class D.
      const staff = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await openAs(staff, base, 'scjg_staff', `/subjects/${subject.id}`);
      const history = staff.getByTestId('subject-credit-history');
      await history.waitFor();
      await expect.poll(() => history.innerText()).toContain(run.runNo);
      expect(await staff.getByTestId('subject-credit-class').first().innerText()).toContain('D');
      expect(await history.innerText()).toContain('一票否决');
      // 3a. …and the key-target panel lists it for 信用评价D类.
      const panel = staff.getByTestId('subject-key-targets');
      await expect.poll(() => panel.innerText()).toContain('信用评价D类');
      await withoutToasts(staff);
      await shot(staff, 'credit-flow-2-subject');
      await staff.context().close();

      // 3b. The credit office's 重点抽查对象 page lists it with that reason.
      await desk.getByTestId('menu-key-targets').click();
      await desk.getByTestId('key-targets-table').waitFor();
      await desk.getByTestId('key-targets-q').fill(subject.uscc);
      await desk.getByTestId('key-targets-q').press('Enter');
      const row = desk.getByTestId('key-targets-table').locator('tbody tr').filter({ hasText: '信用评价D类' });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain(subject.name);
      await shot(desk, 'credit-flow-3-key-targets');

      // 3c. A round committed afterwards (the API: the round pages are tested in draws.test.ts) names the run and draws
      // the subject with certainty for SCJG-CC-02 (重点抽查对象必抽).
      const lianxi = await apiAs(base, 'lianxi');
      const items = await lianxi<{ items: { id: number; code: string }[] }>(
        'GET',
        '/api/sampling-items?q=SCJG-CC-02&pageSize=50',
      );
      const itemId = items.items.find((i) => i.code === 'SCJG-CC-02')!.id;
      const source = localSeed('credit-flow-round');
      const round = await lianxi<{ roundNo: string; commitment: { creditRun: { runNo: string } | null } }>(
        'POST',
        '/api/draws',
        {
          title: '信用评价后餐饮服务单位抽查',
          year: Number(today.slice(0, 4)),
          window: { from: today, to: `${today.slice(0, 4)}-12-31` },
          samplingItemIds: [itemId],
          design: 'fixed',
          entropy: source.entropy,
        },
      );
      expect(round.commitment.creditRun?.runNo).toBe(run.runNo);
      const drawn = await lianxi<{ recordNo: string }>('POST', `/api/draws/${round.roundNo}/records`, {
        reveal: source.reveal,
      });
      // The draw answers without its task list: the record holds it.
      const record = await lianxi<{ recordNo: string; tasks: { uscc: string }[] }>(
        'GET',
        `/api/draw-records/${drawn.recordNo}`,
      );
      expect(record.tasks.map((x) => x.uscc)).toContain(subject.uscc);
      const check = await lianxi<{ items: { pi: number; selected: boolean }[] }>(
        'GET',
        `/api/draw-records/${record.recordNo}/self-check?uscc=${subject.uscc}`,
      );
      expect(check.items).toMatchObject([{ pi: 1, selected: true }]);

      // 5. (before 4: the enterprise's 查询码 is in the 信用修复告知书) An eligible penalty's 五书同达 PDFs download from
      // its detail page; each cites the decision number and is rendered to PNG.
      const penalties = await pageGet<{ items: Penalty[] }>(desk, '/api/records/penalties?pageSize=100');
      let target: { id: number; uscc: string; docNo: string } | null = null;
      for (const p of [...penalties.items].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn))) {
        const e = await pageGet<Eligibility>(desk, `/api/credit-repair/penalties/${p.id}/eligibility`);
        if (e.eligibility.eligible && e.uscc) {
          target = { id: p.id, uscc: e.uscc, docNo: e.decisionDocNo };
          break;
        }
      }
      expect(target, '示范数据中应有一条可申请修复的处罚').not.toBeNull();
      const { id: penaltyId, uscc, docNo } = target!;
      await desk.goto(`${base}/records/penalties/${penaltyId}`);
      await desk.getByTestId('penalty-documents').waitFor();
      await shot(desk, 'credit-flow-4-penalty');
      mkdirSync(pdfDir, { recursive: true });
      let queryCode = '';
      for (const kind of kinds) {
        const [download] = await Promise.all([
          desk.waitForEvent('download'),
          desk.getByTestId(`penalty-document-${kind}`).click(),
        ]);
        const file = join(pdfDir, `${kind}.pdf`);
        await download.saveAs(file);
        expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        expect(text, kind).toContain(docNo);
        execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, join(pdfDir, kind)]);
        expect(existsSync(join(pdfDir, `${kind}.png`)), kind).toBe(true);
        if (kind === 'repair-notice') queryCode = /企业查询码【([A-Z0-9]+)】/.exec(text)?.[1] ?? '';
      }
      expect(queryCode).toMatch(/^[A-Z0-9]{8}$/);

      // 4. The enterprise: portal → 信用修复 tab, 统一社会信用代码 + 查询码, statements, evidence, contact.
      const portal = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await portal.goto(`${base}/public`);
      await portal.getByTestId('public-nav-credit-repair').click();
      await portal.getByTestId('portal-repair-uscc').fill(uscc);
      await portal.getByTestId('portal-repair-code').fill(queryCode);
      await portal.getByTestId('portal-repair-lookup').click();
      await portal.getByTestId('portal-repair-penalty').waitFor();
      expect(await portal.getByTestId('portal-repair-penalty').innerText()).toContain(docNo);
      for (const s of ['已履行行政处罚决定', '已纠正失信行为', '信用承诺'])
        await portal.getByTestId(`portal-repair-statement-${s}`).click();
      await portal.getByTestId('portal-repair-text').fill('罚款已全额缴纳，问题已整改完毕并建立了自查制度。');
      await portal
        .getByTestId('portal-repair-files')
        .setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
      await portal.getByTestId('portal-repair-contact').fill('王经理');
      await portal.getByTestId('portal-repair-phone').fill('13963301234');
      const applied = await answerTo(portal, 'POST', /\/evidence$/, () =>
        portal.getByTestId('portal-repair-submit').click(),
      );
      expect(applied.status(), await applied.text()).toBe(200);
      const repairNo = ((await applied.json()) as { repairNo: string }).repairNo;
      await expect.poll(() => portal.getByTestId('portal-repair-status').innerText()).toBe('待受理');
      await withoutToasts(portal);
      await shot(portal, 'credit-flow-5-portal');

      // The public 双公示 page shows the penalty before the decision…
      const visitor = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const searchPenalties = async () => {
        await visitor.goto(`${base}/public/publicity`);
        await visitor.getByRole('tab', { name: '行政处罚' }).click();
        await visitor.getByTestId('public-publicity-keyword').fill(uscc);
        await visitor.getByTestId('public-publicity-search').click();
      };
      await searchPenalties();
      await expect.poll(() => visitor.getByTestId('page-public-publicity').innerText()).toContain(docNo);

      // …the credit office accepts and approves on 信用与风险 → 信用修复…
      await desk.getByTestId('menu-credit-repair').click();
      await desk.getByTestId('repair-table').getByText(repairNo).click();
      await desk.getByTestId('repair-accept').click();
      await expect.poll(() => desk.getByTestId('repair-status').innerText()).toBe('已受理');
      await desk.getByTestId('repair-approve').click();
      await desk.getByTestId('repair-reason').fill('已履行处罚决定并完成整改，符合信用修复条件，提前停止公示');
      await desk.getByTestId('repair-confirm').click();
      await expect.poll(() => desk.getByTestId('repair-status').innerText()).toBe('已修复');
      await withoutToasts(desk);
      await shot(desk, 'credit-flow-6-repair');

      // …and the public page no longer shows it.
      await searchPenalties();
      await visitor.getByText('暂无行政处罚公示信息').waitFor();
      expect(await visitor.getByTestId('page-public-publicity').innerText()).not.toContain(docNo);
      await shot(visitor, 'credit-flow-7-publicity');
      await visitor.context().close();
      await portal.context().close();
      await desk.context().close();
    },
  );
});
