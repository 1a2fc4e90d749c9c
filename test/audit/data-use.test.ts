import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { testApp, type TestApp } from '../support/test-platform';

let t: TestApp;
let scjg: Session;
let yjgl: Session;
let lianxi: Session;
let scjgStaff: Session;

const template = (who: Session) =>
  call(t.app, who, 'GET', `/api/aggregation/templates/${encodeURIComponent('行政检查')}?format=csv`);

beforeAll(async () => {
  t = await testApp();
  [scjg, yjgl, lianxi, scjgStaff] = await Promise.all(
    ['scjg_admin', 'yjgl_admin', 'lianxi', 'scjg_staff'].map((u) => login(t.app, u)),
  );
});
afterAll(async () => {
  await t.app.close();
});

describe('数据使用记录', () => {
  it('lists who exported what; a department administrator sees the department’s users only', async () => {
    expect((await template(scjg)).statusCode).toBe(200);
    expect((await template(yjgl)).statusCode).toBe(200);
    const mine = await call(t.app, scjg, 'GET', '/api/audit/data-use?kind=export&pageSize=200');
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json().items as {
      actorName: string;
      departmentName: string;
      fileName: string | null;
      kind: string;
    }[];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.departmentName))).toEqual(new Set(['市市场监督管理局']));
    expect(items[0]).toMatchObject({ kind: 'export', fileName: '行政检查数据模板.csv' });
    const all = await call(t.app, lianxi, 'GET', '/api/audit/data-use?kind=export&pageSize=200');
    const departments = new Set(all.json().items.map((i: { departmentName: string }) => i.departmentName));
    expect(departments.has('市市场监督管理局') && departments.has('市应急管理局')).toBe(true);
    expect((await call(t.app, scjgStaff, 'GET', '/api/audit/data-use')).statusCode).toBe(403);
  });

  it('the CSV of the list is itself audited as an export', async () => {
    const csv = await call(t.app, lianxi, 'GET', '/api/audit/data-use.csv?kind=export');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('时间,类型,人员,部门,内容,行数,文件名,IP 地址');
    const latest = await call(t.app, lianxi, 'GET', '/api/audit/data-use?kind=export&pageSize=1');
    expect(latest.json().items[0]).toMatchObject({ fileName: '数据使用记录.csv', actorName: '王海燕' });
  });
});
