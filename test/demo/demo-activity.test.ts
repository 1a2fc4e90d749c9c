import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit-verify.service';
import { loadConfig } from '../../src/config';
import { actorOfUser, type DemoActivitySummary, seedDemoActivity } from '../../src/demo/demo-activity';
import { seedDemo } from '../../src/demo/demo-seed';
import { evaluationSummary } from '../../src/evaluations/evaluation.service';
import { openPlatform, type Platform } from '../../src/platform';
import { deadlineOverview, listPublicResults } from '../../src/results/result.service';
import { listAnnouncements } from '../../src/draw/task-announcement.service';

// Its own embedded database (never the run's shared test database): the demo activity fills a whole city.
// The clock stands in May, so the round's window (Jan 10 – a month after today) still has future dates.
const clock = { now: () => new Date('2026-05-20T10:00:00+08:00') };
let platform: Platform;
let summary: DemoActivitySummary;

beforeAll(async () => {
  platform = await openPlatform(loadConfig({ LIANJIAN_DATA_DIR: 'memory://', LIANJIAN_NOTIFY_INTERVAL_SECONDS: '0' }), clock);
  expect(await seedDemo(platform.deps, { subjects: 2000 })).toBe(true);
  summary = await seedDemoActivity(platform.deps);
}, 300_000);

afterAll(async () => {
  await platform?.close();
});

describe('demo activity after a fresh demo seed', () => {
  it('carries tasks of one announced round through every stage', async () => {
    expect(summary.tasks).toBeGreaterThan(10);
    const statuses = await platform.deps.db.selectFrom('inspection_tasks').select('status').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    for (const s of ['已发布', '已排期', '已办结']) expect(byStatus[s] ?? 0, `${s}：${JSON.stringify(byStatus)}`).toBeGreaterThan(0);
    expect((byStatus['已检查'] ?? 0) + (byStatus['检查中'] ?? 0)).toBeGreaterThan(0);
    expect(summary.inspected).toBeGreaterThanOrEqual(summary.published);
    expect(summary.published).toBe(byStatus['已办结']);
    const announcements = await listAnnouncements(platform.deps, { page: 1, pageSize: 20 });
    expect(announcements.items.map((a) => a.title).join()).toContain('2026 年第一批跨部门联合抽查');
  });

  it('dates stay in the past and inside the window; some results found problems; some visits are off-site', async () => {
    const visits = await platform.deps.db.selectFrom('inspection_visits').select(['visit_on', 'checked_in_on']).execute();
    const checked = visits.filter((v) => v.checked_in_on);
    expect(checked.length).toBeGreaterThan(0);
    for (const v of checked) expect(v.checked_in_on! >= '2026-01-10' && v.checked_in_on! < '2026-05-20').toBe(true);
    // Scheduled-only tasks have visits still to come.
    expect(visits.some((v) => !v.checked_in_on && v.visit_on > '2026-05-20')).toBe(true);
    const problems = await platform.deps.db.selectFrom('inspection_results').select('notes').where('result', '=', '不符合').execute();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.notes.length > 0)).toBe(true);
    expect((await platform.deps.db.selectFrom('offsite_inspections').select('task_id').execute()).length).toBeGreaterThan(0);
  });

  it('results are published, evaluated, and the deadline and evaluation overviews have data', async () => {
    const results = await listPublicResults(platform.deps, { page: 1, pageSize: 20 });
    expect(results.total).toBeGreaterThan(0);
    expect(summary.evaluations).toBeGreaterThan(0);
    const lianxi = await actorOfUser(platform.deps.db, 'lianxi');
    const overview = await deadlineOverview(platform.deps, lianxi);
    expect(overview.departments.reduce((s, d) => s + d.counts.awaitingApproval + d.publishedLate.length, 0)).toBeGreaterThan(0);
    expect(overview.departments.some((d) => d.publishedLate.length > 0)).toBe(true);
    const evaluations = await evaluationSummary(platform.deps, lianxi, { from: '2026-01-01', to: '2026-05-20' });
    expect(evaluations.totals.count).toBe(summary.evaluations);
    expect(evaluations.totals.averageSatisfaction!).toBeGreaterThan(3.5);
    expect(evaluations.totals.complaints).toBeGreaterThanOrEqual(0);
  });

  it('every step went through the audited services: the hash chain is intact', async () => {
    const report = await verifyAuditChain(platform.deps.db);
    expect(report.ok, JSON.stringify(report.firstBroken)).toBe(true);
    const actions = (await platform.deps.db.selectFrom('audit_log').select('action').distinct().execute()).map((a) => a.action);
    // What the dispatcher would have pushed during those months is not sent again at start-up.
    expect(await platform.deps.db.selectFrom('outbound_messages').select('id').where('status', '=', '待发送').execute()).toEqual([]);
    for (const a of ['draw.commit', 'draw.run', 'inspection.schedule', 'inspection.check_in', 'inspection.submit', 'result.approve', 'inspection_evaluation.submit', 'inspection.offsite']) expect(actions).toContain(a);
  });
});
