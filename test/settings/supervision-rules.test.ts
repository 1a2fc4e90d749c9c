import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SUPERVISION_RULES } from '../../src/settings/visit-rules-setting';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let lianxi: Session;
let scjg: Session;

beforeAll(async () => {
  t = await testApp();
  [admin, lianxi, scjg] = await Promise.all(['admin', 'lianxi', 'scjg_admin'].map((u) => login(t.app, u)));
});
afterAll(async () => {
  // The database is shared by every test file: leave the district's rules as they were.
  await call(t.app, admin, 'PUT', '/api/settings/supervision-rules', BUILTIN_SUPERVISION_RULES);
  await t.app.close();
});

describe("the district's supervision rules: one setting every capability reads", () => {
  it('the platform admin sets the caps and the annual plan deadline; registrations and new annual plans follow them', async () => {
    expect((await call(t.app, lianxi, 'GET', '/api/settings/supervision-rules')).json()).toEqual(
      BUILTIN_SUPERVISION_RULES,
    );
    expect(
      (
        await call(t.app, scjg, 'PUT', '/api/settings/supervision-rules', {
          ...BUILTIN_SUPERVISION_RULES,
          routineVisitCap: 1,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await call(t.app, admin, 'PUT', '/api/settings/supervision-rules', {
      ...BUILTIN_SUPERVISION_RULES,
      annualPlanPublishBy: '4-30',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('年度计划公布截止日应为 MM-DD');
    // Rizhao: cross-department annual plan by the end of April; one routine visit a year.
    const rizhao = { routineVisitCap: 1, sameItemCap: 1, annualPlanPublishBy: '04-30' };
    const saved = await call(t.app, admin, 'PUT', '/api/settings/supervision-rules', rizhao);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call(t.app, scjg, 'GET', '/api/registrations/rules')).json()).toMatchObject({
      routineVisitCap: 1,
      sameItemCap: 1,
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', 'supervision.rules')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toBe(
      '修改监管规则：每年日常检查不超过 2 次、同一事项每年不超过 1 次、年度计划于 03 月 31 日前公布 → 每年日常检查不超过 1 次、同一事项每年不超过 1 次、年度计划于 04 月 30 日前公布',
    );

    const plan = await call(t.app, lianxi, 'POST', '/api/annual-plans', { year: 2033 });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().publishDeadline).toBe('2033-04-30');

    const subject = await t.deps.db
      .selectFrom('subjects')
      .select(['uscc', 'name'])
      .where('status', '=', '存续')
      .where('whitelisted', '=', false)
      .where('kind', '=', '企业')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('inspection_registrations as r').select('r.id').whereRef('r.subject_id', '=', 'subjects.id'),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('inspection_tasks as x').select('x.id').whereRef('x.subject_id', '=', 'subjects.id')),
        ),
      )
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const first = await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [subject.uscc],
      kind: '日常检查',
      window: { from: '2033-05-01', to: '2033-05-31' },
      itemCodes: ['SCJG-CC-03'],
    });
    expect(first.statusCode, first.body).toBe(200);
    // A second routine visit, for a supervision item (no scope, no earlier visit of that item): refused by the cap alone.
    const second = await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [subject.uscc],
      kind: '日常检查',
      window: { from: '2033-09-01', to: '2033-09-30' },
      itemCodes: ['SCJG-JG-001'],
    });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.message).toBe(
      `该主体${subject.name}（${subject.uscc}） 2033 年已有 1 次日常检查（登记 ${first.json().registrations[0].registrationNo}），已达上限（每年不超过 1 次）`,
    );
  });
});
