import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCli } from '../support/cli';
import { csvOf } from '../support/import-files';

const { run: cli, dir } = testCli('lianjian-cli-items-');

const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();
const header = [
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
const item = (code: string, checks: string) => [
  code,
  '命令行导入监督检查',
  '市市场监督管理局',
  '《中华人民共和国食品安全法》第一百一十条',
  '食品经营者',
  '现场检查',
  '计划、抽取、检查、公示',
  '依法公示',
  '县',
  '副局长 测试',
  '食品经营安全监督管理科',
  '秦海涛',
  checks,
];
const good = item(`CLI-${tag}-1`, '许可证合法有效｜现场检查｜《中华人民共和国食品安全法》第三十五条');
const file = join(dir, 'items.csv');

beforeAll(async () => {
  const migrated = await cli('db', 'migrate');
  expect(migrated.code, migrated.stderr).toBe(0);
  // The PGlite leg starts empty; on PostgreSQL the demo city is there already and this does nothing.
  await cli('demo', 'seed', '--subjects', '0');
  writeFileSync(file, csvOf([header, good, item(`CLI-${tag}-2`, '台账｜抽查｜某条例')]));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lianjian import / export items', () => {
  it('exits 1 when rows were rejected, writes the good ones, and a re-import finds them unchanged', async () => {
    const res = await cli('import', 'items', file);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('共 2 行：新增 1，更新 0，未变 0，拒绝 1');
    expect(res.stdout).toContain('第 3 行 检查内容');
    const again = join(dir, 'good.csv');
    writeFileSync(again, csvOf([header, good]));
    const back = await cli('import', 'items', again, '--all-or-nothing');
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(back.stdout).toContain('共 1 行：新增 0，更新 0，未变 1，拒绝 0');
  }, 120_000);

  it('exports with the list filters and re-imports the export unchanged', async () => {
    const out = join(dir, 'items.xlsx');
    const exported = await cli('export', 'items', out, '--q', `CLI-${tag}`, '--filter', 'level=县');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('已导出 1 条监管事项');
    const back = await cli('import', 'items', out, '--all-or-nothing');
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(back.stdout).toContain('共 1 行：新增 0，更新 0，未变 1，拒绝 0');
  }, 120_000);
});
