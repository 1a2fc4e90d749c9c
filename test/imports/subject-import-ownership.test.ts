import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session } from '../support/http';
import { csvOf, freshUscc, importAndWait } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

// Field ownership in the subject import (hardening finding 5): a row that changes a field the importer does
// not maintain is an error of that row and column; values equal to the stored ones, and absent columns, are fine.

let t: TestApp;
let admin: Session;
let scjgAdmin: Session;

beforeAll(async () => {
  t = await testApp();
  [admin, scjgAdmin] = await Promise.all(['admin', 'scjg_admin'].map((u) => login(t.app, u)));
});
afterAll(() => t.app.close());

// 白名单 comes with 重点抽查对象 and its reason (one rule reads all three).
const headers = [
  '统一社会信用代码',
  '名称',
  '主体类型',
  '行政区划代码',
  '信用风险分类',
  '行业风险',
  '白名单',
  '重点抽查对象',
  '重点抽查原因',
];
const row = (
  uscc: string,
  values: { 信用风险分类?: string; 行业风险?: string; 白名单?: string; 名称?: string } = {},
) => [
  uscc,
  values.名称 ?? `日照归属${uscc.slice(10, 16)}商贸有限公司`,
  '企业',
  '371102',
  // Classes come from the credit evaluation (src/credit-evaluation): by default the class column is empty.
  values.信用风险分类 ?? '',
  values.行业风险 ?? '市应急管理局:高',
  values.白名单 ?? '否',
  '否',
  '',
];

const stored = (usccs: string[]) =>
  t.deps.db
    .selectFrom('subjects')
    .select(['uscc', 'name', 'credit_class', 'whitelisted', 'industry_risk'])
    .where('uscc', 'in', usccs)
    .orderBy('uscc')
    .execute();

describe('subject import: field ownership', () => {
  it('rejects a department admin’s rows that change the credit class, the whitelist or another department’s risk level, by row and column', async () => {
    const usccs = [freshUscc(), freshUscc(), freshUscc(), freshUscc(), freshUscc()];
    expect(await importAndWait(t.app, admin, 'seed.csv', csvOf([headers, ...usccs.map((u) => row(u))]))).toMatchObject({
      inserted: 5,
      rejected: 0,
    });
    const before = await stored(usccs);

    const file = csvOf([
      headers,
      row(usccs[0]!, { 名称: '日照归属更名商贸有限公司' }), // 2: unchanged owned fields: fine
      row(usccs[1]!, { 信用风险分类: 'A' }), // 3: credit class
      row(usccs[2]!, { 白名单: '是' }), // 4: whitelist
      row(usccs[3]!, { 行业风险: '市应急管理局:低' }), // 5: another department's level
      row(usccs[4]!, { 行业风险: '市应急管理局:高;市市场监督管理局:较高' }), // 6: its own department's level: fine
    ]);
    const job = await importAndWait(t.app, scjgAdmin, 'dept.csv', file, 'all-or-nothing');
    expect(job.problems.map((p) => `${p.row}:${p.field}`)).toEqual(['3:信用风险分类', '4:白名单', '5:行业风险']);
    expect(job.problems[0]!.message).toContain('信用风险分类由公共信用综合评价产生');
    expect(job.problems[0]).toMatchObject({ value: 'A' });
    expect(job.problems[1]!.message).toContain('白名单由信用主管部门维护');
    expect(job.problems[2]!.message).toContain('市应急管理局的行业风险等级由市应急管理局维护');
    expect(job.committed).toBe(false);
    expect(await stored(usccs)).toEqual(before);

    const lenient = await importAndWait(t.app, scjgAdmin, 'dept.csv', file, 'valid-only');
    expect(lenient).toMatchObject({ updated: 2, rejected: 3 });
    const after = new Map((await stored(usccs)).map((s) => [s.uscc, s]));
    expect(after.get(usccs[0]!)!.name).toBe('日照归属更名商贸有限公司');
    expect(after.get(usccs[1]!)!.credit_class).toBeNull();
    expect(after.get(usccs[2]!)!.whitelisted).toBe(false);
    expect(after.get(usccs[3]!)!.industry_risk).toEqual({ 市应急管理局: '高' });
    expect(after.get(usccs[4]!)!.industry_risk).toEqual({ 市应急管理局: '高', 市市场监督管理局: '较高' });
  });

  it('refuses a new subject with a class or on the whitelist from a department admin; absent columns are no change', async () => {
    const [classed, listed, plain] = [freshUscc(), freshUscc(), freshUscc()];
    const job = await importAndWait(
      t.app,
      scjgAdmin,
      'new.csv',
      csvOf([
        headers,
        row(classed, { 信用风险分类: 'C', 行业风险: '' }),
        row(listed, { 信用风险分类: '', 行业风险: '', 白名单: '是' }),
        row(plain, { 信用风险分类: '', 行业风险: '市市场监督管理局:高' }),
      ]),
      'valid-only',
    );
    expect(job.problems.map((p) => `${p.row}:${p.field}`)).toEqual(['2:信用风险分类', '3:白名单']);
    expect(job.inserted).toBe(1);
    // Not even the platform administrator sets a class by hand.
    const byAdmin = await importAndWait(
      t.app,
      admin,
      'class.csv',
      csvOf([headers, row(plain, { 信用风险分类: 'A', 行业风险: '市市场监督管理局:高' })]),
      'valid-only',
    );
    expect(byAdmin.problems.map((p) => `${p.row}:${p.field}`)).toEqual(['2:信用风险分类']);
    const partial = csvOf([
      ['统一社会信用代码', '名称', '主体类型', '行政区划代码'],
      [plain, '日照归属部分列商贸有限公司', '企业', '371102'],
    ]);
    expect(await importAndWait(t.app, scjgAdmin, 'partial.csv', partial)).toMatchObject({ updated: 1, rejected: 0 });
    expect((await stored([plain]))[0]).toMatchObject({ credit_class: null, name: '日照归属部分列商贸有限公司' });
  });

  it('refuses a risk level for a department that does not exist, even from the platform admin', async () => {
    const job = await importAndWait(
      t.app,
      admin,
      'unknown.csv',
      csvOf([headers, row(freshUscc(), { 行业风险: '市不存在局:高' })]),
      'valid-only',
    );
    expect(job.problems).toEqual([
      expect.objectContaining({
        row: 2,
        field: '行业风险',
        message: expect.stringContaining('“市不存在局”不是平台中的部门'),
      }),
    ]);
    expect(job.inserted).toBe(0);
  });

  it('judges a long file the same way once the stored values are read all at once (past the first 200 rows)', async () => {
    const usccs = Array.from({ length: 260 }, () => freshUscc());
    const seed = csvOf([headers, ...usccs.map((u) => row(u))]);
    expect(await importAndWait(t.app, admin, 'long-seed.csv', seed)).toMatchObject({ inserted: 260, rejected: 0 });
    const changed = csvOf([
      headers,
      ...usccs.map((u, n) =>
        n === 10 || n === 250
          ? row(u, { 信用风险分类: 'A' })
          : n === 251
            ? row(u, { 行业风险: '' })
            : n === 252
              ? row(u, { 行业风险: '市应急管理局:高;市市场监督管理局:低' })
              : row(u),
      ),
    ]);
    const job = await importAndWait(t.app, scjgAdmin, 'long.csv', changed, 'dry-run');
    expect(job.problems.map((p) => `${p.row}:${p.field}`)).toEqual([
      '12:信用风险分类',
      '252:信用风险分类',
      '253:行业风险',
    ]);
    expect(job).toMatchObject({ updated: 1, unchanged: 256, rejected: 3 });
  });
});
