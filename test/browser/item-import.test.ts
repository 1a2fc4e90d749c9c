import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { xlsxOf } from '../support/import-files';
import { platformForSuite, shot, signIn } from './browser-helpers';

const suite = platformForSuite();
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  '事项编码',
  '事项名称',
  '所属部门',
  '设定依据',
  '监管对象',
  '监管措施',
  '监管流程',
  '结果处理',
  '监管层级',
  '责任领导',
  '承办机构',
  '具体负责人',
  '检查内容',
];

/** Two items named with the rare word 澜汐; in the first version the second has a check method that does not exist. */
function rowsOf(tag: string, fixed: boolean): string[][] {
  const row = (n: number, checks: string) => [
    `LX-${tag}-${n}`,
    `澜汐${n}号监督检查`,
    '市市场监督管理局',
    '《中华人民共和国食品安全法》第一百一十条',
    '食品经营者',
    '现场检查',
    '计划、抽取、检查、公示',
    '依法公示',
    '市',
    '副局长 测试',
    '食品经营安全监督管理科',
    '秦海涛',
    checks,
  ];
  const good =
    '许可证合法有效｜现场检查｜《中华人民共和国食品安全法》第三十五条\n进货查验记录完整｜书面检查｜《中华人民共和国食品安全法》第五十三条';
  return [HEADERS, row(1, good), row(2, fixed ? good : '台账齐全｜抽查｜某条例')];
}

async function upload(page: Page, name: string, rows: string[][], mode: string): Promise<void> {
  await page
    .getByTestId('import-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: XLSX_TYPE, buffer: await xlsxOf(rows, '监管事项') });
  await page.getByTestId('import-mode').getByText(mode, { exact: true }).click();
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/imports/items' && r.request().method() === 'POST'),
    page.getByTestId('import-submit').click(),
  ]);
  expect(response.status(), await response.text()).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  await page.locator(`[data-testid="import-result"][data-job="${jobId}"]`).waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
}

const count = (page: Page, key: string) => page.getByTestId(`import-count-${key}`).locator('div').first().innerText();

describe('import page for supervision items and inspectors in Chromium', () => {
  it('imports an items XLSX from the item catalog page, reports the bad row, and the items are listed', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, suite.platform.url, 'admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('menu-items').click();
    await page.getByTestId('page-items').waitFor();
    expect(await page.getByTestId('item-export-xlsx').getAttribute('href')).toBe('/api/items/export.xlsx');
    await page.getByTestId('item-import').click();
    await page.getByTestId('page-item-import').waitFor();
    expect(await page.getByTestId('import-template-xlsx').getAttribute('href')).toBe(
      '/api/imports/templates/items.xlsx',
    );
    await shot(page, 'item-import-page-desktop');

    const tag = Date.now().toString(36).toUpperCase();
    await upload(page, '澜汐监管事项.xlsx', rowsOf(tag, false), '全部正确才导入');
    await expect.poll(() => page.getByTestId('import-outcome').innerText()).toContain('整个文件未写入');
    expect(await count(page, 'rejected')).toBe('1');
    const problems = await page.getByTestId('import-problems').locator('.el-table__body tr').allInnerTexts();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('检查内容');
    expect(problems[0]).toContain('抽查');
    await shot(page, 'item-import-rejected-desktop');

    await upload(page, '澜汐监管事项-已改正.xlsx', rowsOf(tag, true), '全部正确才导入');
    await expect.poll(() => page.getByTestId('import-outcome').innerText()).toContain('全部写入');
    expect(await count(page, 'inserted')).toBe('2');
    await page.getByTestId('recent-imports').getByText('澜汐监管事项-已改正.xlsx').waitFor();
    await shot(page, 'item-import-done-desktop');

    await page.getByTestId('menu-items').click();
    await page.getByTestId('page-items').waitFor();
    await page.getByTestId('items-search-q').fill(`LX-${tag}`);
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.getByTestId('items-table').innerText()).toContain('澜汐2号监督检查');
    expect(await page.getByTestId('item-export-csv').getAttribute('href')).toBe(`/api/items/export.csv?q=LX-${tag}`);
    await page.close();
  });

  it('opens the inspector import page from the inspector register', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, suite.platform.url, 'admin', 'Lianjian@2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('menu-inspectors').click();
    await page.getByTestId('page-inspectors').waitFor();
    await page.getByTestId('inspector-import').click();
    await page.getByTestId('page-inspector-import').waitFor();
    expect(await page.getByTestId('import-template-csv').getAttribute('href')).toBe(
      '/api/imports/templates/inspectors.csv',
    );
    await page.close();
  });
});
