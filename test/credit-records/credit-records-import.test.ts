import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshKeys } from '../support/factories/record.factory';
import { call, login, type Session } from '../support/http';
import { csvOf, importAndWait, xlsxOf, xlsxRowsOf } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let staff: Session;

beforeAll(async () => {
  t = await testApp();
  staff = await login(t.app, 'scjg_staff');
});
afterAll(async () => {
  await t.app.close();
});

const HEADERS = [
  '业务系统记录编号',
  '操作（列入/移出）',
  '统一社会信用代码',
  '主体名称',
  '记录类别',
  '认定部门',
  '认定日期',
  '事由',
  '依据文号',
  '移出日期',
];
function row(over: Partial<Record<string, string>> = {}): string[] {
  const k = freshKeys();
  const values: Record<string, string> = {
    业务系统记录编号: `YC-${k.n}`,
    '操作（列入/移出）': '列入',
    统一社会信用代码: k.uscc,
    主体名称: `日照批量信用测试有限公司${k.n}`,
    记录类别: '经营异常名录',
    认定部门: '日照市市场监督管理局',
    认定日期: '2026-09-01',
    事由: '未按规定期限公示年度报告',
    依据文号: `日市监异〔2026〕${k.n}号`,
    移出日期: '',
    ...over,
  };
  return HEADERS.map((h) => values[h]!);
}

describe('batch files of credit records (import kind credit-records)', () => {
  it('imports the good rows, refuses a bad row with its row and column; again all unchanged; a 移出 row ends the record', async () => {
    const template = await call(t.app, staff, 'GET', '/api/imports/templates/credit-records.xlsx');
    expect(template.statusCode).toBe(200);
    expect((await xlsxRowsOf(template.rawPayload))[0]).toContain('记录类别');
    const good = [row(), row({ 记录类别: '年报未报' })];
    const bad = row({ 记录类别: '黑名单', 认定日期: '2026-13-45' });
    const file = await xlsxOf([HEADERS, ...good, bad]);
    const first = await importAndWait(t.app, staff, '信用记录.xlsx', file, 'valid-only', 'credit-records');
    expect(first).toMatchObject({ status: 'done', inserted: 2, rejected: 1 });
    expect(first.problems.map((p) => [p.row, p.field]).sort()).toEqual([
      [4, '认定日期'],
      [4, '记录类别'],
    ]);
    const again = await importAndWait(
      t.app,
      staff,
      '信用记录.csv',
      csvOf([HEADERS, ...good]),
      'valid-only',
      'credit-records',
    );
    expect(again).toMatchObject({ status: 'done', inserted: 0, unchanged: 2 });
    const removal = csvOf([
      HEADERS,
      [...good[0]!.slice(0, 1), '移出', ...good[0]!.slice(2, 9), '2026-11-01'],
      row({ '操作（列入/移出）': '移出', 移出日期: '2026-11-01' }),
    ]);
    const third = await importAndWait(t.app, staff, '移出.csv', removal, 'valid-only', 'credit-records');
    expect(third).toMatchObject({ status: 'done', updated: 1, rejected: 1 });
    expect(third.problems[0]).toMatchObject({ field: '业务系统记录编号' });
    const stored = await t.deps.db
      .selectFrom('credit_records')
      .select(['status', 'status_on', 'channel', 'version'])
      .where('uscc', '=', good[0]![2]!)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: '已移出', status_on: '2026-11-01', channel: '批量', version: 2 });
  });
});
