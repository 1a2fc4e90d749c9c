import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIdCard } from '../../src/demo/demo-seed';
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

const headers = [
  '执法证号',
  '姓名',
  '所属部门',
  '身份证号',
  '手机号',
  '发证日期',
  '有效期至',
  '执法领域',
  '状态',
  '每月可承担次数',
];
const row = (cert: string, overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    执法证号: cert,
    姓名: '导入人员',
    所属部门: '市市场监督管理局',
    身份证号: demoIdCard('371102', 40),
    手机号: '13906331234',
    发证日期: '2024-01-01',
    有效期至: '2029-01-01',
    执法领域: '市场监管',
    状态: '在岗',
    每月可承担次数: '15',
    ...overrides,
  };
  return headers.map((h) => values[h]!);
};
const cert = () => `测试证第${unique().tag}号`;

describe('inspector import', () => {
  it('rejects every bad row in all-or-nothing mode, then imports the fixed file and is idempotent', async () => {
    const [a, b, c] = [cert(), cert(), cert()];
    const bad = [
      headers,
      row(a),
      row(b, { 所属部门: '不存在的局' }),
      row(c, { 有效期至: '2023-01-01' }),
      row(cert(), { 身份证号: '' }),
    ];
    const rejected = await importAndWait(t.app, admin, '人员.xlsx', await xlsxOf(bad), 'all-or-nothing', 'inspectors');
    expect(rejected).toMatchObject({ committed: false, inserted: 0, rejected: 3 });
    expect(rejected.problems.map((p) => `${p.row}:${p.field}`).sort()).toEqual([
      '3:所属部门',
      '4:有效期至',
      '5:身份证号',
    ]);
    const fixed = [headers, row(a), row(b), row(c)];
    expect(
      await importAndWait(t.app, admin, '人员.xlsx', await xlsxOf(fixed), 'all-or-nothing', 'inspectors'),
    ).toMatchObject({ committed: true, inserted: 3, rejected: 0 });
    expect(
      await importAndWait(t.app, admin, '人员.xlsx', await xlsxOf(fixed), 'valid-only', 'inspectors'),
    ).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const listed = (await call(t.app, admin, 'GET', `/api/inspectors?q=${encodeURIComponent(a)}`)).json().items[0];
    expect(listed).toMatchObject({ certificateNo: a, departmentName: '市市场监督管理局', capacityPerMonth: 15 });
    expect(listed.idCardMasked).toMatch(/^371102\*{8}/);
  });

  it('updates only what changed and keeps the stored ID number when the cell is empty', async () => {
    const a = cert();
    await importAndWait(t.app, admin, 'a.csv', csvOf([headers, row(a)]), 'valid-only', 'inspectors');
    const job = await importAndWait(
      t.app,
      admin,
      'a.csv',
      csvOf([headers, row(a, { 身份证号: '', 每月可承担次数: '30' })]),
      'valid-only',
      'inspectors',
    );
    expect(job).toMatchObject({ inserted: 0, updated: 1 });
    const after = (await call(t.app, admin, 'GET', `/api/inspectors?q=${encodeURIComponent(a)}`)).json().items[0];
    expect(after.capacityPerMonth).toBe(30);
    expect(after.idCardMasked).toMatch(/^371102\*{8}/);
  });

  it('rejects a row whose 抽查事项资格 names a sampling item that does not exist', async () => {
    const withCodes = [...headers, '抽查事项资格'];
    const [good, bad] = [cert(), cert()];
    const file = csvOf([withCodes, [...row(good), 'SCJG-CC-01'], [...row(bad), 'SCJG-CC-01,NO-SUCH-9']]);
    const job = await importAndWait(t.app, admin, 'q.csv', file, 'valid-only', 'inspectors');
    expect(job).toMatchObject({ inserted: 1, rejected: 1 });
    expect(job.problems[0]).toMatchObject({ row: 3, field: '抽查事项资格' });
    expect(job.problems[0]!.message).toContain('NO-SUCH-9');
    expect(job.problems[0]!.message).not.toContain('SCJG-CC-01');
  });

  it("keeps a department administrator to its own department's inspectors", async () => {
    const scjgAdmin = await login(t.app, 'scjg_admin');
    const job = await importAndWait(
      t.app,
      scjgAdmin,
      'b.csv',
      csvOf([headers, row(cert()), row(cert(), { 所属部门: '市应急管理局' })]),
      'valid-only',
      'inspectors',
    );
    expect(job).toMatchObject({ inserted: 1, rejected: 1 });
    expect(job.problems[0]).toMatchObject({ row: 3, field: '所属部门', message: '只能导入本部门的执法检查人员' });
  });

  it('exports the register in the template columns, without ID numbers, and re-imports unchanged', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/inspectors/export.xlsx?status=在岗',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRowsOf(res.rawPayload);
    expect(rows[0]).toEqual([...headers.slice(0, 8), '抽查事项资格', '状态', '每月可承担次数']);
    expect(rows.slice(1).every((r) => (r[3] ?? '') === '')).toBe(true);
    const again = await importAndWait(t.app, admin, 'export.xlsx', res.rawPayload, 'valid-only', 'inspectors');
    expect(again).toMatchObject({ rejected: 0, inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(rows.length - 1);
  });

  it('exports exactly what the list shows for the same filters (certificate state, name or certificate number)', async () => {
    for (const filter of ['certificate=expired', `q=${encodeURIComponent('鲁日执字第01')}`]) {
      const list = (await call(t.app, admin, 'GET', `/api/inspectors?${filter}&pageSize=200`)).json();
      const exported = await t.app.inject({
        method: 'GET',
        url: `/api/inspectors/export.xlsx?${filter}`,
        headers: admin.headers,
      });
      const rows = await xlsxRowsOf(exported.rawPayload);
      expect(list.total, filter).toBeGreaterThan(0);
      expect(
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
        filter,
      ).toEqual(list.items.map((i: { certificateNo: string }) => i.certificateNo).sort());
    }
  });
});
