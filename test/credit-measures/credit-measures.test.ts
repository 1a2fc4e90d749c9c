import { beforeAll, describe, expect, it } from 'vitest';
import { undisturbedSubjectIds } from '../../src/credit-measures/measure-effects';
import { receiveRegistration } from '../support/factories/registration.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';

let t: TestApp;
let office: Session;
let scjg: Session;
let yjgl: Session;
const depts: Record<string, number> = {};

async function departmentId(name: string): Promise<number> {
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(d.id);
}

/** Subjects no other test of this file names: fresh ones from the demo register, not key targets yet. */
let subjectCursor = 0;
async function freshSubject() {
  const rows = await t.deps.db
    .selectFrom('subjects')
    .select(['id', 'name', 'uscc'])
    .where('key_target', '=', false)
    .where('status', '=', '存续')
    .where('id', 'not in', t.deps.db.selectFrom('credit_measure_cases').select('subject_id'))
    .orderBy('id', 'desc')
    .limit(1)
    .offset(subjectCursor++)
    .execute();
  const s = rows[0]!;
  return { id: Number(s.id), name: s.name, uscc: s.uscc };
}

async function publishedMeasure(payload: Record<string, unknown>) {
  const created = await call(t.app, office, 'POST', '/api/credit-measures/measures', {
    legalBasis: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条',
    isPublic: true,
    departmentIds: [depts.scjg, depts.yjgl],
    ...payload,
  });
  expect(created.statusCode, created.body).toBe(200);
  const published = await call(t.app, office, 'POST', `/api/credit-measures/measures/${created.json().id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as { id: number; matter: string; version: number; status: string };
}

async function initiate(measureId: number, subjectIds: number[], validTo = '2027-12-06') {
  const res = await call(t.app, office, 'POST', '/api/credit-measures/cases', {
    measureId,
    subjectIds,
    reason: '被列入严重违法失信名单',
    basisDocument: '日市监罚〔2026〕88 号',
    validFrom: '2026-12-07',
    validTo,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { ids: number[]; caseNos: string[] };
}

const keyTargetsOf = (subjectId: number) =>
  t.deps.db.selectFrom('key_targets').selectAll().where('subject_id', '=', subjectId).orderBy('id').execute();
const flagOf = async (subjectId: number) =>
  (await t.deps.db.selectFrom('subjects').select('key_target').where('id', '=', subjectId).executeTakeFirstOrThrow())
    .key_target;

/** Moves the clock (China time) and signs everyone in again: a session idle that long has expired. */
async function at(iso: string) {
  setChinaTime(t, iso);
  office = await login(t.app, 'fgw_xy');
  scjg = await login(t.app, 'scjg_staff');
  yjgl = await login(t.app, 'yjgl_admin');
}

beforeAll(async () => {
  t = await testApp();
  await at('2026-12-07T10:00:00');
  depts.scjg = await departmentId('市市场监督管理局');
  depts.yjgl = await departmentId('市应急管理局');
});

describe('联合奖惩措施清单', () => {
  it('is kept by the credit office: a draft is not public, a published one is, a non-public one never is', async () => {
    const { tag } = unique();
    const draft = await call(t.app, office, 'POST', '/api/credit-measures/measures', {
      kind: '惩戒',
      matter: `限制参与政府采购${tag}`,
      target: '严重违法失信主体',
      means: '依法限制参与政府采购活动',
      departmentIds: [depts.scjg],
      legalBasis: '《政府采购法》第二十二条',
      isPublic: true,
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: '草稿', version: 1, code: expect.stringMatching(/^CJ-\d{3}$/) });
    const search = async () =>
      (await call(t.app, null, 'GET', `/api/public/credit-measures?keyword=${encodeURIComponent(tag)}`)).json();
    expect((await search()).total).toBe(0);

    // A department may read the list but not keep it.
    const denied = await call(t.app, scjg, 'POST', `/api/credit-measures/measures/${draft.json().id}/publish`);
    expect(denied.statusCode).toBe(403);

    await call(t.app, office, 'POST', `/api/credit-measures/measures/${draft.json().id}/publish`);
    const found = await search();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ kind: '惩戒', departments: ['市市场监督管理局'], version: 2 });

    const hidden = await publishedMeasure({
      kind: '惩戒',
      matter: `内部措施${tag}`,
      target: '严重违法失信主体',
      means: '内部通报',
      isPublic: false,
      nonPublicReason: '依《保守国家秘密法》不予公开',
    });
    expect(hidden.status).toBe('已发布');
    const publicList = (await call(t.app, null, 'GET', '/api/public/credit-measures?pageSize=200')).json();
    expect(publicList.items.map((m: { matter: string }) => m.matter)).not.toContain(`内部措施${tag}`);
    expect(publicList.items.map((m: { matter: string }) => m.matter)).toContain(`限制参与政府采购${tag}`);

    // A non-public measure must say why.
    const noReason = await call(t.app, office, 'POST', '/api/credit-measures/measures', {
      kind: '激励',
      matter: `无理由${tag}`,
      target: 'A 类企业',
      means: '绿色通道',
      departmentIds: [depts.scjg],
      legalBasis: '依据',
      isPublic: false,
    });
    expect(noReason.statusCode).toBe(400);

    // Each change is a version; the history keeps them.
    const detail = (await call(t.app, scjg, 'GET', `/api/credit-measures/measures/${draft.json().id}`)).json();
    expect(detail.versions.map((v: { note: string }) => v.note)).toEqual(['发布', '新建']);
  });
});

describe('联合奖惩对象', () => {
  it('tells each implementing department, takes feedback from its own department only, and lists the overdue', async () => {
    const { tag } = unique();
    const m = await publishedMeasure({
      kind: '惩戒',
      matter: `限制评优评先${tag}`,
      target: '严重违法失信主体',
      means: '不得参加评优评先',
    });
    const s = await freshSubject();
    const { ids } = await initiate(m.id, [s.id]);
    const caseId = ids[0]!;

    const told = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.body'])
      .where('n.kind', '=', 'measure_case')
      .where('n.title', 'like', `%${tag}%`)
      .execute();
    const who = told.map((n) => n.username);
    expect(who).toContain('scjg_staff');
    expect(who).toContain('yjgl_admin');
    expect(who).not.toContain('spj_xk');
    // 10 working days after 2026-12-07 (Monday): 2026-12-21.
    expect(told[0]!.body).toContain('2026-12-21');

    // Another department's user (not an implementing body) cannot answer for it.
    const outsider = await login(t.app, 'spj_xk');
    const refused = await call(t.app, outsider, 'POST', `/api/credit-measures/cases/${caseId}/feedback`, {
      outcome: '已实施',
      appliedOn: '2026-12-07',
      action: '已限制',
    });
    expect(refused.statusCode).toBe(403);

    const given = await call(t.app, scjg, 'POST', `/api/credit-measures/cases/${caseId}/feedback`, {
      outcome: '已实施',
      appliedOn: '2026-12-08',
      action: '取消其年度守合同重信用企业评选资格',
    });
    expect(given.statusCode, given.body).toBe(400); // applied in the future
    await at('2026-12-09T10:00:00');
    const ok = await call(t.app, scjg, 'POST', `/api/credit-measures/cases/${caseId}/feedback`, {
      outcome: '已实施',
      appliedOn: '2026-12-08',
      action: '取消其年度守合同重信用企业评选资格',
    });
    expect(ok.statusCode, ok.body).toBe(204);
    const view = (await call(t.app, yjgl, 'GET', `/api/credit-measures/cases/${caseId}`)).json();
    const byDept = Object.fromEntries(view.feedbacks.map((f: { departmentName: string }) => [f.departmentName, f]));
    expect(byDept['市市场监督管理局']).toMatchObject({ outcome: '已实施', appliedOn: '2026-12-08', late: false });
    expect(byDept['市应急管理局']).toMatchObject({ outcome: '待反馈', overdue: false, dueOn: '2026-12-21' });

    // After the 10 working days, the one still missing is overdue; given late, it is marked so.
    await at('2026-12-23T10:00:00');
    const overdue = (await call(t.app, office, 'GET', '/api/credit-measures/overdue')).json();
    const mine = overdue.items.find((i: { caseId: number }) => i.caseId === caseId);
    expect(mine).toMatchObject({ departmentName: '市应急管理局', dueOn: '2026-12-21', overdueDays: 2 });
    const late = await call(t.app, yjgl, 'POST', `/api/credit-measures/cases/${caseId}/feedback`, {
      outcome: '不适用',
      action: '该主体不在本部门监管范围内',
    });
    expect(late.statusCode, late.body).toBe(204);
    const after = (await call(t.app, yjgl, 'GET', `/api/credit-measures/cases/${caseId}`)).json();
    expect(after.feedbacks.find((f: { departmentName: string }) => f.departmentName === '市应急管理局')).toMatchObject({
      outcome: '不适用',
      late: true,
    });
    const overdueAfter = (await call(t.app, office, 'GET', '/api/credit-measures/overdue')).json();
    expect(overdueAfter.items.some((i: { caseId: number }) => i.caseId === caseId)).toBe(false);
    await at('2026-12-07T10:00:00');
  });

  it('makes a punished subject a key target with its reason; ending the case lifts it', async () => {
    const { tag } = unique();
    const m = await publishedMeasure({
      kind: '惩戒',
      matter: `列为重点监管对象${tag}`,
      target: '严重违法失信主体',
      means: '提高抽查比例和频次',
    });
    const s = await freshSubject();
    const { ids } = await initiate(m.id, [s.id], '2027-06-30');
    const listed = await keyTargetsOf(s.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      reason_kind: '联合惩戒',
      source_ref: `measure_case:${ids[0]}`,
      expires_on: '2027-06-30',
      lifted_at: null,
    });
    expect(listed[0]!.reason).toContain(`列为重点监管对象${tag}`);
    expect(await flagOf(s.id)).toBe(true);

    // The same subject cannot be named twice under one measure while in force.
    const twice = await call(t.app, office, 'POST', '/api/credit-measures/cases', {
      measureId: m.id,
      subjectIds: [s.id],
      reason: '重复',
      basisDocument: '文书',
      validFrom: '2026-12-07',
      validTo: '2027-06-30',
    });
    expect(twice.statusCode).toBe(409);
    // Nor can its measure be withdrawn while it is.
    const withdraw = await call(t.app, office, 'POST', `/api/credit-measures/measures/${m.id}/withdraw`, {
      reason: '依据废止',
    });
    expect(withdraw.statusCode).toBe(409);

    const ended = await call(t.app, office, 'POST', `/api/credit-measures/cases/${ids[0]}/end`, {
      reason: '信用修复完成',
    });
    expect(ended.statusCode, ended.body).toBe(204);
    const lifted = await keyTargetsOf(s.id);
    expect(lifted[0]!.lifted_at).not.toBeNull();
    expect(lifted[0]!.lift_reason).toBe('信用修复完成');
    expect(await flagOf(s.id)).toBe(false);
    const state = (await call(t.app, office, 'GET', `/api/credit-measures/cases/${ids[0]}`)).json().state;
    expect(state).toBe('已解除');
  });

  it('leaves a rewarded subject alone (无事不扰) while the case is in force, only where the means grant it', async () => {
    const { tag } = unique();
    const undisturbed = await publishedMeasure({
      kind: '激励',
      matter: `无事不扰${tag}`,
      target: '信用评价 A 类企业',
      means: '无事不扰，减少检查频次',
    });
    const fastTrack = await publishedMeasure({
      kind: '激励',
      matter: `容缺受理${tag}`,
      target: '信用评价 A 类企业',
      means: '行政审批容缺受理',
    });
    const a = await freshSubject();
    const b = await freshSubject();
    await initiate(undisturbed.id, [a.id], '2027-03-31');
    await initiate(fastTrack.id, [b.id], '2027-03-31');
    const today = await undisturbedSubjectIds(t.deps.db, '2026-12-07');
    expect(today).toContain(a.id);
    expect(today).not.toContain(b.id);
    expect(await undisturbedSubjectIds(t.deps.db, '2027-04-01')).not.toContain(a.id);
    // A reward does not make a key target.
    expect(await keyTargetsOf(a.id)).toHaveLength(0);
  });

  it('flags a punished subject to licensing staff at 双告知', async () => {
    const { tag } = unique();
    const m = await publishedMeasure({
      kind: '惩戒',
      matter: `从严审核行政许可${tag}`,
      target: '严重违法失信主体',
      means: '审批时从严审核',
    });
    const s = await freshSubject();
    await receiveRegistration(t.deps, { uscc: s.uscc, name: s.name, event: '变更', registeredOn: '2026-12-07' });
    const spj = await login(t.app, 'spj_xk');
    const before = (
      await call(t.app, spj, 'GET', `/api/dual-notice/cases?keyword=${encodeURIComponent(s.uscc)}`)
    ).json();
    expect(before.items[0].punishments).toEqual([]);
    await initiate(m.id, [s.id]);
    const cases = (
      await call(t.app, spj, 'GET', `/api/dual-notice/cases?keyword=${encodeURIComponent(s.uscc)}`)
    ).json();
    expect(cases.items[0].punishments).toEqual([`从严审核行政许可${tag}`]);
    const detail = (await call(t.app, spj, 'GET', `/api/dual-notice/cases/${cases.items[0].registrationId}`)).json();
    expect(detail.punishments).toEqual([`从严审核行政许可${tag}`]);
  });
});
