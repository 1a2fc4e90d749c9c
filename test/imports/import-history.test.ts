import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { brokenUscc, csvOf, freshUscc, importAndWait, type JobView } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let scjgAdmin: Session;

// No credit class column: a department administrator may not set it (the credit office does).
const header = ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '行业代码', '成立日期'];
const row = (uscc: string, name: string) => [uscc, name, '企业', '371102', '5211', '2019-03-15'];
/** A subject file of `bad` rows whose code fails its check character, then `good` valid rows. */
function subjectFile(bad: number, good: number): Buffer {
  return csvOf([
    header,
    ...Array.from({ length: bad }, (_, i) => row(brokenUscc(freshUscc()), `日照历史导入${i}号商贸有限公司`)),
    ...Array.from({ length: good }, (_, i) => row(freshUscc(), `日照历史导入正确${i}号商贸有限公司`)),
  ]);
}
type HistoryJob = JobView & { kind: string };
const history = async (who: Session, kind?: string) => {
  const res = await call(t.app, who, 'GET', `/api/imports${kind ? `?kind=${kind}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HistoryJob[];
};

beforeAll(async () => {
  t = await testApp();
  scjgAdmin = await login(t.app, 'scjg_admin');
});
afterAll(() => t.app.close());

describe('import history', () => {
  it("keeps a finished job's error report downloadable from the history, in a later session and another process", async () => {
    const job = await importAndWait(t.app, scjgAdmin, '历史导入.csv', subjectFile(150, 1));
    expect(job).toMatchObject({ status: 'done', inserted: 1, rejected: 150, problemCount: 150 });
    const clean = await importAndWait(t.app, scjgAdmin, '无误导入.csv', subjectFile(0, 2));
    expect(clean.problemCount).toBe(0);

    // The page was left: a new session in a new app over the same database (the job's process state is gone).
    const later = await testApp();
    try {
      const session = await login(later.app, 'scjg_admin');
      const listed = (await call(later.app, session, 'GET', '/api/imports?kind=subjects')).json() as JobView[];
      const entry = listed.find((j) => j.id === job.id)!;
      // The history carries the first problems and the full count; the report has every one.
      expect(entry).toMatchObject({ status: 'done', fileName: '历史导入.csv', problemCount: 150 });
      expect(entry.problems).toHaveLength(100);
      expect(entry.problems[0]).toMatchObject({ row: 2, field: '统一社会信用代码' });
      expect(listed.find((j) => j.id === clean.id)?.problemCount).toBe(0);

      const csv = await call(later.app, session, 'GET', `/api/imports/${job.id}/errors.csv`);
      expect(csv.statusCode).toBe(200);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('行号,列名,内容,原因');
      expect(lines).toHaveLength(151);
      expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 150 }, (_, i) => i + 2));
      const xlsx = await call(later.app, session, 'GET', `/api/imports/${job.id}/errors.xlsx`);
      expect(xlsx.statusCode).toBe(200);
    } finally {
      await later.app.close();
    }
  });

  it('lists one register’s jobs when asked, and only the user’s own', async () => {
    const subjects = await history(scjgAdmin, 'subjects');
    expect(subjects.length).toBeGreaterThan(0);
    expect(subjects.every((j) => j.kind === 'subjects')).toBe(true);
    expect(await history(scjgAdmin, 'inspectors')).toEqual(
      (await history(scjgAdmin)).filter((j) => j.kind === 'inspectors'),
    );
    const yjgl = await login(t.app, 'yjgl_admin');
    const mine = new Set(subjects.map((j) => j.id));
    expect((await history(yjgl)).some((j) => mine.has(j.id))).toBe(false);
  });
});
