import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIndicatorSet } from '../../src/performance/performance-catalog';
import { runDailyPerformance } from '../../src/performance/performance-run.service';
import { departmentIdOf } from '../support/factories/pushed-registration.factory';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let sfj: Session;
let lianxi: Session;
let scjgAdmin: Session;
let yjglAdmin: Session;
let staff: Session;
let scjg: number;
let yjgl: number;
let annualId: number;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  [sfj, lianxi, scjgAdmin, yjglAdmin, staff] = await Promise.all(
    ['sfj_dc', 'lianxi', 'scjg_admin', 'yjgl_admin', 'scjg_staff'].map((u) => login(t.app, u)),
  );
  scjg = await departmentIdOf(t, '市市场监督管理局');
  yjgl = await departmentIdOf(t, '市应急管理局');
});
afterAll(async () => {
  await t.app.close();
});

describe('indicator system versions', () => {
  it('a draft is edited and published explicitly; a published version never changes, edits make a new draft', async () => {
    expect((await call(t.app, scjgAdmin, 'POST', '/api/performance/versions')).statusCode).toBe(403);
    const first = await call(t.app, sfj, 'POST', '/api/performance/versions');
    expect(first.statusCode, first.body).toBe(200);
    const { id, version } = first.json() as { id: number; version: number };
    expect((await call(t.app, sfj, 'POST', '/api/performance/versions')).statusCode).toBe(409);

    const badParams = {
      note: '',
      definition: {
        ...defaultIndicatorSet,
        indicators: defaultIndicatorSet.indicators.map((i) =>
          i.code === 'evaluation_satisfaction' ? { ...i, params: { satisfiedAtLeast: 9 } } : i,
        ),
      },
    };
    const refused = await call(t.app, sfj, 'PUT', `/api/performance/versions/${id}`, badParams);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('检查码评价满意率');

    const short = {
      note: '试行',
      definition: { ...defaultIndicatorSet, indicators: defaultIndicatorSet.indicators.slice(1) },
    };
    expect((await call(t.app, sfj, 'PUT', `/api/performance/versions/${id}`, short)).statusCode).toBe(204);
    const notHundred = await call(t.app, sfj, 'POST', `/api/performance/versions/${id}/publish`);
    expect(notHundred.statusCode).toBe(409);
    expect(notHundred.json().error.message).toBe('指标分值合计应为 100 分，当前为 90 分');

    const full = { note: '首次发布', definition: defaultIndicatorSet };
    expect((await call(t.app, sfj, 'PUT', `/api/performance/versions/${id}`, full)).statusCode).toBe(204);
    expect((await call(t.app, sfj, 'POST', `/api/performance/versions/${id}/publish`)).statusCode).toBe(204);
    const again = await call(t.app, sfj, 'PUT', `/api/performance/versions/${id}`, full);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已发布，不能修改');
    // The database refuses it as well, whoever writes.
    await expect(
      t.deps.db.updateTable('performance_indicator_versions').set({ note: '改' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/已发布的履职评价指标体系不能修改/);

    const next = await call(t.app, sfj, 'POST', '/api/performance/versions');
    expect(next.json().version).toBe(version + 1);
    const list = await call(t.app, scjgAdmin, 'GET', '/api/performance/versions');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { version: number; status: string; current: boolean; totalPoints: number }[];
    expect(items.map((v) => [v.version, v.status, v.current])).toEqual([
      [version + 1, '草稿', false],
      [version, '已发布', true],
    ]);
    expect(items[0]!.totalPoints).toBe(100);
  });
});

describe('daily evaluation', () => {
  it('the hourly job makes one snapshot a China day, frozen once made', async () => {
    const first = await runDailyPerformance(t.deps, new Date('2026-11-20T01:00:00+08:00'));
    expect(first).not.toBeNull();
    expect(await runDailyPerformance(t.deps, new Date('2026-11-20T23:50:00+08:00'))).toBeNull();
    const second = await runDailyPerformance(t.deps, new Date('2026-11-21T00:10:00+08:00'));
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    const days = await t.deps.db
      .selectFrom('performance_evaluations')
      .select(['period_from', 'period_to', 'status', 'evaluation_no'])
      .where('kind', '=', '日常')
      .orderBy('id')
      .execute();
    expect(days).toEqual([
      { period_from: '2026-01-01', period_to: '2026-11-20', status: '已完成', evaluation_no: 'LZPJ-RC20261120' },
      { period_from: '2026-01-01', period_to: '2026-11-21', status: '已完成', evaluation_no: 'LZPJ-RC20261121' },
    ]);
    await expect(
      t.deps.db.updateTable('performance_scores').set({ total: 100 }).where('evaluation_id', '=', first!).execute(),
    ).rejects.toThrow(/履职评价已完成/);
    const ranking = await call(t.app, lianxi, 'GET', '/api/performance/ranking');
    expect(ranking.statusCode).toBe(200);
    expect(ranking.json().evaluation.evaluationNo).toBe('LZPJ-RC20261121');
  });
});

describe('annual evaluation', () => {
  it('runs, runs again, finishes with its report after the year, then is frozen', async () => {
    expect((await call(t.app, scjgAdmin, 'POST', '/api/performance/annual', { year: 2025 })).statusCode).toBe(403);
    expect((await call(t.app, sfj, 'POST', '/api/performance/annual', { year: 2027 })).statusCode).toBe(400);
    const run = await call(t.app, sfj, 'POST', '/api/performance/annual', { year: 2025 });
    expect(run.statusCode, run.body).toBe(200);
    annualId = run.json().id;
    const rerun = await call(t.app, sfj, 'POST', '/api/performance/annual', { year: 2025 });
    expect(rerun.json().id).toBe(annualId);

    const current = await call(t.app, sfj, 'POST', '/api/performance/annual', { year: 2026 });
    expect(current.statusCode).toBe(200);
    const early = await call(t.app, sfj, 'POST', `/api/performance/evaluations/${current.json().id}/finish`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('年度尚未结束');
    const draftPdf = await call(t.app, sfj, 'GET', `/api/performance/evaluations/${current.json().id}/report.pdf`);
    expect(draftPdf.statusCode).toBe(200);
    expect(decodeURIComponent(String(draftPdf.headers['content-disposition']))).toContain('（未定稿）');

    expect((await call(t.app, sfj, 'POST', `/api/performance/evaluations/${annualId}/finish`)).statusCode).toBe(204);
    const pdf = await call(t.app, lianxi, 'GET', `/api/performance/evaluations/${annualId}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    // Every department's scores and evidence: not for a department that sees only its own details.
    const denied = await call(t.app, scjgAdmin, 'GET', `/api/performance/evaluations/${annualId}/report.pdf`);
    expect(denied.statusCode).toBe(403);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = join(
      'test-results',
      'performance',
      process.env.LIANJIAN_TEST_DB === 'postgres' ? 'postgres' : 'pglite',
    );
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'annual-report.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('2025 年度监管履职评价结果报告');
    expect(text).toContain('评价结果和排名');
    expect(text).toContain('市应急管理局');
    expect(text).toContain('落后部门及主要失分情况');

    const refused = await call(t.app, sfj, 'POST', '/api/performance/annual', { year: 2025 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('2025 年度履职评价已完成，评价结果不能修改');
    expect((await call(t.app, sfj, 'POST', `/api/performance/evaluations/${annualId}/finish`)).statusCode).toBe(409);
    await expect(
      t.deps.db.deleteFrom('performance_indicator_results').where('evaluation_id', '=', annualId).execute(),
    ).rejects.toThrow(/履职评价已完成/);
    // The same report every time (stored, not rendered again).
    const again = await call(t.app, sfj, 'GET', `/api/performance/evaluations/${annualId}/report.pdf`);
    expect(Buffer.compare(again.rawPayload, pdf.rawPayload)).toBe(0);
  });

  it('a department sees every ranking position but only its own scores and evidence', async () => {
    expect((await call(t.app, staff, 'GET', '/api/performance/ranking')).statusCode).toBe(403);
    const ranking = await call(t.app, yjglAdmin, 'GET', `/api/performance/ranking?evaluationId=${annualId}`);
    expect(ranking.statusCode).toBe(200);
    const rows = ranking.json().rows as { departmentId: number; rank: number; dimensions: unknown; own: boolean }[];
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.dimensions !== null).map((r) => r.departmentId)).toEqual([yjgl]);
    expect(rows.every((r) => r.rank >= 1)).toBe(true);
    expect(
      (await call(t.app, yjglAdmin, 'GET', `/api/performance/evaluations/${annualId}/departments/${scjg}`)).statusCode,
    ).toBe(404);
    const own = await call(t.app, yjglAdmin, 'GET', `/api/performance/evaluations/${annualId}/departments/${yjgl}`);
    expect(own.statusCode).toBe(200);
    const monthly = (own.json().indicators as { code: string; denominator: number; evidence: string[] }[]).find(
      (i) => i.code === 'monthly_reporting',
    )!;
    expect(monthly.denominator).toBe(12);
    expect(monthly.evidence[0]).toBe('2025年1月未报送监管数据');
    const office = await call(t.app, lianxi, 'GET', `/api/performance/evaluations/${annualId}/departments/${scjg}`);
    expect(office.statusCode).toBe(200);
    expect(office.json().departmentName).toBe('市市场监督管理局');
  });
});

describe('限期整改 notices', () => {
  const notices = async (s: Session) => {
    const res = await call(t.app, s, 'GET', `/api/performance/notices?evaluationId=${annualId}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as {
      id: number;
      departmentId: number;
      status: string;
      noticeNo: string;
      reasons: string[];
      dueOn: string;
    }[];
  };

  it('issued to all below a score at once, never twice; the department answers; ignored ones are escalated after the deadline', async () => {
    const batch = await call(t.app, sfj, 'POST', '/api/performance/notices', {
      evaluationId: annualId,
      below: 100,
      deadlineDays: 3,
    });
    expect(batch.statusCode, batch.body).toBe(200);
    const issued = batch.json().issued as { noticeNo: string; departmentName: string }[];
    expect(issued.map((i) => i.departmentName)).toEqual(expect.arrayContaining(['市市场监督管理局', '市应急管理局']));
    const retry = await call(t.app, sfj, 'POST', '/api/performance/notices', {
      evaluationId: annualId,
      below: 100,
      deadlineDays: 3,
    });
    expect(retry.json().issued).toEqual([]);
    expect(retry.json().skipped.length).toBe(issued.length);

    const own = await notices(yjglAdmin);
    expect(own.map((n) => n.departmentId)).toEqual([yjgl]);
    const mine = own[0]!;
    // 3 working days from Friday 20 November 2026.
    expect(mine.dueOn).toBe('2026-11-25');
    expect(mine.reasons.some((r) => r.startsWith('第四十六条（数据按月报送率'))).toBe(true);
    const note = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('n.title')
      .where('u.username', '=', 'yjgl_admin')
      .where('n.kind', '=', 'performance_notice')
      .execute();
    expect(note.map((n) => n.title)).toContain(`限期整改通知 ${mine.noticeNo}`);

    expect(
      (await call(t.app, scjgAdmin, 'POST', `/api/performance/notices/${mine.id}/answer`, { note: '已整改' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await call(t.app, yjglAdmin, 'POST', `/api/performance/notices/${mine.id}/answer`, {
          note: '已补报 2025 年数据',
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await call(t.app, yjglAdmin, 'POST', `/api/performance/notices/${mine.id}/answer`, { note: '再次' })).statusCode,
    ).toBe(409);

    const scjgNotice = (await notices(sfj)).find((n) => n.departmentId === scjg)!;
    const early = await call(t.app, sfj, 'POST', `/api/performance/notices/${scjgNotice.id}/escalate`, {
      note: '通报',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('未过，不能通报');
    setChinaTime(t, '2026-11-26T09:00:00');
    // Sessions idle for days have ended: sign in again.
    [sfj, lianxi, scjgAdmin] = await Promise.all(['sfj_dc', 'lianxi', 'scjg_admin'].map((u) => login(t.app, u)));
    const escalated = await call(t.app, sfj, 'POST', `/api/performance/notices/${scjgNotice.id}/escalate`, {
      note: '逾期未认领和编制，予以通报',
    });
    expect(escalated.statusCode).toBe(204);
    const after = await notices(lianxi);
    expect(after.find((n) => n.id === scjgNotice.id)!.status).toBe('已通报');
    expect(after.find((n) => n.id === mine.id)!.status).toBe('已整改');
    // Answering now is too late for the escalated one.
    expect(
      (await call(t.app, scjgAdmin, 'POST', `/api/performance/notices/${scjgNotice.id}/answer`, { note: '已整改' }))
        .statusCode,
    ).toBe(409);
    setChinaTime(t, '2026-11-20T10:00:00');
  });
});
