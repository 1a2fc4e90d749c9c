import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishingActivity } from '../../src/portal-content/publishing-activity.service';
import { createPenalty } from '../support/factories/decision.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let scjgStaff: Session;
let yjglAdmin: Session;
let lianxi: Session;
let scjg: number;
let yjgl: number;
const tag = unique().tag;

const departmentId = async (name: string) =>
  Number(
    (await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id,
  );

const caseInput = (overrides: object = {}) => ({
  title: `某超市销售过期食品案${tag}`,
  subjectCategory: '法人及非法人组织',
  subjectName: `日照曝光测试${tag}超市有限公司`,
  uscc: unique().uscc,
  violation: '经营超过保质期的预包装食品 12 袋。',
  handling: '没收违法所得，罚款人民币 5000 元。',
  legalBasis: '《中华人民共和国食品安全法》第三十四条第十项、第一百二十四条',
  decidedOn: '2026-11-10',
  ...overrides,
});

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  [scjgStaff, yjglAdmin, lianxi] = await Promise.all(
    ['scjg_staff', 'yjgl_admin', 'lianxi'].map((u) => login(t.app, u)),
  );
  scjg = await departmentId('市市场监督管理局');
  yjgl = await departmentId('市应急管理局');
});
afterAll(async () => {
  await t.app.close();
});

describe('曝光台', () => {
  let id: number;

  it('a department publishes a case, linked to its own penalty decision; the portal shows it at once; audited', async () => {
    const penaltyId = await createPenalty(t, { department: '市市场监督管理局', decidedOn: '2026-11-10' });
    const foreign = await createPenalty(t, { department: '市应急管理局', decidedOn: '2026-11-10' });
    const options = await call(t.app, scjgStaff, 'GET', '/api/portal/exposure-cases/penalties');
    expect(options.json().some((p: { id: number }) => p.id === penaltyId)).toBe(true);
    expect(options.json().some((p: { id: number }) => p.id === foreign)).toBe(false);
    const wrong = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/exposure-cases',
      caseInput({ penaltyRecordId: foreign }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('本部门');
    const res = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/exposure-cases',
      caseInput({ penaltyRecordId: penaltyId }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    id = c.id;
    expect(c).toMatchObject({ status: '已发布', version: 1, departmentId: scjg, penaltyRecordId: penaltyId });
    expect(c.caseNo).toMatch(/^BGT2026-\d{4}$/);
    expect(c.penaltyDocNo).toBeTruthy();
    expect(c.history).toEqual([expect.objectContaining({ version: 1, action: '发布' })]);

    const pub = await call(t.app, null, 'GET', `/api/public/exposure-cases?q=${encodeURIComponent(tag)}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items.map((i: { id: number }) => i.id)).toContain(id);
    const one = (await call(t.app, null, 'GET', `/api/public/exposure-cases/${id}`)).json();
    expect(one.penaltyDocNo).toBe(c.penaltyDocNo);
    expect(one).not.toHaveProperty('withdrawReason');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'exposure_case')
      .where('entity_id', '=', c.caseNo)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['exposure_case.publish']);
  });

  it('refuses bad input with a Chinese message naming the field', async () => {
    const person = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/exposure-cases',
      caseInput({ subjectCategory: '自然人' }),
    );
    expect(person.statusCode).toBe(400);
    expect(JSON.stringify(person.json())).toContain('自然人不填写统一社会信用代码');
    const future = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/exposure-cases',
      caseInput({ decidedOn: '2026-12-01' }),
    );
    expect(future.statusCode).toBe(400);
    const badCode = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/exposure-cases',
      caseInput({ uscc: '91350100M000100Y40' }),
    );
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.message).toContain('统一社会信用代码');
  });

  it('a natural person is shown by surname only and without any code', async () => {
    const res = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/exposure-cases',
      caseInput({ subjectCategory: '自然人', subjectName: '王建国', uscc: null, title: `流动摊贩无证经营案${tag}` }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const pub = (await call(t.app, null, 'GET', `/api/public/exposure-cases/${res.json().id}`)).json();
    expect(pub.subjectName).toBe('王某');
    expect(pub.uscc).toBeNull();
    const list = await call(t.app, null, 'GET', `/api/public/exposure-cases?q=${encodeURIComponent('王建国')}`);
    expect(list.json().items).toEqual([]);
  });

  it('another department cannot see or change the case (404); the joint office may', async () => {
    expect((await call(t.app, yjglAdmin, 'GET', `/api/portal/exposure-cases/${id}`)).statusCode).toBe(404);
    const change = await call(t.app, yjglAdmin, 'PUT', `/api/portal/exposure-cases/${id}`, caseInput());
    expect(change.statusCode).toBe(404);
    const withdraw = await call(t.app, yjglAdmin, 'POST', `/api/portal/exposure-cases/${id}/withdraw`, {
      reason: '越权',
    });
    expect(withdraw.statusCode).toBe(404);
    const list = await call(t.app, yjglAdmin, 'GET', '/api/portal/exposure-cases?pageSize=200');
    expect(list.json().items.every((c: { departmentId: number }) => c.departmentId === yjgl)).toBe(true);
    expect((await call(t.app, lianxi, 'GET', `/api/portal/exposure-cases/${id}`)).statusCode).toBe(200);
    const asOther = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/exposure-cases',
      caseInput({ departmentId: yjgl }),
    );
    expect(asOther.statusCode).toBe(403);
  });

  it('updates make a new version and keep the old text in the history; withdrawal takes it off the portal but keeps it', async () => {
    const upd = await call(
      t.app,
      scjgStaff,
      'PUT',
      `/api/portal/exposure-cases/${id}`,
      caseInput({ handling: '没收违法所得，罚款人民币 8000 元。', note: '更正罚款金额' }),
    );
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().version).toBe(2);
    expect(upd.json().penaltyRecordId).toBeNull();
    const noReason = await call(t.app, scjgStaff, 'POST', `/api/portal/exposure-cases/${id}/withdraw`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const wd = await call(t.app, scjgStaff, 'POST', `/api/portal/exposure-cases/${id}/withdraw`, {
      reason: '当事人已完成信用修复',
    });
    expect(wd.statusCode, wd.body).toBe(200);
    expect(wd.json()).toMatchObject({ status: '已撤回', withdrawReason: '当事人已完成信用修复', version: 3 });
    expect(wd.json().history.map((h: { action: string }) => h.action)).toEqual(['发布', '更新', '撤回']);
    expect(wd.json().history[1].note).toBe('更正罚款金额');
    expect((await call(t.app, null, 'GET', `/api/public/exposure-cases/${id}`)).statusCode).toBe(404);
    expect((await call(t.app, scjgStaff, 'PUT', `/api/portal/exposure-cases/${id}`, caseInput())).statusCode).toBe(409);
    const events = await t.deps.db
      .selectFrom('exposure_case_events')
      .select('snapshot')
      .where('case_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events[0]!.snapshot['handling']).toBe('没收违法所得，罚款人民币 5000 元。');
    await expect(t.deps.db.deleteFrom('exposure_case_events').where('case_id', '=', id).execute()).rejects.toThrow(
      /不能修改或删除/,
    );
  });
});

describe('监管动态 and the publishing activity the performance evaluation reads', () => {
  it('news: published today or on a later date (shown from then), withdrawn ones leave the portal', async () => {
    const now = await call(t.app, yjglAdmin, 'POST', '/api/portal/news', {
      title: `应急管理局开展危化品专项检查${tag}`,
      body: '近日，市应急管理局对辖区危险化学品经营企业开展专项检查。',
    });
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json().publishedOn).toBe('2026-11-20');
    const later = await call(t.app, yjglAdmin, 'POST', '/api/portal/news', {
      title: `预告：安全生产月活动${tag}`,
      body: '下月举办。',
      publishedOn: '2026-11-25',
    });
    const pub = await call(t.app, null, 'GET', `/api/public/news?q=${encodeURIComponent(tag)}`);
    expect(pub.json().items.map((n: { id: number }) => n.id)).toEqual([now.json().id]);
    expect((await call(t.app, null, 'GET', `/api/public/news/${later.json().id}`)).statusCode).toBe(404);
    expect(
      (await call(t.app, scjgStaff, 'PUT', `/api/portal/news/${now.json().id}`, { title: '改', body: '改写' }))
        .statusCode,
    ).toBe(404);
    const wd = await call(t.app, yjglAdmin, 'POST', `/api/portal/news/${later.json().id}/withdraw`, {
      reason: '活动取消',
    });
    expect(wd.json().status).toBe('已撤回');
  });

  it('publishingActivity counts each department’s news and cases within the period and its last publication day', async () => {
    // A department of its own so the counts are exactly those of this test.
    const dept = await call(t.app, await login(t.app, 'admin'), 'POST', '/api/departments', {
      name: `测试发布部门${tag}`,
      code: unique().uscc,
      kind: '行业主管',
      divisionCode: '371102',
    });
    expect(dept.statusCode, dept.body).toBe(200);
    const d = dept.json().id as number;
    const post = (path: string, body: object) => call(t.app, lianxi, 'POST', path, { ...body, departmentId: d });
    setChinaTime(t, '2026-10-08T09:00:00');
    await post('/api/portal/news', { title: '十月动态', body: '正文', publishedOn: '2026-10-08' });
    const c1 = await post('/api/portal/exposure-cases', caseInput({ decidedOn: '2026-09-30' }));
    expect(c1.statusCode, c1.body).toBe(200);
    setChinaTime(t, '2026-11-03T09:00:00');
    await post('/api/portal/news', { title: '十一月动态', body: '正文' });
    const c2 = await post('/api/portal/exposure-cases', caseInput({ decidedOn: '2026-11-01' }));
    const withdrawn = await post('/api/portal/news', { title: '撤回的动态', body: '正文' });
    await call(t.app, lianxi, 'POST', `/api/portal/news/${withdrawn.json().id}/withdraw`, { reason: '发错' });
    setChinaTime(t, '2026-11-18T09:00:00');
    await call(
      t.app,
      lianxi,
      'PUT',
      `/api/portal/exposure-cases/${c1.json().id}`,
      caseInput({ decidedOn: '2026-09-30', note: '补充' }),
    );
    setChinaTime(t, '2026-11-20T10:00:00');
    expect(c2.statusCode).toBe(200);

    const nov = (await publishingActivity(t.deps.db, { from: '2026-11-01', to: '2026-11-30' })).get(d);
    expect(nov).toEqual({ news: 1, exposureCases: 1, lastPublishedOn: '2026-11-18' });
    const oct = (await publishingActivity(t.deps.db, { from: '2026-10-01', to: '2026-10-31' })).get(d);
    expect(oct).toEqual({ news: 1, exposureCases: 1, lastPublishedOn: '2026-10-08' });
    const sep = (await publishingActivity(t.deps.db, { from: '2026-09-01', to: '2026-09-30' })).get(d);
    expect(sep).toBeUndefined();
    expect(
      (await publishingActivity(t.deps.db, { from: '2026-11-01', to: '2026-11-30' })).get(scjg)?.exposureCases,
    ).toBeGreaterThan(0);
  });
});
