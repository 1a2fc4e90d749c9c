import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, demoIdCard, login, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Awaited<ReturnType<typeof login>>;

beforeAll(async () => {
  t = await testApp();
});
// Tests move the clock; a fresh administrator session keeps each test independent of idle expiry.
beforeEach(async () => {
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

async function newUser(roleCodes = ['dept_staff'], password = 'Ceshi#2026a') {
  const { tag } = unique();
  const username = `u${tag}`;
  const res = await call(t.app, admin, 'POST', '/api/users', {
    username,
    name: `测试${tag}`,
    idCard: demoIdCard('371102', Number(tag) % 900),
    phone: '13800000000',
    departmentId: 2,
    roleCodes,
    password,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { username, password, id: res.json().id as number };
}

describe('login', () => {
  it('signs in with an httpOnly cookie and reports the user, roles and permissions', async () => {
    const session = await login(t.app, 'scjg_admin');
    const me = (await call(t.app, session, 'GET', '/api/auth/me')).json().user;
    expect(me).toMatchObject({ username: 'scjg_admin', departmentName: '市市场监督管理局' });
    expect(me.scopes['system:user:write']).toBe('own_department');
    const joint = (await call(t.app, await login(t.app, 'lianxi'), 'GET', '/api/auth/me')).json().user;
    expect(joint.scopes['system:user:read']).toBe('all');
    expect(me.permissions).toContain('system:user:write');
    expect(me.permissions).not.toContain('system:role:write');
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const unknown = await call(t.app, null, 'POST', '/api/auth/login', { username: 'nobody', password: 'x' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('用户名或密码错误');
  });
  // Lock-out, back-off and identical answers: test/auth/account-security.test.ts.

  it('refuses disabled accounts', async () => {
    const user = await newUser();
    const res = await call(t.app, admin, 'PUT', `/api/users/${user.id}`, {
      name: '停用者',
      phone: '13800000000',
      departmentId: 2,
      roleCodes: ['dept_staff'],
      status: 'disabled',
    });
    expect(res.statusCode, res.body).toBe(200);
    const attempt = await call(t.app, null, 'POST', '/api/auth/login', {
      username: user.username,
      password: user.password,
    });
    expect(attempt.statusCode).toBe(401);
    expect(attempt.json().error.message).toContain('停用');
  });
});

describe('login rate limit', () => {
  it('answers 429 in Chinese once an address exceeds the login attempts per minute', async () => {
    const limited = await testApp({ loginRatePerMinute: 3 });
    try {
      const attempt = () => call(limited.app, null, 'POST', '/api/auth/login', { username: 'nobody', password: 'x' });
      for (let i = 0; i < 3; i += 1) expect((await attempt()).statusCode).toBe(401);
      const fourth = await attempt();
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().error.message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    } finally {
      await limited.app.close();
    }
  });
});

describe('sessions', () => {
  it('answers 401 to calls without a session', async () => {
    for (const url of ['/api/users', '/api/departments', '/api/audit', '/api/calendar/years', '/api/auth/me']) {
      const res = await call(t.app, null, 'GET', url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.message).toBe('请先登录');
    }
    expect((await call(t.app, { headers: { cookie: 'lj_session=forged' } }, 'GET', '/api/users')).statusCode).toBe(401);
  });

  it('expires a browser session after the idle time, but not while it is in use', async () => {
    const session = await login(t.app, 'scjg_staff');
    t.clock.advanceMinutes(25);
    expect((await call(t.app, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(25);
    expect((await call(t.app, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const expired = await call(t.app, session, 'GET', '/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(expired.json().error.message).toContain('超时');
  });

  it('ends the session on logout', async () => {
    const session = await login(t.app, 'scjg_staff');
    expect((await call(t.app, session, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await call(t.app, session, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('accepts bearer tokens for system integration, which do not idle out and can be revoked', async () => {
    const issued = await call(t.app, admin, 'POST', '/api/tokens', { userId: 1, name: '省一体化监管平台' });
    expect(issued.statusCode, issued.body).toBe(200);
    const bearer = { headers: { authorization: `Bearer ${issued.json().token}` } };
    expect((await call(t.app, bearer, 'GET', '/api/departments')).statusCode).toBe(200);
    t.clock.advanceMinutes(24 * 60);
    expect((await call(t.app, bearer, 'GET', '/api/departments')).statusCode).toBe(200);
    admin = await login(t.app, 'admin');
    expect((await call(t.app, admin, 'DELETE', `/api/tokens/${issued.json().id}`)).statusCode).toBe(204);
    expect((await call(t.app, bearer, 'GET', '/api/departments')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('needs the current password and a strong new one, then ends the other sessions', async () => {
    const user = await newUser();
    const first = await login(t.app, user.username, user.password);
    const second = await login(t.app, user.username, user.password);
    const wrongOld = await call(t.app, first, 'POST', '/api/auth/password', {
      oldPassword: 'Nope#2026x',
      newPassword: 'Xinmima#2027',
    });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().error.message).toBe('原密码不正确');
    const weak = await call(t.app, first, 'POST', '/api/auth/password', {
      oldPassword: user.password,
      newPassword: '12345678',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('至少包含');
    expect(
      (
        await call(t.app, first, 'POST', '/api/auth/password', {
          oldPassword: user.password,
          newPassword: 'Xinmima#2027',
        })
      ).statusCode,
    ).toBe(204);
    expect((await call(t.app, first, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, second, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(
      (await call(t.app, null, 'POST', '/api/auth/login', { username: user.username, password: user.password }))
        .statusCode,
    ).toBe(401);
    await login(t.app, user.username, 'Xinmima#2027');
  });
});
