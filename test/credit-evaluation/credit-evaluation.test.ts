import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { workCalendar } from '../../src/calendar/calendar.service';
import { verifyRun } from '../../src/credit-evaluation/credit-verify.service';
import { runQuarterlyEvaluation } from '../../src/credit-evaluation/credit-run.service';
import { addCreditRecord } from '../support/factories/credit-record.factory';
import { call, login, type Session } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';

let t: TestApp;
let credit: Session;
let staff: Session;
let subjects: { id: number; uscc: string; credit_class: string | null }[];

async function startRun(period = '2026Q4') {
  const res = await call(t.app, credit, 'POST', '/api/credit/runs', { period });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    id: number;
    runNo: string;
    status: string;
    inputsDigest: string;
    upgraded: number;
    downgraded: number;
    subjectCount: number;
  };
}

const resultOf = async (runId: number, q: string) => {
  const res = await call(t.app, staff, 'GET', `/api/credit/runs/${runId}/results?q=${q}&pageSize=5`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0];
};

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-12-07T10:00:00');
  credit = await login(t.app, 'fgw_xy');
  staff = await login(t.app, 'scjg_staff');
  subjects = await t.deps.db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'credit_class'])
    .where('status', '=', '存续')
    .where(
      'id',
      'not in',
      t.deps.db.selectFrom('credit_records').select('subject_id').where('subject_id', 'is not', null),
    )
    .orderBy('id', 'desc')
    .limit(3)
    .execute();
});

describe('credit evaluation runs', () => {
  it('scores every 存续 subject, reports who moved and why, verifies as identical and stays immutable', async () => {
    const [listed, rewarded] = subjects;
    await addCreditRecord(t, listed!.id, {
      kind: '严重违法失信名单',
      severity: '严重',
      occurredOn: '2026-11-02',
      title: '列入严重违法失信名单（测试）',
    });
    const reward = await addCreditRecord(t, rewarded!.id, {
      kind: '表彰奖励',
      occurredOn: '2026-12-01',
      title: '市级守合同重信用企业',
    });
    await addCreditRecord(t, rewarded!.id, { kind: '表彰奖励', occurredOn: '2026-12-01' });
    const run = await startRun();
    expect(run.status).toBe('待推送');
    const live = await t.deps.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', '存续')
      .executeTakeFirstOrThrow();
    expect(run.subjectCount).toBe(Number(live.n));

    const down = await resultOf(run.id, listed!.uscc);
    expect(down).toMatchObject({ creditClass: 'D', veto: '列入严重违法失信名单' });
    expect(down.reasons).toEqual(
      expect.arrayContaining([
        { name: '一票否决：列入严重违法失信名单', from: 0, to: 0, records: [] },
        { name: '严重违法失信名单', from: 0, to: -29.03, records: ['列入严重违法失信名单（测试）'] },
      ]),
    );
    const up = await resultOf(run.id, rewarded!.uscc);
    // 85 + 2 × 5 × (1 − 6/1080) = 94.94 → A
    expect(up).toMatchObject({ creditClass: 'A', score: 94.94 });
    expect(up.contributions[0].recordIds).toContain(reward);
    const untouched = await resultOf(run.id, subjects[2]!.uscc);
    expect(untouched).toMatchObject({ score: 85, creditClass: 'B', contributions: null });

    expect(await verifyRun(t.deps, run.id)).toMatchObject({
      identical: true,
      mismatches: 0,
      inputsDigestMatches: true,
    });
    // The records move on (the reward is withdrawn): the run still recomputes identically from what it stored.
    await t.deps.db
      .updateTable('credit_records')
      .set({ status: '已撤销', version: 2 })
      .where('id', '=', reward)
      .execute();
    const check = await call(t.app, staff, 'POST', `/api/credit/runs/${run.id}/verify`);
    expect(check.json()).toMatchObject({ identical: true, mismatches: 0 });
    // A stored result tampered with is found …
    await expect(
      sql`UPDATE credit_run_results SET credit_class = 'A' WHERE run_id = ${run.id} AND subject_id = ${listed!.id}`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/不能修改或删除/);
    await expect(
      sql`UPDATE credit_runs SET results_digest = 'x' WHERE id = ${run.id}`.execute(t.deps.db),
    ).rejects.toThrow(/只能推送/);
    // … and a new run sees the withdrawn reward: different inputs.
    const again = await startRun();
    expect(again.inputsDigest).not.toBe(run.inputsDigest);
    // one reward left: 85 + 5 × (1 − 6/1080) = 89.97 → B
    expect(await resultOf(again.id, rewarded!.uscc)).toMatchObject({ creditClass: 'B', score: 89.97 });
  });

  it('push: classes reach the register, departments are told and see results; the public never sees a class', async () => {
    const run = await startRun();
    const [listed] = subjects;
    expect((await call(t.app, staff, 'POST', `/api/credit/runs/${run.id}/push`)).statusCode).toBe(403);
    const res = await call(t.app, credit, 'POST', `/api/credit/runs/${run.id}/push`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('已推送');
    const row = await t.deps.db
      .selectFrom('subjects')
      .select('credit_class')
      .where('id', '=', listed!.id)
      .executeTakeFirstOrThrow();
    expect(row.credit_class).toBe('D');
    const mismatched = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM credit_run_results r JOIN subjects s ON s.id = r.subject_id
       WHERE r.run_id = ${run.id} AND s.credit_class IS DISTINCT FROM r.credit_class`.execute(t.deps.db);
    expect(mismatched.rows[0]!.n).toBe(0);
    const told = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'credit_run_pushed')
      .where('n.link', '=', `/credit/runs/${run.id}`)
      .execute();
    expect(told.map((r) => r.username)).toEqual(expect.arrayContaining(['scjg_admin', 'scjg_staff', 'yjgl_admin']));
    expect(told.map((r) => r.username)).not.toContain('fgw_xy');
    // A pushed run cannot be pushed again; a department reads its history through the API and the export.
    expect((await call(t.app, credit, 'POST', `/api/credit/runs/${run.id}/push`)).statusCode).toBe(409);
    const history = await call(t.app, staff, 'GET', `/api/credit/subjects/${listed!.id}/history`);
    expect(history.json().history[0]).toMatchObject({ runNo: run.runNo, creditClass: 'D' });
    expect(history.json().latest.contributions[0].records).toEqual(['列入严重违法失信名单（测试）']);
    const byNo = await call(t.app, staff, 'GET', `/api/credit/run-results/${run.runNo}?page=1&pageSize=2`);
    expect(byNo.statusCode, byNo.body).toBe(200);
    expect(byNo.json().total).toBe(run.subjectCount);
    const csv = await call(t.app, staff, 'GET', `/api/credit/runs/${run.id}/export?format=csv`);
    expect(csv.body).toContain(listed!.uscc);
    // The public API: no operation without login returns a class.
    const doc = JSON.stringify(
      Object.entries((t.app.swagger() as { paths: Record<string, unknown> }).paths).filter(([p]) =>
        p.startsWith('/api/public'),
      ),
    );
    expect(doc).not.toMatch(/creditClass|credit_class|信用风险分类/);
    expect((await call(t.app, null, 'GET', `/api/credit/runs/${run.id}/results`)).statusCode).toBe(401);
  });

  it('no class by hand: the subject form and the credit office form refuse one, saying classes come from the evaluation', async () => {
    const admin = await login(t.app, 'admin');
    const [, , plain] = subjects;
    const subject = (await call(t.app, admin, 'GET', `/api/subjects/${plain!.id}`)).json();
    const { id: _id, updatedAt: _u, industries, usccProblem, ...rest } = subject;
    const body = {
      ...rest,
      keepFlaggedUscc: usccProblem !== null,
      industryCodes: industries.map((i: { code: string }) => i.code),
    };
    for (const key of Object.keys(body)) if (!(key in bodyKeys)) delete body[key as keyof typeof body];
    const res = await call(t.app, admin, 'PUT', `/api/subjects/${plain!.id}`, {
      ...body,
      creditClass: subject.creditClass === 'A' ? 'C' : 'A',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain('信用风险分类由公共信用综合评价产生');
    const same = await call(t.app, admin, 'PUT', `/api/subjects/${plain!.id}`, body);
    expect(same.statusCode, same.body).toBe(200);
    const byCredit = await call(t.app, credit, 'PUT', `/api/subjects/${plain!.id}/credit`, {
      creditClass: 'A',
      whitelisted: false,
    });
    expect(byCredit.statusCode).toBe(400);
    expect(byCredit.json().error.message).toContain('不能手工设置');
  });

  it('the quarter runs by itself from the first working day after it ends, once', async () => {
    const before = await t.deps.db.selectFrom('credit_runs').select('id').where('period', '=', '2026Q3').execute();
    // The National Day holiday: 2026-10-01 is not a working day, the first one after 2026Q3 is later.
    const firstDay = (await workCalendar(t.deps.db)).addWorkingDays('2026-09-30', 1);
    expect(firstDay > '2026-10-01').toBe(true);
    expect(await runQuarterlyEvaluation(t.deps, new Date('2026-10-01T09:00:00+08:00'))).toBeNull();
    const first = await runQuarterlyEvaluation(t.deps, new Date(`${firstDay}T09:00:00+08:00`));
    if (before.length === 0) expect(first).toMatchObject({ period: '2026Q3', trigger: '定时', as_of: '2026-09-30' });
    else expect(first).toBeNull();
    expect(await runQuarterlyEvaluation(t.deps, new Date(`${firstDay}T10:00:00+08:00`))).toBeNull();
  });
});

const bodyKeys = {
  uscc: 1,
  keepFlaggedUscc: 1,
  legacyRegNo: 1,
  name: 1,
  kind: 1,
  legalRepresentative: 1,
  contactPhone: 1,
  contactEmail: 1,
  divisionCode: 1,
  registeredAddress: 1,
  businessAddress: 1,
  businessScope: 1,
  industryCodes: 1,
  registrationDate: 1,
  status: 1,
  creditClass: 1,
  industryRisk: 1,
  whitelisted: 1,
  keyTarget: 1,
  keyTargetReason: 1,
};
