import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { createTask } from '../support/factories/task.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, testApp, setChinaTime } from '../support/test-platform';

let t: TestApp;
const s: Record<string, Session> = {};
const users = ['scjg_admin', 'scjg_jc01', 'yjgl_admin', 'yjgl_jc01', 'lianxi'] as const;

/** Moves the clock and signs everyone in again (sessions time out). */
async function at(iso: string): Promise<void> {
  setChinaTime(t, iso);
  for (const u of users) s[u] = await login(t.app, u);
}

interface View {
  departments: { id: number; checks: { checkItemId: number }[] }[];
}
interface Review {
  status: string;
  published: boolean;
  departments: { id: number; submitted: boolean; offsite: boolean; decision: string | null; reason: string | null }[];
}
interface OverviewTask {
  taskNo: string;
  inspectedOn: string;
  dueOn: string;
  overdue: boolean;
}
interface Overview {
  today: string;
  departments: {
    id: number;
    name: string;
    awaitingResults: OverviewTask[];
    awaitingApproval: OverviewTask[];
    awaitingPublication: OverviewTask[];
    publishedLate: OverviewTask[];
    counts: Record<string, number>;
  }[];
}

/** The inspector records every check item of their department (the first as `first`, the rest 符合) and submits. */
async function recordAndSubmit(
  inspector: Session,
  taskNo: string,
  departmentId: number,
  first: '符合' | '不符合' = '符合',
): Promise<void> {
  const view = (await call(t.app, inspector, 'GET', `/api/inspections/${taskNo}`)).json() as View;
  const checks = view.departments.find((d) => d.id === departmentId)!.checks;
  for (const [i, c] of checks.entries()) {
    const res = await call(t.app, inspector, 'PUT', `/api/inspections/${taskNo}/results/${c.checkItemId}`, {
      result: i === 0 ? first : '符合',
      notes: i === 0 && first === '不符合' ? '消防通道堆放杂物' : '',
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const sub = await call(t.app, inspector, 'POST', `/api/inspections/${taskNo}/submit`, {});
  expect(sub.statusCode, sub.body).toBe(200);
}

async function overview(session: Session): Promise<Overview> {
  const res = await call(t.app, session, 'GET', '/api/results/deadlines');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Overview;
}

let scjg: { id: number; departmentId: number };
let yjgl: { id: number; departmentId: number };
let joint: { taskNo: string; subjectName: string; uscc: string };
let slow: { taskNo: string; subjectName: string; uscc: string };
let unrecorded: { taskNo: string; subjectName: string; uscc: string };

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  yjgl = await inspectorOf(t, 'yjgl_jc01');
  // Tuesday 1 December 2026: the 7th working day after it is 10 December, the 20th is 29 December.
  await at('2026-12-01T09:00:00');
  joint = await createTask(t, { items: ['SCJG-CC-02', 'YJGL-CC-02'], inspectors: [scjg, yjgl], subjectOffset: 11 });
  slow = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg], subjectOffset: 12 });
  unrecorded = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [scjg], subjectOffset: 13 });
  for (const task of [joint, slow, unrecorded])
    expect((await call(t.app, s.scjg_jc01!, 'POST', `/api/inspections/${task.taskNo}/check-in`)).statusCode).toBe(200);
  await recordAndSubmit(s.scjg_jc01!, joint.taskNo, scjg.departmentId, '不符合');
  await recordAndSubmit(s.yjgl_jc01!, joint.taskNo, yjgl.departmentId);
  await recordAndSubmit(s.scjg_jc01!, slow.taskNo, scjg.departmentId);
});
afterAll(async () => {
  await t.app.close();
});

describe('approval of results and the results announcement', () => {
  it('another department, an inspector or a missing reason cannot approve or return', async () => {
    const other = await call(t.app, s.yjgl_admin!, 'POST', `/api/results/${slow.taskNo}/approve`, {});
    expect(other.statusCode).toBe(403);
    const named = await call(t.app, s.yjgl_admin!, 'POST', `/api/results/${joint.taskNo}/approve`, {
      departmentId: scjg.departmentId,
    });
    expect(named.statusCode).toBe(403);
    expect(named.body).toContain('只能审核本部门');
    expect((await call(t.app, s.scjg_jc01!, 'POST', `/api/results/${joint.taskNo}/approve`, {})).statusCode).toBe(403);
    const noReason = await call(t.app, s.yjgl_admin!, 'POST', `/api/results/${joint.taskNo}/return`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('退回理由');
    const notSubmitted = await call(t.app, s.scjg_admin!, 'POST', `/api/results/${unrecorded.taskNo}/approve`, {});
    expect(notSubmitted.statusCode).toBe(409);
    expect(notSubmitted.body).toContain('尚未提交');
  });

  it('returns results with a reason; the inspector corrects and resubmits', async () => {
    const res = await call(t.app, s.yjgl_admin!, 'POST', `/api/results/${joint.taskNo}/return`, {
      reason: '检查事项 2 未附现场照片，请补充说明',
    });
    expect(res.statusCode, res.body).toBe(200);
    const review = res.json() as Review;
    expect(review.status).toBe('检查中');
    expect(review.departments.find((d) => d.id === yjgl.departmentId)).toMatchObject({
      submitted: false,
      decision: '退回',
      reason: '检查事项 2 未附现场照片，请补充说明',
    });
    expect(review.departments.find((d) => d.id === scjg.departmentId)).toMatchObject({
      submitted: true,
      decision: null,
    });
    const told = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title'])
      .where('n.task_no', '=', joint.taskNo)
      .where('n.kind', '=', 'results_returned')
      .execute();
    expect(told).toEqual([{ username: 'yjgl_jc01', title: `检查任务 ${joint.taskNo} 的检查结果被退回` }]);
    await recordAndSubmit(s.yjgl_jc01!, joint.taskNo, yjgl.departmentId);
    const again = (await call(t.app, s.yjgl_admin!, 'GET', `/api/results/${joint.taskNo}`)).json() as Review;
    expect(again.status).toBe('已检查');
    expect(again.departments.find((d) => d.id === yjgl.departmentId)!.submitted).toBe(true);
  });

  it('when every department approved the task is 已办结 and the result is on the public portal, without class or risk', async () => {
    const first = await call(t.app, s.scjg_admin!, 'POST', `/api/results/${joint.taskNo}/approve`, {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json() as Review).toMatchObject({ status: '已检查', published: false });
    expect((await call(t.app, s.scjg_admin!, 'POST', `/api/results/${joint.taskNo}/approve`, {})).statusCode).toBe(409);
    const none = await call(t.app, null, 'GET', `/api/public/inspection-results?keyword=${joint.uscc}`);
    expect((none.json() as { total: number }).total).toBe(0);
    // The joint office approves for the other department.
    const last = await call(t.app, s.lianxi!, 'POST', `/api/results/${joint.taskNo}/approve`, {
      departmentId: yjgl.departmentId,
    });
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json() as Review).toMatchObject({ status: '已办结', published: true });
    const task = await call(t.app, s.scjg_admin!, 'GET', `/api/tasks/${joint.taskNo}`);
    expect((task.json() as { status: string }).status).toBe('已办结');

    const pub = await call(t.app, null, 'GET', `/api/public/inspection-results?keyword=${joint.uscc}`);
    expect(pub.statusCode, pub.body).toBe(200);
    const page = pub.json() as { total: number; items: Record<string, unknown>[] };
    expect(page.total).toBe(1);
    const names = await t.deps.db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('id', 'in', [scjg.departmentId, yjgl.departmentId])
      .execute();
    const nameOf = (id: number) => names.find((n) => Number(n.id) === id)!.name;
    expect(page.items[0]).toEqual({
      taskNo: joint.taskNo,
      subjectName: joint.subjectName,
      uscc: joint.uscc,
      planTitle: null,
      inspectedOn: '2026-12-01',
      departments: [
        { name: nameOf(scjg.departmentId), items: ['餐饮服务单位监督检查'], result: '发现问题' },
        { name: nameOf(yjgl.departmentId), items: ['工贸企业安全生产随机抽查'], result: '未发现问题' },
      ],
      publishedAt: t.clock.now().toISOString(),
    });
    for (const word of ['信用', '风险', 'risk', 'class', 'Class', '执法证', 'certificate'])
      expect(pub.body).not.toContain(word);
    const byName = (
      await call(t.app, null, 'GET', `/api/public/inspection-results?keyword=${encodeURIComponent(joint.subjectName)}`)
    ).json() as { items: { taskNo: string }[] };
    expect(byName.items.map((i) => i.taskNo)).toContain(joint.taskNo);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', joint.taskNo)
      .execute();
    for (const a of ['result.return', 'result.approve', 'result.publish'])
      expect(audit.map((x) => x.action)).toContain(a);
  });

  it('the deadlines overview flags collection overdue on the 8th working day and publication overdue on the 21st', async () => {
    // Thursday 10 December: the 7th working day, nothing overdue yet.
    await at('2026-12-10T17:00:00');
    let mine = (await overview(s.scjg_admin!)).departments;
    expect(mine.map((d) => d.id)).toEqual([scjg.departmentId]);
    expect(mine[0]!.awaitingResults.find((x) => x.taskNo === unrecorded.taskNo)).toMatchObject({
      dueOn: '2026-12-10',
      overdue: false,
    });
    // Friday 11 December: the 8th working day.
    await at('2026-12-11T09:00:00');
    mine = (await overview(s.scjg_admin!)).departments;
    const d = mine[0]!;
    expect(d.awaitingResults.find((x) => x.taskNo === unrecorded.taskNo)).toMatchObject({ overdue: true });
    expect(d.counts.resultsOverdue).toBeGreaterThanOrEqual(1);
    expect(d.awaitingApproval.map((x) => x.taskNo)).toContain(slow.taskNo);
    expect(d.awaitingPublication.find((x) => x.taskNo === slow.taskNo)).toMatchObject({
      dueOn: '2026-12-29',
      overdue: false,
    });
    expect(d.awaitingPublication.map((x) => x.taskNo)).not.toContain(joint.taskNo);
    // Tuesday 29 December is the 20th working day; Wednesday 30 December the 21st.
    await at('2026-12-29T17:00:00');
    expect(
      (await overview(s.scjg_admin!)).departments[0]!.awaitingPublication.find((x) => x.taskNo === slow.taskNo)!
        .overdue,
    ).toBe(false);
    await at('2026-12-30T09:00:00');
    const all = await overview(s.lianxi!);
    const scjgRow = all.departments.find((x) => x.id === scjg.departmentId)!;
    expect(scjgRow.awaitingPublication.find((x) => x.taskNo === slow.taskNo)!.overdue).toBe(true);
    expect(scjgRow.counts.publicationOverdue).toBeGreaterThanOrEqual(1);
    // Approved now: published late, and listed as such.
    expect((await call(t.app, s.scjg_admin!, 'POST', `/api/results/${slow.taskNo}/approve`, {})).statusCode).toBe(200);
    const after = (await overview(s.scjg_admin!)).departments[0]!;
    expect(after.awaitingPublication.map((x) => x.taskNo)).not.toContain(slow.taskNo);
    expect(after.publishedLate.find((x) => x.taskNo === slow.taskNo)).toMatchObject({
      dueOn: '2026-12-29',
      overdue: true,
    });
    const yjglView = await overview(s.yjgl_admin!);
    expect(yjglView.departments.map((x) => x.id)).toEqual([yjgl.departmentId]);
  });

  it("a department's off-site check is reviewed like submitted results: listed for approval, returned (record withdrawn), recorded again, approved and published", async () => {
    // Wednesday 30 December 2026 (the clock of the test above).
    const mixed = await createTask(t, {
      items: ['SCJG-CC-02', 'YJGL-CC-02'],
      inspectors: [scjg, yjgl],
      subjectOffset: 14,
    });
    const offsite = async (first: '符合' | '不符合') => {
      const view = (await call(t.app, s.scjg_admin!, 'GET', `/api/inspections/${mixed.taskNo}`)).json() as View;
      const checks = view.departments.find((d) => d.id === scjg.departmentId)!.checks;
      const res = await call(t.app, s.scjg_admin!, 'POST', `/api/inspection-records/${mixed.taskNo}/offsite`, {
        method: '调取在线监测数据并远程视频核查',
        dataSource: '市场监管在线监测平台',
        conductedOn: '2026-12-28',
        results: checks.map((c, i) => ({
          checkItemId: c.checkItemId,
          result: i === 0 ? first : '符合',
          notes: i === 0 && first === '不符合' ? '监测数据显示冷藏温度超标' : '',
        })),
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await offsite('符合');
    const mine = (await overview(s.scjg_admin!)).departments[0]!;
    expect(mine.awaitingApproval.find((x) => x.taskNo === mixed.taskNo)).toMatchObject({ inspectedOn: '2026-12-28' });
    expect(mine.awaitingResults.map((x) => x.taskNo)).not.toContain(mixed.taskNo);
    let review = (await call(t.app, s.scjg_admin!, 'GET', `/api/results/${mixed.taskNo}`)).json() as Review;
    expect(review.departments.find((d) => d.id === scjg.departmentId)).toMatchObject({
      submitted: true,
      offsite: true,
    });
    expect(review.departments.find((d) => d.id === yjgl.departmentId)).toMatchObject({
      submitted: false,
      offsite: false,
    });

    // The other department inspects on site; the task is 已检查.
    expect((await call(t.app, s.yjgl_jc01!, 'POST', `/api/inspections/${mixed.taskNo}/check-in`)).statusCode).toBe(200);
    await recordAndSubmit(s.yjgl_jc01!, mixed.taskNo, yjgl.departmentId);
    expect(((await call(t.app, s.scjg_admin!, 'GET', `/api/results/${mixed.taskNo}`)).json() as Review).status).toBe(
      '已检查',
    );

    // Returned: the off-site record is withdrawn (kept in the audit entry), the task is back to 检查中.
    const returned = await call(t.app, s.scjg_admin!, 'POST', `/api/results/${mixed.taskNo}/return`, {
      reason: '请补充冷藏设备温度监测记录',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    review = returned.json() as Review;
    expect(review.status).toBe('检查中');
    expect(review.departments.find((d) => d.id === scjg.departmentId)).toMatchObject({
      submitted: false,
      offsite: false,
      decision: '退回',
    });
    expect(
      (await call(t.app, s.scjg_admin!, 'GET', `/api/inspection-records/${mixed.taskNo}/offsite/${scjg.departmentId}`))
        .statusCode,
    ).toBe(404);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_id', '=', mixed.taskNo)
      .where('action', '=', 'result.return')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.changes)).toContain('调取在线监测数据并远程视频核查');
    // Whoever recorded the off-site check is told, with the reason and a link that opens the task.
    const told = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind', 'n.body', 'n.link'])
      .where('n.task_no', '=', mixed.taskNo)
      .where('n.kind', '=', 'results_returned')
      .execute();
    expect(told).toEqual([
      {
        username: 'scjg_admin',
        kind: 'results_returned',
        body: expect.stringContaining('请补充冷藏设备温度监测记录'),
        link: `/inspection-records?taskNo=${mixed.taskNo}`,
      },
    ]);

    // Recorded again with a finding, approved by both: 已办结, published with the visit's date and the finding.
    await offsite('不符合');
    expect((await call(t.app, s.scjg_admin!, 'POST', `/api/results/${mixed.taskNo}/approve`, {})).statusCode).toBe(200);
    const last = await call(t.app, s.yjgl_admin!, 'POST', `/api/results/${mixed.taskNo}/approve`, {});
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ status: '已办结', published: true });
    const pub = (await call(t.app, null, 'GET', `/api/public/inspection-results?keyword=${mixed.uscc}`)).json() as {
      items: { taskNo: string; inspectedOn: string; departments: { result: string }[] }[];
    };
    const row = pub.items.find((i) => i.taskNo === mixed.taskNo)!;
    expect(row.inspectedOn).toBe('2026-12-30');
    expect(row.departments.map((d) => d.result)).toEqual(['发现问题', '未发现问题']);
  });

  it('publishes an off-site-only task whose 20-working-day deadline falls in a year without holiday data, with the deadline unknown', async () => {
    await at('2031-12-20T10:00:00');
    const far = await createTask(t, {
      items: ['SCJG-CC-02'],
      inspectors: [scjg],
      subjectOffset: 15,
      window: { from: '2031-12-01', to: '2031-12-31' },
    });
    const view = (await call(t.app, s.scjg_admin!, 'GET', `/api/inspections/${far.taskNo}`)).json() as View;
    const checks = view.departments.find((d) => d.id === scjg.departmentId)!.checks;
    const rec = await call(t.app, s.scjg_admin!, 'POST', `/api/inspection-records/${far.taskNo}/offsite`, {
      method: '书面核查',
      dataSource: '企业报送材料',
      conductedOn: '2031-12-19',
      results: checks.map((c) => ({ checkItemId: c.checkItemId, result: '符合' })),
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const approved = await call(t.app, s.scjg_admin!, 'POST', `/api/results/${far.taskNo}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: '已办结', published: true });
    const row = await t.deps.db
      .selectFrom('published_results')
      .select(['inspected_on', 'publish_due_on', 'late'])
      .where('task_no', '=', far.taskNo)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ inspected_on: '2031-12-19', publish_due_on: null, late: false });
  });
});
