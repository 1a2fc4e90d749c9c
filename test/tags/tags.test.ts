import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let scjgAdmin: Session;
let scjgId: number;
let yjglId: number;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
  scjgAdmin = await login(t.app, 'scjg_admin');
  const options = (await call(t.app, admin, 'GET', '/api/departments/options')).json() as {
    id: number;
    name: string;
  }[];
  scjgId = options.find((d) => d.name === '市市场监督管理局')!.id;
  yjglId = options.find((d) => d.name === '市应急管理局')!.id;
});
afterAll(() => t.app.close());

const tagBody = (departmentId: number, overrides: object = {}) => ({
  code: `t${unique().tag}`,
  name: `测试标签${unique().tag}`,
  departmentId,
  meaning: '测试用的标签含义',
  validFrom: '2026-01-01',
  ...overrides,
});

describe('tags', () => {
  it('ships demo tags assigned by rule, shown on the subject and usable as a list filter', async () => {
    const all = (await call(t.app, admin, 'GET', '/api/tags')).json() as {
      code: string;
      subjectCount: number;
      departmentName: string;
      active: boolean;
    }[];
    const food = all.find((x) => x.code === 'food-business')!;
    expect(food).toMatchObject({ departmentName: '市市场监督管理局', active: true });
    expect(food.subjectCount).toBeGreaterThan(0);
    const tagged = (await call(t.app, admin, 'GET', '/api/subjects?tag=food-business&pageSize=50')).json();
    expect(tagged.total).toBe(Math.min(food.subjectCount, 10_000));
    const first = tagged.items[0];
    expect(
      first.industries.some((i: { code: string }) => i.code.startsWith('522') || i.code.startsWith('62')) ||
        first.businessScope.includes('食品'),
    ).toBe(true);
    const onSubject = (await call(t.app, admin, 'GET', `/api/subjects/${first.id}/tags`)).json() as {
      code: string;
      source: string;
    }[];
    expect(onSubject).toContainEqual(expect.objectContaining({ code: 'food-business', source: 'rule' }));
  });

  it('assigns by rule (industry or keyword), and re-applying removes subjects that no longer match', async () => {
    const created = (
      await call(t.app, admin, 'POST', '/api/tags', tagBody(scjgId, { ruleIndustries: ['6210'] }))
    ).json();
    const first = (await call(t.app, admin, 'POST', `/api/tags/${created.id}/apply-rule`)).json();
    const expected = (await call(t.app, admin, 'GET', '/api/subjects?industry=6210&status=存续&pageSize=1')).json()
      .total;
    expect(first).toEqual({ added: expected, removed: 0, total: expected });
    const again = (await call(t.app, admin, 'POST', `/api/tags/${created.id}/apply-rule`)).json();
    expect(again).toEqual({ added: 0, removed: 0, total: expected });
    const narrowed = await call(t.app, admin, 'PUT', `/api/tags/${created.id}`, {
      ...tagBody(scjgId),
      code: created.code,
      name: created.name,
      ruleIndustries: ['9999'],
    });
    expect(narrowed.statusCode).toBe(400);
    await call(t.app, admin, 'PUT', `/api/tags/${created.id}`, {
      ...tagBody(scjgId),
      code: created.code,
      name: created.name,
      ruleKeywords: ['不存在的经营范围词'],
    });
    const emptied = (await call(t.app, admin, 'POST', `/api/tags/${created.id}/apply-rule`)).json();
    expect(emptied).toEqual({ added: 0, removed: expected, total: 0 });
  });

  it('assigns by list of USCCs and reports codes not in the register', async () => {
    const created = (await call(t.app, admin, 'POST', '/api/tags', tagBody(scjgId))).json();
    const some = (await call(t.app, admin, 'GET', '/api/subjects?pageSize=3'))
      .json()
      .items.map((s: { uscc: string }) => s.uscc);
    const res = (
      await call(t.app, admin, 'POST', `/api/tags/${created.id}/subjects`, {
        usccs: [...some, some[0], '91371102MA00000000'],
      })
    ).json();
    expect(res).toEqual({ added: 3, alreadyTagged: 0, notFound: ['91371102MA00000000'] });
    expect(
      (await call(t.app, admin, 'POST', `/api/tags/${created.id}/subjects`, { usccs: some })).json(),
    ).toMatchObject({ added: 0, alreadyTagged: 3 });
    const tagged = (await call(t.app, admin, 'GET', `/api/subjects?tag=${created.code}`)).json();
    expect(tagged.total).toBe(3);
  });

  it('is inactive outside its validity period', async () => {
    const expired = (
      await call(t.app, admin, 'POST', '/api/tags', tagBody(scjgId, { validFrom: '2020-01-01', validTo: '2020-12-31' }))
    ).json();
    expect(expired.active).toBe(false);
    const bad = await call(
      t.app,
      admin,
      'POST',
      '/api/tags',
      tagBody(scjgId, { validFrom: '2026-05-01', validTo: '2026-04-01' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'validTo', message: '有效期止不能早于有效期起' }]);
  });

  it('lets a department manage only its own tags', async () => {
    const other = (await call(t.app, admin, 'POST', '/api/tags', tagBody(yjglId))).json();
    expect((await call(t.app, scjgAdmin, 'POST', '/api/tags', tagBody(yjglId))).statusCode).toBe(403);
    expect(
      (await call(t.app, scjgAdmin, 'POST', `/api/tags/${other.id}/subjects`, { usccs: ['91350100M000100Y43'] }))
        .statusCode,
    ).toBe(403);
    expect((await call(t.app, scjgAdmin, 'POST', '/api/tags', tagBody(scjgId))).statusCode).toBe(200);
    const inspector = await login(t.app, 'scjg_jc01');
    expect((await call(t.app, inspector, 'GET', '/api/tags')).statusCode).toBe(403);
  });
});
