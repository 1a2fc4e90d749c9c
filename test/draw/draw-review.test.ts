import { excel } from '../../src/imports/exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { afterTheDraw, drawsAtIn } from './draw-fixtures';
import { sha256Hex } from '../../web/src/features/draws/sha256';
import { compositeRisk } from '../../src/risk-assessment/composite-risk';

const ExcelJS = excel();

let t: TestApp;
let lianxi: Session;
let scjgAdmin: Session;
let itemIds: number[];

beforeAll(async () => {
  t = await testApp();
  // Spring 2026: the windows below lie ahead (a commitment to a window already past is refused).
  setChinaTime(t, '2026-04-20T10:00:00');
  [lianxi, scjgAdmin] = await Promise.all(['lianxi', 'scjg_admin'].map((u) => login(t.app, u)));
  // Items of three departments on restaurants (GB/T 4754 division 62) and food shops, whose samples overlap.
  const rows = await t.deps.db
    .selectFrom('sampling_items')
    .select(['id', 'department_id'])
    .where('code', 'in', ['SCJG-CC-01', 'SCJG-CC-02', 'CSGL-CC-01', 'XFJY-CC-01'])
    .execute();
  itemIds = rows.map((r) => r.id);
  expect(itemIds).toHaveLength(4);
  expect(new Set(rows.map((r) => r.department_id)).size).toBe(3);
});
afterAll(async () => {
  await t.app.close();
});

const keyString = '9319./2.5.8.10.12./9.18.26.34.41.45./';

interface Review {
  current: boolean;
  announcement: { title: string } | null;
  visits: { merged: number; unmergedSelections: number; independentExpected: number; lowerBound: number };
  visitsPerEnterprise: { visits: number; unmerged: number; merged: number }[];
  departmentsPerTask: { departments: number; tasks: number }[];
  joint: { tasks: number; share: number };
  inspectorLoad: { inspectors: number; assignments: number; histogram: { tasks: number; inspectors: number }[] };
  byDivision: { code: string; name: string; tasks: number }[];
  byCreditClass: { creditClass: string; tasks: number }[];
  byRiskLevel: { riskLevel: string; tasks: number }[];
  byDepartment: { id: number; tasks: number }[];
  statuses: Record<string, number>;
}
interface RecordView {
  recordNo: string;
  measures: { tasks: number; selections: number; tasksByDepartmentCount: number[] };
  tasks: { uscc: string }[];
}

async function drawRound(title: string) {
  const round = await call(t.app, lianxi, 'POST', '/api/draws', {
    title,
    year: 2026,
    window: { from: '2026-05-01', to: '2026-07-31' },
    samplingItemIds: itemIds,
    design: 'fixed',
    entropy: { kind: 'lottery', description: '福彩双色球开奖号码（三组）', sources: 3, drawsAt: drawsAtIn(t.clock) },
  });
  expect(round.statusCode, round.body).toBe(200);
  const roundNo = (round.json() as { roundNo: string }).roundNo;
  afterTheDraw(t.clock);
  const record = await call(t.app, lianxi, 'POST', `/api/draws/${roundNo}/records`, {
    reveal: { kind: 'lottery', keyString },
  });
  expect(record.statusCode, record.body).toBe(200);
  return { roundNo, record: record.json() as RecordView };
}

describe('draw review and task announcements', () => {
  let roundNo: string;
  let first: RecordView;
  let current: RecordView;

  it('reviews a record: figures agree with its tasks, merged visits never exceed unmerged ones', async () => {
    ({ roundNo, record: first } = await drawRound('2026 年第三季度跨部门联合抽查'));
    const res = await call(t.app, lianxi, 'GET', `/api/draw-records/${first.recordNo}/review`);
    expect(res.statusCode, res.body).toBe(200);
    const review = res.json() as Review;
    const tasks = first.measures.tasks;
    expect(tasks).toBeGreaterThan(0);
    expect(review.current).toBe(true);
    expect(review.announcement).toBeNull();
    expect(review.statuses).toEqual({ 待发布: tasks });
    expect(review.visits.merged).toBe(tasks);
    expect(review.visits.unmergedSelections).toBe(first.measures.selections);
    expect(review.visits.merged).toBeLessThanOrEqual(review.visits.unmergedSelections);
    // (Merged visits against Σ max π is the engine's property, tested with the engine; it varies with the seed.)
    expect(review.visits.lowerBound).toBe(
      (await call(t.app, lianxi, 'GET', `/api/draw-records/${first.recordNo}`)).json().measures.lowerBound,
    );
    expect(review.visits.independentExpected).toBeGreaterThanOrEqual(review.visits.lowerBound);
    // Every histogram adds up to the tasks.
    const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
    expect(sum(review.visitsPerEnterprise, (r) => r.unmerged)).toBe(tasks);
    expect(sum(review.visitsPerEnterprise, (r) => r.merged)).toBe(tasks);
    expect(sum(review.visitsPerEnterprise, (r) => r.visits * r.unmerged)).toBe(review.visits.unmergedSelections);
    expect(sum(review.departmentsPerTask, (r) => r.tasks)).toBe(tasks);
    expect(review.departmentsPerTask.map((r) => r.tasks)).toEqual(first.measures.tasksByDepartmentCount.slice(1));
    expect(review.joint.tasks).toBe(
      sum(
        review.departmentsPerTask.filter((r) => r.departments > 1),
        (r) => r.tasks,
      ),
    );
    expect(review.joint.share).toBeCloseTo(review.joint.tasks / tasks, 10);
    expect(review.joint.tasks).toBeGreaterThan(0);
    expect(review.visits.merged).toBeLessThan(review.visits.unmergedSelections);
    expect(sum(review.byDivision, (r) => r.tasks)).toBe(tasks);
    expect(review.byDivision.every((d) => d.name !== d.code)).toBe(true);
    expect(sum(review.byCreditClass, (r) => r.tasks)).toBe(tasks);
    // Composite industry risk: the highest department level of each task's subject.
    expect(sum(review.byRiskLevel, (r) => r.tasks)).toBe(tasks);
    const risks = await sql<{
      levels: Record<string, string>;
    }>`SELECT s.industry_risk AS levels FROM inspection_tasks t JOIN subjects s ON s.id = t.subject_id JOIN draw_records r ON r.id = t.draw_record_id WHERE r.record_no = ${first.recordNo}`.execute(
      t.deps.db,
    );
    const expected = new Map<string, number>();
    for (const r of risks.rows) {
      const level = compositeRisk(r.levels) ?? '未评估';
      expected.set(level, (expected.get(level) ?? 0) + 1);
    }
    expect(new Map(review.byRiskLevel.map((r) => [r.riskLevel, r.tasks]))).toEqual(expected);
    expect(sum(review.inspectorLoad.histogram, (r) => r.inspectors)).toBe(review.inspectorLoad.inspectors);
    expect(sum(review.inspectorLoad.histogram, (r) => r.tasks * r.inspectors)).toBe(review.inspectorLoad.assignments);
    const assignments = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM inspection_task_inspectors tp JOIN inspection_tasks t ON t.id = tp.task_id JOIN draw_records r ON r.id = t.draw_record_id WHERE r.record_no = ${first.recordNo}`.execute(
      t.deps.db,
    );
    expect(review.inspectorLoad.assignments).toBe(Number(assignments.rows[0]!.n));
    expect(review.byDepartment).toHaveLength(3);
    // Department staff without the draw right cannot read it.
    const staff = await login(t.app, 'scjg_staff');
    expect((await call(t.app, staff, 'GET', `/api/draw-records/${first.recordNo}/review`)).statusCode).toBe(403);
  });

  it('publishes only the current record, only once, with the right; its tasks become 已发布 and the publication is audited', async () => {
    const redraw = await call(t.app, lianxi, 'POST', `/api/draws/${roundNo}/records`, {
      reveal: { kind: 'lottery', keyString: '1.2./3./4.5./' },
      redrawReason: '开奖号码录入有误，经联席会议办公室确认后重新录入',
    });
    expect(redraw.statusCode, redraw.body).toBe(200);
    // The draw answers without its task list; the record holds it.
    current = (
      await call(t.app, lianxi, 'GET', `/api/draw-records/${(redraw.json() as RecordView).recordNo}`)
    ).json() as RecordView;
    const old = await call(t.app, lianxi, 'POST', `/api/draw-records/${first.recordNo}/publish`, {});
    expect(old.statusCode).toBe(409);
    expect(old.body).toContain('只能发布本轮当前记录');
    expect((await call(t.app, scjgAdmin, 'POST', `/api/draw-records/${current.recordNo}/publish`, {})).statusCode).toBe(
      403,
    );
    expect((await call(t.app, lianxi, 'POST', '/api/draw-records/CQ2026-9999-0001/publish', {})).statusCode).toBe(404);
    const res = await call(t.app, lianxi, 'POST', `/api/draw-records/${current.recordNo}/publish`, {});
    expect(res.statusCode, res.body).toBe(200);
    const published = res.json() as { title: string; taskCount: number; superseded: boolean };
    expect(published.title).toBe('2026 年第三季度跨部门联合抽查任务公告');
    expect(published.taskCount).toBe(current.measures.tasks);
    expect(published.superseded).toBe(false);
    const again = await call(t.app, lianxi, 'POST', `/api/draw-records/${current.recordNo}/publish`, {
      title: '再发一次的任务公告',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('不能重复发布');
    const review = (await call(t.app, lianxi, 'GET', `/api/draw-records/${current.recordNo}/review`)).json() as Review;
    expect(review.statuses).toEqual({ 已发布: current.measures.tasks });
    expect(review.announcement?.title).toBe(published.title);
    const oldReview = (await call(t.app, lianxi, 'GET', `/api/draw-records/${first.recordNo}/review`)).json() as Review;
    expect(oldReview.current).toBe(false);
    expect(oldReview.statuses).toEqual({ 已作废: first.measures.tasks });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('entity_id', '=', current.recordNo)
      .where('action', '=', 'task_announcement.publish')
      .execute();
    expect(audit).toEqual([{ action: 'task_announcement.publish', entity_type: 'task_announcement' }]);
    await expect(sql`UPDATE task_announcements SET title = 'x'`.execute(t.deps.db)).rejects.toThrow(/不能修改或删除/);
  });

  it('the public announcement shows names, USCCs, departments and items, never a credit class, risk, π or an inspector', async () => {
    const list = await call(t.app, null, 'GET', '/api/public/task-announcements');
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json() as {
      total: number;
      items: { recordNo: string; roundNo: string; departments: string[] }[];
    };
    const mine = page.items.find((a) => a.recordNo === current.recordNo)!;
    expect(mine.roundNo).toBe(roundNo);
    expect(mine.departments).toHaveLength(3);
    expect(page.items.some((a) => a.recordNo === first.recordNo)).toBe(false);

    type Detail = {
      tasks: {
        total: number;
        items: { subjectName: string; uscc: string; departments: { name: string; items: { name: string }[] }[] }[];
      };
      departmentOptions: { id: number }[];
    };
    // Every page of the announcement (the number of tasks depends on the seed, so it may exceed one page).
    const pages: { body: string; detail: Detail }[] = [];
    for (let n = 1; n === 1 || (n - 1) * 200 < pages[0]!.detail.tasks.total; n += 1) {
      const res = await call(
        t.app,
        null,
        'GET',
        `/api/public/task-announcements/${current.recordNo}?pageSize=200&page=${n}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      pages.push({ body: res.body, detail: res.json() as Detail });
    }
    const detail = pages[0]!.detail;
    const all = pages.flatMap((p) => p.detail.tasks.items);
    expect(detail.tasks.total).toBe(current.measures.tasks);
    expect(new Set(all.map((x) => x.uscc))).toEqual(new Set(current.tasks.map((x) => x.uscc)));
    expect(
      all.every(
        (x) => x.subjectName.length > 0 && x.departments.length > 0 && x.departments.every((d) => d.items.length > 0),
      ),
    ).toBe(true);
    for (const { body } of pages)
      expect(body).not.toMatch(
        /信用|creditClass|credit|A类|B类|C类|D类|stratum|"pi"|risk|inspector|检查人员|certificate|idCard|phone/i,
      );
    for (const body of [list.body]) expect(body).not.toMatch(/信用|creditClass|stratum|inspector/i);

    const filtered = (
      await call(
        t.app,
        null,
        'GET',
        `/api/public/task-announcements/${current.recordNo}?departmentId=${detail.departmentOptions[0]!.id}&pageSize=200`,
      )
    ).json() as { tasks: { total: number } };
    expect(filtered.tasks.total).toBeGreaterThan(0);
    expect(filtered.tasks.total).toBeLessThanOrEqual(detail.tasks.total);
    const one = detail.tasks.items[0]!;
    const byUscc = (
      await call(t.app, null, 'GET', `/api/public/task-announcements/${current.recordNo}?keyword=${one.uscc}`)
    ).json() as { tasks: { total: number } };
    expect(byUscc.tasks.total).toBe(1);
    // The earlier (unpublished) record has no announcement.
    expect((await call(t.app, null, 'GET', `/api/public/task-announcements/${first.recordNo}`)).statusCode).toBe(404);
  });

  it('downloads the announcement as PDF and as XLSX that parses back with the tasks’ USCCs', async () => {
    const pdf = await call(t.app, null, 'GET', `/api/public/task-announcements/${current.recordNo}/pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.env.LIANJIAN_KEEP_PDF)
      (await import('node:fs')).writeFileSync(process.env.LIANJIAN_KEEP_PDF, pdf.rawPayload);

    const xlsx = await call(t.app, null, 'GET', `/api/public/task-announcements/${current.recordNo}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('任务公告')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('统一社会信用代码');
    const usccs: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) usccs.push(String(row.getCell(4).value));
    });
    expect(new Set(usccs)).toEqual(new Set(current.tasks.map((x) => x.uscc)));
    const texts: string[] = [];
    workbook.eachSheet((ws) => ws.eachRow((row) => texts.push(JSON.stringify(row.values))));
    expect(texts.join('\n')).not.toMatch(/信用分类|creditClass|A类|检查人员/);
  });

  it('a local seed hashed in the browser (web sha256Hex) is what the server accepts at the draw', async () => {
    const seed = '  8f1c2a9d0b7e4f3a6c5d2e1f0a9b8c7d  ';
    const round = await call(t.app, lianxi, 'POST', '/api/draws', {
      title: '2026 年本地种子抽取测试',
      year: 2026,
      window: { from: '2026-10-01', to: '2026-12-31' },
      samplingItemIds: itemIds,
      design: 'poisson',
      entropy: { kind: 'local', seedHash: sha256Hex(seed.trim()) },
    });
    expect(round.statusCode, round.body).toBe(200);
    const roundNo = (round.json() as { roundNo: string }).roundNo;
    const wrong = await call(t.app, lianxi, 'POST', `/api/draws/${roundNo}/records`, {
      reveal: { kind: 'local', seed: 'another-seed-of-enough-length' },
    });
    expect(wrong.statusCode).toBe(400);
    const drawn = await call(t.app, lianxi, 'POST', `/api/draws/${roundNo}/records`, {
      reveal: { kind: 'local', seed },
    });
    expect(drawn.statusCode, drawn.body).toBe(200);
  });
});
