import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

describe('departments', () => {
  it('creates a department and lists it with its parent', async () => {
    const { tag, uscc } = unique();
    const res = await call(t.app, admin, 'POST', '/api/departments', {
      name: `东港区市场监管分局${tag}`,
      code: uscc,
      kind: '行业主管',
      divisionCode: '371102',
      parentId: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    const listed = (await call(t.app, admin, 'GET', `/api/departments?q=${encodeURIComponent(`分局${tag}`)}`)).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({
      code: uscc,
      parentName: '市市场监督管理局',
      status: 'active',
      userCount: 0,
    });
  });

  it('explains in Chinese why a USCC is invalid, per field', async () => {
    const res = await call(t.app, admin, 'POST', '/api/departments', {
      name: '校验测试局',
      code: '91350100M000100Y44',
      kind: '行业主管',
      divisionCode: '37110',
      parentId: null,
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { field: string; message: string }[];
    expect(details).toContainEqual({
      field: 'code',
      message: '统一社会信用代码无效：第 18 位校验码错误（应为 3，实际 4）',
    });
    expect(details.find((d) => d.field === 'divisionCode')?.message).toBe('行政区划代码应为 6 位数字');
  });

  it('refuses duplicate names and parent cycles', async () => {
    const dup = await call(t.app, admin, 'POST', '/api/departments', {
      name: '市应急管理局',
      code: unique().uscc,
      kind: '行业主管',
      divisionCode: '371100',
      parentId: null,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('部门名称“市应急管理局”已存在');
    const { tag, uscc } = unique();
    const child = (
      await call(t.app, admin, 'POST', '/api/departments', {
        name: `子部门${tag}`,
        code: uscc,
        kind: '行业主管',
        divisionCode: '371100',
        parentId: 2,
      })
    ).json();
    const parent = (await call(t.app, admin, 'GET', '/api/departments?q=市市场监督管理局')).json().items[0];
    const cycle = await call(t.app, admin, 'PUT', `/api/departments/${parent.id}`, {
      name: parent.name,
      code: parent.code,
      kind: parent.kind,
      divisionCode: parent.divisionCode,
      parentId: child.id,
      status: 'active',
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toContain('不能是本部门或其下级部门');
  });
});

describe('users', () => {
  it('stores only the masked ID-card number', async () => {
    const { tag } = unique();
    const idCard = demoIdCard('371102', 77);
    const res = await call(t.app, admin, 'POST', '/api/users', {
      username: `m${tag}`,
      name: '马晓东',
      idCard,
      phone: '0633-8771234',
      departmentId: 2,
      roleCodes: ['inspector'],
      password: 'Ceshi#2026a',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().idCardMasked).toBe(`${idCard.slice(0, 6)}********${idCard.slice(14)}`);
    const { rows } = await t.deps.db
      .selectFrom('users')
      .select('id_card_masked')
      .where('username', '=', `m${tag}`)
      .execute()
      .then((r) => ({ rows: r }));
    expect(rows[0]!.id_card_masked).not.toContain(idCard.slice(6, 14));
  });

  it('rejects bad ID numbers, phones, weak passwords and duplicate user names with field messages', async () => {
    const bad = await call(t.app, admin, 'POST', '/api/users', {
      username: 'x',
      name: '李',
      idCard: '371102198001011234',
      phone: '123',
      departmentId: 2,
      roleCodes: [],
      password: 'Ceshi#2026a',
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['idCard', 'name', 'phone', 'roleCodes', 'username']);
    const weak = await call(t.app, admin, 'POST', '/api/users', {
      username: `w${unique().tag}`,
      name: '王五',
      idCard: demoIdCard('371102', 5),
      phone: '13800000000',
      departmentId: 2,
      roleCodes: ['inspector'],
      password: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    const dup = await call(t.app, admin, 'POST', '/api/users', {
      username: 'admin',
      name: '王五',
      idCard: demoIdCard('371102', 5),
      phone: '13800000000',
      departmentId: 2,
      roleCodes: ['inspector'],
      password: 'Ceshi#2026a',
    });
    expect(dup.statusCode).toBe(409);
  });
});
