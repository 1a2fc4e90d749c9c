import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import { xlsxOf, xlsxRowsOf } from '../support/import-files';
import { pageWidth, phone, platformForSuite, shot, openAsAdmin } from './browser-helpers';

const suite = platformForSuite();
const HEADERS = ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '行业代码', '成立日期', '信用风险分类'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A valid enterprise USCC with organisation code YY…, which the demo city never draws. */
function usccOf(serial: number): string {
  const org8 = `YY${String(serial).padStart(6, '0')}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}
const broken = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

/** Six rows named with the rare word 瀚澜; in the first version rows 5–7 (sheet rows, header = 1) are bad. */
function rowsOf(base: number, fixed: boolean): string[][] {
  const codes = [0, 1, 2, 3, 4, 5].map((i) => usccOf(base + i));
  const row = (i: number, over: Partial<Record<string, string>> = {}) => {
    const v: Record<string, string> = {
      统一社会信用代码: codes[i]!,
      名称: `日照瀚澜${'甲乙丙丁戊己'[i]}号商贸有限公司`,
      主体类型: '企业',
      行政区划代码: '371102',
      行业代码: '5211',
      成立日期: '2020-06-18',
      // Classes come from the credit evaluation: the column stays empty (a class typed in is refused).
      信用风险分类: '',
      ...over,
    };
    return HEADERS.map((h) => v[h]!);
  };
  return [
    HEADERS,
    row(0),
    row(1),
    row(2),
    row(3, fixed ? {} : { 统一社会信用代码: broken(codes[3]!) }),
    row(4, fixed ? {} : { 成立日期: '2023-02-30' }),
    row(5, fixed ? {} : { 行业代码: '9999' }),
  ];
}

async function upload(page: Page, name: string, rows: string[][], mode: string): Promise<void> {
  await page
    .getByTestId('import-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: XLSX_TYPE, buffer: await xlsxOf(rows) });
  await page.getByTestId('import-mode').getByText(mode, { exact: true }).click();
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/imports/subjects' && r.request().method() === 'POST',
    ),
    page.getByTestId('import-submit').click(),
  ]);
  expect(response.status(), await response.text()).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  await page.locator(`[data-testid="import-result"][data-job="${jobId}"]`).waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  expect(await page.getByTestId('import-submit').isEnabled(), '同一文件可再次提交').toBe(true);
}

const count = (page: Page, key: string) => page.getByTestId(`import-count-${key}`).locator('div').first().innerText();

describe('subject import page in Chromium', () => {
  it('rejects bad rows with a downloadable report, imports the corrected file, and the subjects can be found', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAsAdmin(page, suite.platform.url);
    await page.getByTestId('menu-subjects').click();
    await page.getByTestId('page-subjects').waitFor();
    await page.getByTestId('subject-import').click();
    await page.getByTestId('page-subject-import').waitFor();
    expect(await page.getByTestId('import-template-xlsx').getAttribute('href')).toBe(
      '/api/imports/templates/subjects.xlsx',
    );

    const base = 100_000 + Math.floor(Math.random() * 800_000);
    await upload(page, '瀚澜监管对象.xlsx', rowsOf(base, false), '全部正确才导入');
    await expect.poll(() => page.getByTestId('import-outcome').innerText()).toContain('整个文件未写入');
    expect(await count(page, 'rejected')).toBe('3');
    expect(await count(page, 'inserted')).toBe('0');
    const problems = await page.getByTestId('import-problems').locator('.el-table__body tr').allInnerTexts();
    expect(problems.map((r) => r.split(/\s+/)[0])).toEqual(['5', '6', '7']);
    expect(problems.join('\n')).toContain('2023-02-30');
    expect(problems.join('\n')).toContain('9999');
    await page.getByTestId('recent-imports').getByText('瀚澜监管对象.xlsx').first().waitFor();
    await shot(page, 'subject-import-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-errors-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const report = await xlsxRowsOf(await readFile(await download.path()));
    expect(report[0]).toEqual(['行号', '列名', '内容', '原因']);
    expect(report.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['5', '统一社会信用代码'],
      ['6', '成立日期'],
      ['7', '行业代码'],
    ]);

    await upload(page, '瀚澜监管对象-已改正.xlsx', rowsOf(base, true), '全部正确才导入');
    await expect.poll(() => page.getByTestId('import-outcome').innerText()).toContain('全部写入');
    expect(await count(page, 'inserted')).toBe('6');
    expect(await count(page, 'rejected')).toBe('0');
    await expect.poll(() => page.getByTestId('import-problems').count()).toBe(0);
    await page.getByTestId('recent-imports').getByText('瀚澜监管对象-已改正.xlsx').waitFor();
    await shot(page, 'subject-import-done-desktop');

    await page.getByTestId('menu-subjects').click();
    await page.getByTestId('page-subjects').waitFor();
    await page.getByTestId('subject-search-q').fill('瀚澜');
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/subjects' && new URL(r.url()).searchParams.get('q') === '瀚澜',
      ),
      page.getByRole('button', { name: '搜索' }).click(),
    ]);
    expect(((await response.json()) as { total: number }).total).toBe(6);
    await expect.poll(() => page.getByTestId('subjects-table').innerText()).toContain('日照瀚澜甲号商贸有限公司');
    expect(await page.getByTestId('subject-export-csv').getAttribute('href')).toBe(
      `/api/subjects/export.csv?q=${encodeURIComponent('瀚澜')}`,
    );
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('subject-export-csv').click(),
    ]);
    const csv = (await readFile(await exported.path())).toString('utf8');
    expect(csv.split(/\r?\n/).filter((l) => l.includes('瀚澜'))).toHaveLength(6);

    // Back on the import page later: the rejected file's error report is still in the history.
    await page.goto(`${suite.platform.url}/subjects/import`);
    const rejected = page.getByTestId('recent-imports').locator('tr', { hasText: '瀚澜监管对象.xlsx' });
    await rejected.getByText('下载错误报告').waitFor();
    expect(await page.getByTestId('import-job').count()).toBe(0);
    expect(
      await page.getByTestId('recent-imports').locator('tr', { hasText: '瀚澜监管对象-已改正.xlsx' }).innerText(),
    ).not.toContain('下载错误报告');
    await shot(page, 'subject-import-history-desktop');
    const [again] = await Promise.all([page.waitForEvent('download'), rejected.getByText('下载错误报告').click()]);
    const kept = await xlsxRowsOf(await readFile(await again.path()));
    expect(kept.slice(1).map((r) => r[0])).toEqual(['5', '6', '7']);
    await page.close();
  });

  it('is usable at phone width (375 px)', async () => {
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await openAsAdmin(page, suite.platform.url);
    await page.goto(`${suite.platform.url}/subjects/import`);
    await page.getByTestId('page-subject-import').waitFor();
    await upload(
      page,
      '瀚澜试运行.xlsx',
      rowsOf(900_000 + Math.floor(Math.random() * 90_000), false),
      '试运行（不写入）',
    );
    await expect.poll(() => page.getByTestId('import-outcome').innerText()).toContain('试运行完成');
    expect(await count(page, 'inserted')).toBe('3');
    await expect.poll(() => page.getByTestId('import-problems').innerText()).toContain('不存在');
    await page.getByTestId('recent-imports').getByText('下载错误报告').first().waitFor();
    expect(await pageWidth(page), '导入页不应横向溢出').toBeLessThanOrEqual(375);
    await shot(page, 'subject-import-phone');
    await context.close();
  });
});
