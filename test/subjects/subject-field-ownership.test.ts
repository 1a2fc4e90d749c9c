import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import { call, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

// Field ownership on subjects (hardening finding 5): the credit class and the whitelist flag belong to the
// credit office, a department's industry risk level to that department; unchanged values sent back are fine.

let t: TestApp;
let admin: Session;
let scjgAdmin: Session; // 部门管理员 of 市市场监督管理局
let licensing: Session; // 登记注册/许可审批 of 市行政审批服务局
let credit: Session; // 信用主管部门 of 市发展改革委

beforeAll(async () => {
  t = await testApp();
  [admin, scjgAdmin, licensing, credit] = await Promise.all(
    ['admin', 'scjg_admin', 'spj_xk', 'fgw_xy'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.app.close());

function enterpriseUscc(): string {
  const org8 = `YX${unique().tag.padStart(6, '0').slice(-6)}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}

const body = (overrides: object = {}) => ({
  uscc: enterpriseUscc(),
  name: `日照归属${unique().tag}商贸有限公司`,
  kind: '企业',
  divisionCode: '371102',
  industryCodes: ['5211'],
  creditClass: null,
  ...overrides,
});

/** A subject the platform admin registered with the 市应急管理局's risk level, class C from a pushed evaluation. */
async function rated() {
  const input = body({ industryRisk: { 市应急管理局: '高' } });
  const res = await call(t.app, admin, 'POST', '/api/subjects', input);
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as number;
  // As a pushed evaluation writes it (src/subjects/subject-credit-class.repository.ts).
  await t.deps.db.updateTable('subjects').set({ credit_class: 'C' }).where('id', '=', id).execute();
  return { id, input: { ...input, creditClass: 'C' } };
}

const stored = async (id: number) =>
  t.deps.db
    .selectFrom('subjects')
    .select(['credit_class', 'whitelisted', 'industry_risk', 'name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('field ownership on PUT /api/subjects/:id', () => {
  it('refuses a department admin changing the credit class, the whitelist or another department’s risk level, naming the field', async () => {
    const { id, input } = await rated();
    const creditChange = await call(t.app, scjgAdmin, 'PUT', `/api/subjects/${id}`, { ...input, creditClass: 'A' });
    expect(creditChange.statusCode).toBe(400);
    expect(creditChange.json().error.message).toContain('信用风险分类由公共信用综合评价产生');
    expect(creditChange.json().error.details).toEqual([{ field: 'creditClass', message: expect.any(String) }]);

    const whitelist = await call(t.app, scjgAdmin, 'PUT', `/api/subjects/${id}`, { ...input, whitelisted: true });
    expect(whitelist.statusCode).toBe(403);
    expect(whitelist.json().error.message).toContain('白名单由信用主管部门维护，部门管理员不能修改');

    const otherRisk = await call(t.app, scjgAdmin, 'PUT', `/api/subjects/${id}`, {
      ...input,
      industryRisk: { 市应急管理局: '低' },
    });
    expect(otherRisk.statusCode).toBe(403);
    expect(otherRisk.json().error.message).toContain('市应急管理局的行业风险等级由市应急管理局维护');
    // Dropping another department's level is a change too.
    const dropped = await call(t.app, scjgAdmin, 'PUT', `/api/subjects/${id}`, { ...input, industryRisk: {} });
    expect(dropped.statusCode).toBe(403);

    expect(await stored(id)).toMatchObject({
      credit_class: 'C',
      whitelisted: false,
      industry_risk: { 市应急管理局: '高' },
    });
  });

  it('refuses the licensing role the same way', async () => {
    const { id, input } = await rated();
    const res = await call(t.app, licensing, 'PUT', `/api/subjects/${id}`, {
      ...input,
      creditClass: 'A',
      whitelisted: true,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['creditClass', 'whitelisted']);
    expect(res.json().error.message).toContain('登记注册/许可审批不能修改');
    expect((await stored(id)).whitelisted).toBe(false);
  });

  it('saves a department admin’s form that sends the stored values back, and its own department’s risk level', async () => {
    const { id, input } = await rated();
    const renamed = `${input.name}（更名）`;
    const res = await call(t.app, scjgAdmin, 'PUT', `/api/subjects/${id}`, {
      ...input,
      name: renamed,
      industryRisk: { 市应急管理局: '高', 市市场监督管理局: '较高' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored(id)).toMatchObject({
      name: renamed,
      credit_class: 'C',
      industry_risk: { 市应急管理局: '高', 市市场监督管理局: '较高' },
    });
    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=subject&entityId=${id}`)).json();
    expect(log.items[0]).toMatchObject({ action: 'subject.update' });
    expect(log.items[0].changes.industryRisk).toEqual([
      { 市应急管理局: '高' },
      { 市应急管理局: '高', 市市场监督管理局: '较高' },
    ]);
  });

  it('refuses a risk level for a department that does not exist, even from the platform admin', async () => {
    const { id, input } = await rated();
    const res = await call(t.app, admin, 'PUT', `/api/subjects/${id}`, {
      ...input,
      industryRisk: { 市应急管理局: '高', 市不存在局: '高' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('“市不存在局”不是平台中的部门');
  });

  it('refuses a department admin registering a subject with a class or on the whitelist, but not with its own risk level', async () => {
    const classed = await call(t.app, scjgAdmin, 'POST', '/api/subjects', body({ creditClass: 'A' }));
    expect(classed.statusCode).toBe(400);
    const whitelisted = await call(t.app, scjgAdmin, 'POST', '/api/subjects', body({ whitelisted: true }));
    expect(whitelisted.statusCode).toBe(403);
    const own = await call(
      t.app,
      scjgAdmin,
      'POST',
      '/api/subjects',
      body({ industryRisk: { 市市场监督管理局: '高' } }),
    );
    expect(own.statusCode, own.body).toBe(200);
  });
});

describe('the credit office', () => {
  it('changes the whitelist flag (audited), and nothing else: no class by hand', async () => {
    const { id, input } = await rated();
    const classed = await call(t.app, credit, 'PUT', `/api/subjects/${id}/credit`, {
      creditClass: 'A',
      whitelisted: true,
    });
    expect(classed.statusCode).toBe(400);
    expect(classed.json().error.message).toContain('不能手工设置');
    const res = await call(t.app, credit, 'PUT', `/api/subjects/${id}/credit`, { whitelisted: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored(id)).toMatchObject({ credit_class: 'C', whitelisted: true });
    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=subject&entityId=${id}`)).json();
    expect(log.items[0].changes).toEqual({ whitelisted: [false, true] });
    // The full edit needs the register right, which the credit office does not hold.
    expect((await call(t.app, credit, 'PUT', `/api/subjects/${id}`, input)).statusCode).toBe(403);
    // And a department admin cannot use the credit office's edit.
    const dept = await call(t.app, scjgAdmin, 'PUT', `/api/subjects/${id}/credit`, {
      creditClass: 'D',
      whitelisted: false,
    });
    expect(dept.statusCode).toBe(403);
    expect((await stored(id)).credit_class).toBe('C');
  });

  it('cannot whitelist a key target', async () => {
    const res = await call(t.app, admin, 'POST', '/api/subjects', body());
    const listed = await call(t.app, admin, 'POST', '/api/key-targets', {
      subjectId: res.json().id,
      reason: '曾被查实存在违法行为',
    });
    expect(listed.statusCode).toBe(201);
    const put = await call(t.app, credit, 'PUT', `/api/subjects/${res.json().id}/credit`, {
      creditClass: null,
      whitelisted: true,
    });
    expect(put.statusCode).toBe(400);
    expect(put.json().error.message).toContain('白名单对象不能同时列为重点抽查对象');
  });

  it('tells each user which fields they maintain', async () => {
    const get = async (s: Session) => (await call(t.app, s, 'GET', '/api/subjects/field-ownership')).json();
    expect(await get(scjgAdmin)).toMatchObject({
      creditClass: false,
      whitelisted: false,
      riskDepartments: ['市市场监督管理局'],
      otherFields: true,
    });
    expect(await get(credit)).toMatchObject({
      creditClass: false,
      whitelisted: true,
      riskDepartments: [],
      otherFields: false,
    });
    expect(await get(admin)).toMatchObject({ creditClass: false, whitelisted: true, riskDepartments: 'all' });
  });
});
