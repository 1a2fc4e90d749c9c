import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDivisionCsv } from '../../src/divisions/division-file';
import { divisionNames, loadDivisions } from '../../src/divisions/division.service';
import { AppError } from '../../src/shared/app-error';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let staff: Session;

beforeAll(async () => {
  t = await testApp();
  staff = await login(t.app, 'scjg_staff');
});
afterAll(() => t.app.close());

describe('行政区划: a table of their own, loaded per deployment', () => {
  it('the demo city loads its districts, and any signed-in user reads them in code order', async () => {
    const res = await call(t.app, staff, 'GET', '/api/divisions');
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { code: string; name: string; parent_code: string | null; level: string }[];
    expect(rows.find((d) => d.code === '371102')).toEqual({
      code: '371102',
      name: '东港区',
      parent_code: '371100',
      level: '区县',
    });
    expect(rows.map((d) => d.code)).toEqual([...rows.map((d) => d.code)].sort());
    expect((await call(t.app, null, 'GET', '/api/divisions')).statusCode).toBe(401);
  });

  it('a file loads all or nothing, with every bad row named; a reload renames by code', async () => {
    const csv = '区划代码,名称,上级代码,层级\n371102001,日照街道,371102,乡镇街道\n37110,坏代码,371102,乡镇\n';
    const error = await loadDivisions(t.deps.db, parseDivisionCsv(csv)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('第 2 行：区划代码“37110”应为 6、9 或 12 位数字');
    expect((error as AppError).message).toContain('第 2 行：层级“乡镇”应为');
    expect((await divisionNames(t.deps.db, ['371102001'])).size).toBe(0);

    await loadDivisions(
      t.deps.db,
      parseDivisionCsv('区划代码,名称,上级代码,层级\n371102001,日照街道,371102,乡镇街道\n'),
    );
    await loadDivisions(
      t.deps.db,
      parseDivisionCsv('区划代码,名称,上级代码,层级\n371102001,日照街道办事处,371102,乡镇街道\n'),
    );
    expect(await divisionNames(t.deps.db, ['371102001', '999999'])).toEqual(new Map([['371102001', '日照街道办事处']]));
  });

  it('a parent that is neither in the file nor loaded is refused; a wrong header is refused', async () => {
    await expect(
      loadDivisions(t.deps.db, parseDivisionCsv('区划代码,名称,上级代码,层级\n372000001,某街道,372000,乡镇街道\n')),
    ).rejects.toThrow('第 1 行：上级区划 372000 不存在');
    expect(() => parseDivisionCsv('code,name\n1,2\n')).toThrow('表头应为');
  });
});
