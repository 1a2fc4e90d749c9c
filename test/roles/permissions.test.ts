import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let scjgAdmin: Session; // 部门管理员 of 市市场监督管理局 (own-department scope)
let scjgId: number;
let yjglId: number;
let yjglUserId: number;

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
  const users = (await call(t.app, admin, 'GET', '/api/users?q=yjgl_jc01')).json();
  yjglUserId = users.items[0].id;
});
afterAll(() => t.app.close());

const userBody = (departmentId: number, roleCodes = ['inspector']) => {
  const { tag } = unique();
  return {
    username: `p${tag}`,
    name: `权限${tag}`,
    idCard: demoIdCard('371102', Number(tag) % 900),
    phone: '13800000001',
    departmentId,
    roleCodes,
    password: 'Ceshi#2026a',
  };
};

describe('permissions', () => {
  it('answers 403 to a user whose roles lack the permission', async () => {
    const inspector = await login(t.app, 'scjg_jc01');
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['GET', '/api/audit'],
      ['GET', '/api/roles'],
      ['POST', '/api/audit/verify'],
    ] as const) {
      const res = await call(t.app, inspector, method, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.message).toBe('没有执行此操作的权限');
    }
    const create = await call(t.app, inspector, 'POST', '/api/users', userBody(scjgId));
    expect(create.statusCode).toBe(403);
  });

  it('keeps a department administrator inside their own department', async () => {
    const own = await call(t.app, scjgAdmin, 'POST', '/api/users', userBody(scjgId));
    expect(own.statusCode, own.body).toBe(200);

    const other = await call(t.app, scjgAdmin, 'POST', '/api/users', userBody(yjglId));
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('只能操作本部门的数据');

    const edit = await call(t.app, scjgAdmin, 'PUT', `/api/users/${yjglUserId}`, {
      name: '赵磊',
      phone: '13906330007',
      departmentId: yjglId,
      roleCodes: ['inspector'],
      status: 'disabled',
    });
    expect(edit.statusCode).toBe(403);
    const reset = await call(t.app, scjgAdmin, 'POST', `/api/users/${yjglUserId}/reset-password`, {
      password: 'Hacked#2026x',
    });
    expect(reset.statusCode).toBe(403);

    const dept = (await call(t.app, admin, 'GET', `/api/departments?q=市应急管理局`)).json().items[0];
    const editDept = await call(t.app, scjgAdmin, 'PUT', `/api/departments/${yjglId}`, {
      name: dept.name,
      code: dept.code,
      kind: dept.kind,
      divisionCode: '371100',
      parentId: null,
      status: 'disabled',
    });
    expect(editDept.statusCode).toBe(403);
    const after = (await call(t.app, admin, 'GET', `/api/departments?q=市应急管理局`)).json().items[0];
    expect(after.status).toBe('active');
  });

  it('cannot move a user of its own department into another one', async () => {
    const created = (await call(t.app, scjgAdmin, 'POST', '/api/users', userBody(scjgId))).json();
    const move = await call(t.app, scjgAdmin, 'PUT', `/api/users/${created.id}`, {
      name: created.name,
      phone: created.phone,
      departmentId: yjglId,
      roleCodes: ['inspector'],
      status: 'active',
    });
    expect(move.statusCode).toBe(403);
  });

  it('lists only the own department for department-scoped roles, everything for platform administrators', async () => {
    const scoped = (await call(t.app, scjgAdmin, 'GET', '/api/users?pageSize=200')).json();
    expect(scoped.items.length).toBeGreaterThan(0);
    expect(new Set(scoped.items.map((u: { departmentId: number }) => u.departmentId))).toEqual(new Set([scjgId]));
    const all = (await call(t.app, admin, 'GET', '/api/users?pageSize=200')).json();
    expect(all.total).toBeGreaterThan(scoped.total);
    const depts = (await call(t.app, scjgAdmin, 'GET', '/api/departments')).json();
    expect(depts.items.map((d: { id: number }) => d.id)).toEqual([scjgId]);
  });

  it('refuses to let a department administrator hand out rights above their own', async () => {
    const escalate = await call(t.app, scjgAdmin, 'POST', '/api/users', userBody(scjgId, ['platform_admin']));
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().error.message).toContain('平台管理员');
    const newDept = await call(t.app, scjgAdmin, 'POST', '/api/departments', {
      name: `越权部门${unique().tag}`,
      code: unique().uscc,
      kind: '行业主管',
      divisionCode: '371100',
      parentId: null,
    });
    expect(newDept.statusCode).toBe(403);
    const role = await call(t.app, scjgAdmin, 'PUT', '/api/roles/dept_admin', {
      name: '部门管理员',
      description: '',
      dataScope: 'all',
      permissions: ['system:user:write'],
    });
    expect(role.statusCode).toBe(403);
  });

  it('applies a role change to the next request of its holders', async () => {
    const staff = await login(t.app, 'scjg_staff');
    expect((await call(t.app, staff, 'GET', '/api/audit')).statusCode).toBe(403);
    const roles = (await call(t.app, admin, 'GET', '/api/roles')).json().items as {
      code: string;
      permissions: string[];
      name: string;
      description: string;
      dataScope: string;
    }[];
    const staffRole = roles.find((r) => r.code === 'dept_staff')!;
    const grant = await call(t.app, admin, 'PUT', '/api/roles/dept_staff', {
      ...staffRole,
      permissions: [...staffRole.permissions, 'audit:log:read'],
    });
    expect(grant.statusCode, grant.body).toBe(200);
    expect((await call(t.app, staff, 'GET', '/api/audit')).statusCode).toBe(200);
    await call(t.app, admin, 'PUT', '/api/roles/dept_staff', staffRole);
    expect((await call(t.app, staff, 'GET', '/api/audit')).statusCode).toBe(403);
  });
});
