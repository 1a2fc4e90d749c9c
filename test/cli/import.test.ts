import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCli } from '../support/cli';
import { csvOf, freshUscc } from '../support/import-files';

const { run: cli, dir } = testCli('lianjian-cli-import-');

const header = ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '行业代码'];
const good = Array.from({ length: 1500 }, () => freshUscc());
const file = join(dir, 'subjects.csv');

beforeAll(async () => {
  const migrated = await cli('db', 'migrate');
  expect(migrated.code, migrated.stderr).toBe(0);
  const rows = good.map((u, i) => [u, `日照命令行${i}商贸有限公司`, '企业', '371102', '5211']);
  writeFileSync(file, csvOf([header, ...rows, [good[0]!, '日照重复商贸有限公司', '企业', '371102', '5211']]));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lianjian import / export', () => {
  it('all-or-nothing writes nothing, lists the bad row, shows progress on stderr and exits 1', async () => {
    const res = await cli('import', 'subjects', file, '--all-or-nothing');
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('共 1501 行：新增 0，更新 0，未变 0，拒绝 1');
    expect(res.stdout).toContain('未写入任何数据');
    expect(res.stdout).toContain('第 1502 行 统一社会信用代码');
    expect(res.stdout).toContain('与第 2 行重复');
    expect(res.stderr).toMatch(/导入中：已处理 1000 \/ 1501 行（66%）/);
  }, 120_000);

  it('valid-only writes the good rows and the full error report next to the file; a dry run then finds them unchanged', async () => {
    const res = await cli('import', 'subjects', file);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('新增 1500，更新 0，未变 0，拒绝 1');
    expect(res.stdout).toContain('已写入数据库');
    const report = join(dir, 'subjects.errors.csv');
    expect(res.stdout).toContain(`完整错误报告：${report}`);
    expect(existsSync(report)).toBe(true);
    const lines = readFileSync(report, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('行号,列名,内容,原因');
    expect(lines[1]).toMatch(/^1502,统一社会信用代码,/);
    const dry = await cli('import', 'subjects', file, '--dry-run');
    expect(dry.stdout).toContain('新增 0，更新 0，未变 1500，拒绝 1');
    expect(dry.stdout).toContain('试运行：未写入任何数据');
  }, 120_000);

  it('exports to XLSX and re-imports the export unchanged with exit status 0', async () => {
    const out = join(dir, 'export.xlsx');
    const exported = await cli('export', 'subjects', out, '--division', '371102');
    expect(exported.code, exported.stderr).toBe(0);
    const count = Number(/已导出 (\d+) 条监管对象/.exec(exported.stdout)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1500);
    const back = await cli('import', 'subjects', out, '--all-or-nothing');
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(back.stdout).toContain(`共 ${count} 行：新增 0，更新 0，未变 ${count}，拒绝 0`);
  }, 120_000);

  it('rejects a file with unknown or missing columns as a whole (exit 2)', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      csvOf([
        ['统一社会信用代码', '电话'],
        [freshUscc(), '13800000000'],
      ]),
    );
    const res = await cli('import', 'subjects', bad);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('未知的列“电话”');
    expect(res.stderr).toContain('缺少必填列“名称”');
  }, 120_000);
});
