import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session, unique } from '../support/http';
import { csvOf, importAndWait, xlsxOf, xlsxRowsOf } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

export const ITEM_HEADERS = [
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
  '关联许可事项',
  '事项来源',
  '认领来源',
  '状态',
  '检查内容',
];
const checks =
  '经营资质：许可证合法有效｜现场检查｜《中华人民共和国食品安全法》第三十五条\n进货查验记录完整|书面检查|《中华人民共和国食品安全法》第五十三条';
const row = (code: string, overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    事项编码: code,
    事项名称: '导入测试监督检查',
    所属部门: '市市场监督管理局',
    设定依据: '《中华人民共和国食品安全法》第一百一十条',
    监管对象: '食品经营者',
    监管措施: '现场检查、抽样检验',
    监管流程: '计划、抽取、检查、公示',
    结果处理: '依法公示，违法的立案查处',
    监管层级: '市',
    责任领导: '副局长 测试',
    承办机构: '食品经营安全监督管理科',
    具体负责人: '秦海涛',
    关联许可事项: '食品经营许可',
    事项来源: '自有',
    认领来源: '',
    状态: '有效',
    检查内容: checks,
    ...overrides,
  };
  return ITEM_HEADERS.map((h) => values[h]!);
};
const code = () => `IMP-${unique().tag}`;

async function itemByCode(c: string) {
  const list = (await call(t.app, admin, 'GET', `/api/items?q=${encodeURIComponent(c)}`)).json() as {
    items: { id: number; code: string; version: number }[];
  };
  const found = list.items.find((i) => i.code === c);
  if (!found) return undefined;
  const view = (await call(t.app, admin, 'GET', `/api/items/${found.id}`)).json();
  const versions = (await call(t.app, admin, 'GET', `/api/items/${found.id}/versions`)).json() as {
    version: number;
    summary: string;
    changedBy: { name: string };
  }[];
  return { ...view, versions } as {
    id: number;
    version: number;
    status: string;
    checkItems: { id: number; code: string; content: string; method: string }[];
    versions: typeof versions;
  };
}

describe('supervision item import', () => {
  it('serves a template with the Chinese headers whose example row imports', async () => {
    const res = await call(t.app, admin, 'GET', '/api/imports/templates/items.xlsx');
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRowsOf(res.rawPayload);
    expect(rows[0]).toEqual(ITEM_HEADERS);
    const dry = await importAndWait(t.app, admin, 'template.xlsx', res.rawPayload, 'dry-run', 'items');
    expect(dry).toMatchObject({ rejected: 0, committed: false });
  });

  it('all-or-nothing writes nothing and names every bad row with column and reason; valid-only writes exactly the good rows', async () => {
    const [a, b, c, d, e] = [code(), code(), code(), code(), code()];
    const file = await xlsxOf(
      [
        ITEM_HEADERS,
        row(a),
        row(b, { 检查内容: '只有内容没有方式' }),
        row(c, { 检查内容: '查看台账｜抽查｜某条例第一条' }),
        row(d, { 所属部门: '不存在的局', 监管层级: '乡' }),
        row(e, { 事项来源: '认领' }),
      ],
      '监管事项',
    );
    const rejected = await importAndWait(t.app, admin, '事项.xlsx', file, 'all-or-nothing', 'items');
    expect(rejected).toMatchObject({ committed: false, inserted: 0, rejected: 4 });
    expect(rejected.problems.map((p) => `${p.row}:${p.field}`)).toEqual([
      '3:检查内容',
      '4:检查内容',
      '5:所属部门',
      '5:监管层级',
      '6:认领来源',
    ]);
    expect(rejected.problems[1]!.message).toContain('检查方式“抽查”应为 现场检查、非现场检查、书面检查、其他 之一');
    expect(await itemByCode(a)).toBeUndefined();

    const valid = await importAndWait(t.app, admin, '事项.xlsx', file, 'valid-only', 'items');
    expect(valid).toMatchObject({ committed: true, inserted: 1, rejected: 4 });
    const stored = (await itemByCode(a))!;
    expect(stored.version).toBe(1);
    expect(stored.checkItems.map((ci) => [ci.code, ci.method])).toEqual([
      [`${a}-01`, '现场检查'],
      [`${a}-02`, '书面检查'],
    ]);
    expect(stored.versions[0]!.changedBy.name).toBe('系统管理员');
    for (const other of [b, c, d, e]) expect(await itemByCode(other)).toBeUndefined();
  });

  it('re-importing the same file changes nothing; a changed row makes exactly one new version with who and what', async () => {
    const [a, b] = [code(), code()];
    const file = csvOf([ITEM_HEADERS, row(a), row(b)]);
    expect(await importAndWait(t.app, admin, 'a.csv', file, 'valid-only', 'items')).toMatchObject({
      inserted: 2,
      rejected: 0,
    });
    expect(await importAndWait(t.app, admin, 'a.csv', file, 'valid-only', 'items')).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect((await itemByCode(a))!.versions).toHaveLength(1);
    const before = (await itemByCode(b))!;

    const edited = checks.replace('进货查验记录完整', '进货查验记录完整、真实');
    const changed = csvOf([ITEM_HEADERS, row(a), row(b, { 检查内容: edited, 具体负责人: '王芳' })]);
    expect(await importAndWait(t.app, admin, 'b.csv', changed, 'valid-only', 'items')).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const after = (await itemByCode(b))!;
    expect(after.version).toBe(2);
    expect(after.versions).toHaveLength(2);
    expect(after.versions[0]!.summary).toContain('修改具体负责人');
    expect(after.versions[0]!.summary).toContain('批量导入');
    // The edited line stays the same check item (same id and code).
    expect(after.checkItems.map((c) => c.id)).toEqual(before.checkItems.map((c) => c.id));
    expect((await itemByCode(a))!.versions).toHaveLength(1);
    expect(await importAndWait(t.app, admin, 'b.csv', changed, 'valid-only', 'items')).toMatchObject({
      updated: 0,
      unchanged: 2,
    });
  });

  it('keeps stored values for columns the file lacks', async () => {
    const a = code();
    await importAndWait(t.app, admin, 'a.csv', csvOf([ITEM_HEADERS, row(a)]), 'valid-only', 'items');
    const job = await importAndWait(
      t.app,
      admin,
      'part.csv',
      csvOf([
        ['事项编码', '事项名称', '所属部门', '状态'],
        [a, '导入测试监督检查', '市市场监督管理局', '停用'],
      ]),
      'valid-only',
      'items',
    );
    expect(job).toMatchObject({ updated: 1, rejected: 0 });
    const after = (await itemByCode(a))!;
    expect(after).toMatchObject({ status: '停用', version: 2 });
    expect(after.checkItems).toHaveLength(2);
  });

  it("keeps a department administrator to its own department's items", async () => {
    const scjgAdmin = await login(t.app, 'scjg_admin');
    const job = await importAndWait(
      t.app,
      scjgAdmin,
      'c.csv',
      csvOf([ITEM_HEADERS, row(code()), row(code(), { 所属部门: '市应急管理局' })]),
      'valid-only',
      'items',
    );
    expect(job).toMatchObject({ inserted: 1, rejected: 1 });
    expect(job.problems[0]).toMatchObject({ row: 3, field: '所属部门', message: '只能导入本部门的监管事项' });
  });

  it('exports the filtered list in the template columns and re-imports it unchanged', async () => {
    const filter = `departmentId=${(await call(t.app, admin, 'GET', '/api/departments/options')).json().find((d: { name: string }) => d.name === '市市场监督管理局').id}&level=国家`;
    const list = (await call(t.app, admin, 'GET', `/api/items?${filter}&pageSize=200`)).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/items/export.xlsx?${filter}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRowsOf(res.rawPayload);
    expect(rows[0]).toEqual(ITEM_HEADERS);
    expect(list.total).toBeGreaterThan(0);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(list.items.map((i: { code: string }) => i.code).sort());
    expect(rows[1]![16]).toMatch(/｜(现场检查|书面检查|非现场检查|其他)｜/);
    const again = await importAndWait(t.app, admin, 'export.xlsx', res.rawPayload, 'all-or-nothing', 'items');
    expect(again).toMatchObject({ rejected: 0, inserted: 0, updated: 0, unchanged: list.total });
    const csv = await t.app.inject({ method: 'GET', url: `/api/items/export.csv?${filter}`, headers: admin.headers });
    expect(await importAndWait(t.app, admin, 'export.csv', csv.rawPayload, 'all-or-nothing', 'items')).toMatchObject({
      rejected: 0,
      updated: 0,
      unchanged: list.total,
    });
  });
});
