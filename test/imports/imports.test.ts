import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import {
  brokenUscc,
  csvOf,
  freshUscc,
  gb18030,
  importAndWait,
  type JobView,
  sha256,
  SUBJECT_HEADERS,
  uploadFile,
  xlsxOf,
  xlsxRowsOf,
} from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

const required = ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '行业代码', '成立日期', '信用风险分类'];
const row = (uscc: string, overrides: Partial<Record<string, string>> = {}): string[] => {
  const values: Record<string, string> = {
    统一社会信用代码: uscc,
    名称: `日照导入${uscc.slice(10, 16)}商贸有限公司`,
    主体类型: '企业',
    行政区划代码: '371102',
    行业代码: '5211,5212',
    成立日期: '2019-03-15',
    信用风险分类: '',
    ...overrides,
  };
  return required.map((h) => values[h]!);
};

const subjectsWith = async (usccs: string[]) =>
  t.deps.db.selectFrom('subjects').selectAll().where('uscc', 'in', usccs).execute();
const auditRows = async () =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(t.deps.db)).rows[0]!.n);
const problemKeys = (job: JobView) => job.problems.map((p) => `${p.row}:${p.field}`).sort();

/** Two good rows around one bad row of each kind (bad USCC, date, industry, missing name, duplicate, bad enum). */
function mixedFile() {
  const good = [freshUscc(), freshUscc()];
  const bad = [freshUscc(), freshUscc(), freshUscc(), freshUscc()];
  const rows = [
    required,
    row(good[0]!),
    row(brokenUscc(freshUscc())),
    row(bad[0]!, { 成立日期: '2023-02-30' }),
    row(bad[1]!, { 行业代码: '5211,9999' }),
    row(bad[2]!, { 名称: '' }),
    row(good[0]!, { 名称: '日照重复行商贸有限公司' }),
    row(bad[3]!, { 主体类型: '公司' }),
    row(good[1]!),
  ];
  const expected = ['3:统一社会信用代码', '4:成立日期', '5:行业代码', '6:名称', '7:统一社会信用代码', '8:主体类型'];
  return { rows, good, bad, expected };
}

describe('subject import', () => {
  it('all-or-nothing writes nothing and reports every bad row with row and column; valid-only writes exactly the good rows', async () => {
    const file = mixedFile();
    const data = await xlsxOf(file.rows);
    const auditBefore = await auditRows();

    const strict = await importAndWait(t.app, admin, '监管对象.xlsx', data, 'all-or-nothing');
    expect(strict).toMatchObject({
      status: 'done',
      committed: false,
      processedRows: 8,
      rejected: 6,
      inserted: 0,
      updated: 0,
    });
    expect(problemKeys(strict)).toEqual(file.expected);
    expect(strict.problems.find((p) => p.row === 7)!.message).toContain('与第 2 行重复');
    expect(strict.problems.find((p) => p.row === 4)).toMatchObject({
      value: '2023-02-30',
      message: '日期 2023-02-30 不存在',
    });
    expect(strict.problems.find((p) => p.row === 5)!.message).toContain('9999');
    expect(strict.problems.find((p) => p.row === 8)!.message).toContain('企业、个体工商户');
    expect(await subjectsWith([...file.good, ...file.bad])).toEqual([]);
    expect(await auditRows()).toBe(auditBefore);

    const dry = await importAndWait(t.app, admin, '监管对象.xlsx', data, 'dry-run');
    expect(dry).toMatchObject({ status: 'done', committed: false, inserted: 2, updated: 0, rejected: 6 });
    expect(await subjectsWith(file.good)).toEqual([]);

    const lenient = await importAndWait(t.app, admin, '监管对象.xlsx', data, 'valid-only');
    expect(lenient).toMatchObject({
      status: 'done',
      committed: true,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 6,
    });
    expect(problemKeys(lenient)).toEqual(file.expected);
    const written = await subjectsWith([...file.good, ...file.bad]);
    expect(written.map((s) => s.uscc).sort()).toEqual([...file.good].sort());
    expect(written[0]).toMatchObject({
      kind: '企业',
      division_code: '371102',
      industry_codes: ['5211', '5212'],
      registration_date: '2019-03-15',
      credit_class: null,
    });
    expect(await auditRows()).toBe(auditBefore + 1);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', lenient.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'import.subjects', entity_type: 'import_job' });
    expect(entry.changes).toMatchObject({
      fileSha256: [null, sha256(data)],
      inserted: [null, 2],
      rejected: [null, 6],
      fileName: [null, '监管对象.xlsx'],
    });
  });

  it('re-importing the same file changes nothing; changing one field updates one row; only the job is audited', async () => {
    const usccs = [freshUscc(), freshUscc(), freshUscc()];
    const data = csvOf([required, ...usccs.map((u) => row(u))]);
    expect(await importAndWait(t.app, admin, 'a.csv', data)).toMatchObject({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const before = await subjectsWith(usccs);
    const auditBefore = await auditRows();

    const again = await importAndWait(t.app, admin, 'a.csv', data);
    expect(again).toMatchObject({
      status: 'done',
      inserted: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
      committed: true,
    });
    expect(await subjectsWith(usccs)).toEqual(before);
    expect(await auditRows()).toBe(auditBefore + 1);

    const changed = csvOf([required, row(usccs[0]!), row(usccs[1]!, { 成立日期: '2020-01-01' }), row(usccs[2]!)]);
    expect(await importAndWait(t.app, admin, 'b.csv', changed)).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 2,
    });
    const after = await subjectsWith(usccs);
    const byUscc = new Map(after.map((s) => [s.uscc, s]));
    expect(byUscc.get(usccs[1]!)!.registration_date).toBe('2020-01-01');
    expect(byUscc.get(usccs[0]!)!.updated_at).toEqual(before.find((s) => s.uscc === usccs[0])!.updated_at);
  });

  it('updates only the columns in the file, and keeps a flagged code only when 保留有疑问代码 is 是', async () => {
    const uscc = freshUscc();
    const flagged = brokenUscc(freshUscc());
    const full = csvOf([
      [...required, '白名单', '重点抽查对象', '重点抽查原因', '保留有疑问代码'],
      [...row(uscc), '否', '是', '曾被查实存在违法违规行为', '否'],
      [...row(flagged), '否', '否', '', '是'],
    ]);
    expect(await importAndWait(t.app, admin, 'full.csv', full)).toMatchObject({ inserted: 2, rejected: 0 });
    const kept = (await subjectsWith([flagged]))[0]!;
    expect(kept.uscc_problem).toContain('第 18 位校验码错误');
    const refused = await importAndWait(t.app, admin, 'refused.csv', csvOf([required, row(flagged)]));
    expect(refused.problems[0]!.message).toContain('保留有疑问代码');

    const partial = csvOf([
      ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '成立日期'],
      [uscc, `日照导入${uscc.slice(10, 16)}商贸有限公司`, '企业', '371102', '2021-06-01'],
    ]);
    expect(await importAndWait(t.app, admin, 'partial.csv', partial)).toMatchObject({ updated: 1 });
    // A class in the file is refused: classes come from the credit evaluation.
    const classed = csvOf([
      ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '信用风险分类'],
      [uscc, `日照导入${uscc.slice(10, 16)}商贸有限公司`, '企业', '371102', 'A'],
    ]);
    const refusedClass = await importAndWait(t.app, admin, 'classed.csv', classed);
    expect(refusedClass.problems[0]!.message).toContain('信用风险分类由公共信用综合评价产生');
    expect((await subjectsWith([uscc]))[0]).toMatchObject({
      credit_class: null,
      registration_date: '2021-06-01',
      key_target: true,
      key_target_reason: '曾被查实存在违法违规行为',
      name: `日照导入${uscc.slice(10, 16)}商贸有限公司`,
    });
  });

  it('rejects a file whose headers are unknown or lack a required column, naming them', async () => {
    const job = await importAndWait(
      t.app,
      admin,
      'bad.csv',
      csvOf([
        ['统一社会信用代码', '主体类型', '行政区划代码', '电话'],
        [freshUscc(), '企业', '371102', '13800000000'],
      ]),
    );
    expect(job.status).toBe('failed');
    expect(job.error).toContain('未知的列“电话”');
    expect(job.error).toContain('缺少必填列“名称”');
    expect(problemKeys(job)).toEqual(['1:名称', '1:电话']);
    const together = await importAndWait(
      t.app,
      admin,
      'together.csv',
      csvOf([
        [...required, '白名单'],
        [...row(freshUscc()), '是'],
      ]),
    );
    expect(together.error).toContain('须同时提供');
  });

  it('error reports download as XLSX and CSV with row, column, content and reason', async () => {
    const file = mixedFile();
    const job = await importAndWait(t.app, admin, 'report.csv', csvOf(file.rows), 'dry-run');
    const xlsx = await call(t.app, admin, 'GET', `/api/imports/${job.id}/errors.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('导入错误报告-report.xlsx'));
    const rows = await xlsxRowsOf(xlsx.rawPayload);
    expect(rows[0]).toEqual(['行号', '列名', '内容', '原因']);
    expect(
      rows
        .slice(1)
        .map((r) => `${r[0]}:${r[1]}`)
        .sort(),
    ).toEqual(file.expected);
    const csv = await call(t.app, admin, 'GET', `/api/imports/${job.id}/errors.csv`);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('行号,列名,内容,原因');
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.startsWith('4,'))).toBe('4,成立日期,2023-02-30,日期 2023-02-30 不存在');

    const other = await login(t.app, 'scjg_admin');
    expect((await call(t.app, other, 'GET', `/api/imports/${job.id}`)).statusCode).toBe(403);
    expect((await call(t.app, other, 'GET', `/api/imports/${job.id}/errors.csv`)).statusCode).toBe(403);
  });

  it('serves templates with the Chinese headers, a guide sheet and an example row that imports', async () => {
    const xlsx = await call(t.app, admin, 'GET', '/api/imports/templates/subjects.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const rows = await xlsxRowsOf(xlsx.rawPayload);
    expect(rows[0]).toEqual(SUBJECT_HEADERS);
    expect(rows).toHaveLength(2);
    const guide = await xlsxRowsOf(xlsx.rawPayload, 2);
    expect(guide[0]).toEqual(['列名', '是否必填', '填写要求', '示例']);
    expect(guide.find((r) => r[0] === '主体类型')![2]).toContain('个体工商户');
    const csv = await call(t.app, admin, 'GET', '/api/imports/templates/subjects.csv');
    expect(csv.body.startsWith(`\uFEFF${SUBJECT_HEADERS.join(',')}\r\n`)).toBe(true);
    const dry = await importAndWait(t.app, admin, 'template.xlsx', xlsx.rawPayload, 'dry-run');
    expect(dry).toMatchObject({ processedRows: 1, rejected: 0, inserted: 1 });
  });

  it('exports every matching subject (XLSX and CSV) and the export re-imports unchanged', async () => {
    const { n } = await t.deps.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const xlsx = await call(t.app, admin, 'GET', '/api/subjects/export.xlsx');
    expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
    const rows = await xlsxRowsOf(xlsx.rawPayload);
    expect(rows[0]).toEqual(SUBJECT_HEADERS);
    expect(rows.length - 1).toBe(Number(n));
    const back = await importAndWait(t.app, admin, 'export.xlsx', xlsx.rawPayload, 'all-or-nothing');
    expect(back).toMatchObject({ status: 'done', rejected: 0, inserted: 0, updated: 0, unchanged: Number(n) });

    // A division with D-class subjects (which one depends on the demo city's evaluation).
    const { division_code: division } = await t.deps.db
      .selectFrom('subjects')
      .select('division_code')
      .where('credit_class', '=', 'D')
      .orderBy('division_code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const csv = await call(t.app, admin, 'GET', `/api/subjects/export.csv?division=${division}&creditClass=D`);
    const expected = await t.deps.db
      .selectFrom('subjects')
      .select('uscc')
      .where('division_code', '=', division)
      .where('credit_class', '=', 'D')
      .execute();
    const lines = csv.body.trim().split('\r\n');
    expect(lines.length - 1).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    const csvBack = await importAndWait(t.app, admin, 'export.csv', Buffer.from(csv.body), 'valid-only');
    expect(csvBack).toMatchObject({ rejected: 0, inserted: 0, updated: 0, unchanged: expected.length });
    expect((await call(t.app, admin, 'GET', `/api/subjects/export.csv?q=${encodeURIComponent('日')}`)).statusCode).toBe(
      400,
    );
  });

  it('decodes a GB18030 CSV (as Excel on Chinese Windows saves it)', async () => {
    const uscc = freshUscc();
    const name = '日照市东港区海曲路鑫源食品经营部';
    const job = await importAndWait(
      t.app,
      admin,
      'gbk.csv',
      gb18030(`${required.join(',')}\r\n${row(uscc, { 名称: name, 行业代码: '5211' }).join(',')}\r\n`),
    );
    expect(job).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await subjectsWith([uscc]))[0]!.name).toBe(name);
  });

  it('counts progress up to the total for a file of several batches', async () => {
    const data = csvOf([required, ...Array.from({ length: 2500 }, () => row(freshUscc()))]);
    const job = await importAndWait(t.app, admin, 'big.csv', data);
    expect(job).toMatchObject({ status: 'done', totalRows: 2500, processedRows: 2500, percent: 100, inserted: 2500 });
    expect(job.rowsPerSecond).toBeGreaterThan(0);
  });

  it('needs the write permission to import, and a multipart file', async () => {
    const inspector = await login(t.app, 'scjg_jc01');
    expect((await uploadFile(t.app, inspector, '/api/imports/subjects', 'x.csv', csvOf([required]))).statusCode).toBe(
      403,
    );
    expect(
      (await call(t.app, inspector, 'GET', '/api/subjects/export.csv?division=371121&creditClass=D')).statusCode,
    ).toBe(200);
    const notMultipart = await call(t.app, admin, 'POST', '/api/imports/subjects', { file: 'x' });
    expect(notMultipart.statusCode).toBe(422);
    const list = (await call(t.app, admin, 'GET', '/api/imports')).json() as JobView[];
    expect(list.length).toBeGreaterThan(0);
  });
});
