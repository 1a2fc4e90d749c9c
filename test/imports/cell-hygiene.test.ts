import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session } from '../support/http';
import { csvOf, freshUscc, importAndWait } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

const header = [
  '统一社会信用代码',
  '名称',
  '主体类型',
  '行政区划代码',
  '行业代码',
  '成立日期',
  '信用风险分类',
  '法定代表人',
];
const row = (uscc: string, name: string, legal = '厉明') => [
  uscc,
  name,
  '企业',
  '371102',
  '5211',
  '2019-03-15',
  '',
  legal,
];
const subjects = (usccs: string[]) =>
  t.deps.db.selectFrom('subjects').select(['uscc', 'name']).where('uscc', 'in', usccs).execute();

describe('imported cells with characters no text column stores', () => {
  it('a NUL character in a CSV cell is a field error of its row; the other rows are imported', async () => {
    const good = freshUscc();
    const bad = [freshUscc(), freshUscc()];
    const file = csvOf([
      header,
      row(good, '日照净洁商贸有限公司'),
      row(bad[0]!, '日照\u0000空字符商贸有限公司'),
      row(bad[1]!, '日照空字符二商贸有限公司', '厉\u0000明'),
    ]);
    const job = await importAndWait(t.app, admin, 'nul.csv', file, 'valid-only');
    expect(job.status, job.error ?? '').toBe('done');
    expect(job.inserted).toBe(1);
    expect(job.rejected).toBe(2);
    expect(job.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [3, '名称', '单元格含有不允许的字符（空字符），请删除后重新导入'],
      [4, '法定代表人', '单元格含有不允许的字符（空字符），请删除后重新导入'],
    ]);
    // What the report shows of the cell is the text without the character.
    expect(job.problems[0]!.value).toBe('日照空字符商贸有限公司');
    expect((await subjects([good, ...bad])).map((s) => s.uscc)).toEqual([good]);
  });
});
