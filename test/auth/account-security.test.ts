import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_CEILING } from '../../src/auth/login-throttle';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

// Lock-out that a caller cannot aim at someone else, answers that do not tell which user names exist
// (hardening finding 8), and the forced change of a password someone else set (finding 10).
let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
});
beforeEach(async () => {
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

async function newUser(password = 'Ceshi#2026a') {
  const { tag } = unique();
  const username = `s${tag}`;
  const res = await call(t.app, admin, 'POST', '/api/users', {
    username,
    name: `安全${tag}`,
    idCard: demoIdCard('371102', Number(tag) % 900),
    phone: '13800000000',
    departmentId: 2,
    roleCodes: ['dept_staff'],
    password,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { username, password, id: res.json().id as number };
}

/** A login attempt from a client address, with a browser's User-Agent. */
const attempt = (username: string, password: string, address = '198.51.100.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: address,
    headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) 测试浏览器' },
  });

const answer = (res: Awaited<ReturnType<typeof attempt>>) => ({
  status: res.statusCode,
  code: res.json().error?.code,
  message: res.json().error?.message,
});

const sessionOf = (res: Awaited<ReturnType<typeof attempt>>): Session => ({
  // With the web client's header (src/http/csrf.ts), as login() in test/support/http.ts gives it.
  headers: {
    cookie: `lj_session=${res.cookies.find((c) => c.name === 'lj_session')!.value}`,
    'x-lianjian-request': '1',
  },
});

describe('lock-out per account and address', () => {
  it('an anonymous caller failing 10 times from one address does not stop the user from another', async () => {
    const user = await newUser();
    const answers = [];
    for (let i = 0; i < 10; i += 1)
      answers.push((await attempt(user.username, 'Wrong#2026', '203.0.113.7')).statusCode);
    expect(answers.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(answers[4]).toBe(423);
    // Refused from the attacker's address, even with the right password...
    expect((await attempt(user.username, user.password, '203.0.113.7')).statusCode).toBe(423);
    // ...while the user signs in from their own.
    const own = await attempt(user.username, user.password, '198.51.100.20');
    expect(own.statusCode, own.body).toBe(200);
  });

  it('refuses an address for longer after each further failure: 1, 2, 4 … minutes, at most 15', async () => {
    const user = await newUser();
    const from = '203.0.113.8';
    for (let i = 0; i < 4; i += 1) expect((await attempt(user.username, 'Wrong#2026', from)).statusCode).toBe(401);
    const refusals: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await attempt(user.username, 'Wrong#2026', from);
      expect(res.statusCode).toBe(423);
      const retryAt = Date.parse(res.json().error.details.retryAt);
      refusals.push((retryAt - t.clock.now().getTime()) / 60_000);
      // Still refused just before the time, even with the right password; the refusal is not extended by it.
      t.clock.advanceMinutes(refusals.at(-1)! - 0.1);
      expect((await attempt(user.username, user.password, from)).statusCode).toBe(423);
      t.clock.advanceMinutes(0.2);
    }
    expect(refusals).toEqual([1, 2, 4, 8, 15, 15]);
    // Once a refusal has run out the right password gets in, and the count starts over.
    expect((await attempt(user.username, user.password, from)).statusCode).toBe(200);
    expect((await attempt(user.username, 'Wrong#2026', from)).statusCode).toBe(401);
  });

  it('counts guesses sent in parallel from one address, so a burst cannot slip past the back-off', async () => {
    const user = await newUser();
    const from = '203.0.113.10';
    const burst = await Promise.all(Array.from({ length: 10 }, () => attempt(user.username, 'Wrong#2026', from)));
    expect(burst.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(1);
    const after = await attempt(user.username, user.password, from);
    expect(after.statusCode).toBe(423);
  });

  it('tells the platform administrators when an account is locked out, and audits it', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i += 1) await attempt(user.username, 'Wrong#2026', '203.0.113.9');
    const inbox = (await call(t.app, admin, 'GET', '/api/notifications?pageSize=50')).json().items;
    const note = inbox.find((n: { title: string }) => n.title.includes(user.username));
    expect(note).toMatchObject({ kind: 'account_locked' });
    expect(note.body).toContain('203.0.113.9');
    expect(note.body).toContain('其他地址不受影响');
    const audit = (await call(t.app, admin, 'GET', `/api/audit?entityId=${user.id}&pageSize=50`)).json().items;
    const actions = audit.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'auth.login_failed')).toHaveLength(5);
    expect(actions).toContain('auth.lock');
  });

  it(`locks the account after ${ACCOUNT_CEILING} failures in an hour from all addresses, until an administrator unlocks it, and an unknown name alike`, async () => {
    const user = await newUser();
    const ghost = `ghost${unique().tag}`;
    // Thirteen addresses, at most four failures each: no address reaches its own back-off.
    const run = async (name: string) => {
      const answers = [];
      for (let i = 0; i < ACCOUNT_CEILING + 1; i += 1)
        answers.push(answer(await attempt(name, 'Wrong#2026', `192.0.2.${(i % 13) + 1}`)));
      return answers;
    };
    const known = await run(user.username);
    expect(known.slice(0, ACCOUNT_CEILING - 1).every((a) => a.status === 401)).toBe(true);
    const locked = {
      status: 423,
      code: 'ACCOUNT_LOCKED',
      message: '该账号登录失败次数过多，已被锁定，请联系管理员解锁',
    };
    expect(known.slice(ACCOUNT_CEILING - 1)).toEqual([locked, locked]);
    expect(await run(ghost)).toEqual(known);
    // From anywhere, with the right password, and hours later: still locked, as the unknown name is.
    t.clock.advanceMinutes(120);
    expect(answer(await attempt(user.username, user.password, '198.51.100.77'))).toEqual(locked);
    expect(answer(await attempt(ghost, user.password, '198.51.100.77'))).toEqual(locked);
    admin = await login(t.app, 'admin');
    const listed = (await call(t.app, admin, 'GET', `/api/users?q=${user.username}`)).json().items[0];
    expect(listed.lockedAt).not.toBeNull();
    const inbox = (await call(t.app, admin, 'GET', '/api/notifications?pageSize=50')).json().items;
    expect(inbox.filter((n: { title: string }) => n.title === `账号 ${user.username} 已被锁定`)).toHaveLength(1);
    expect(inbox.some((n: { title: string }) => n.title.includes(ghost))).toBe(false);
    expect((await call(t.app, admin, 'POST', `/api/users/${user.id}/unlock`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'GET', `/api/users?q=${user.username}`)).json().items[0].lockedAt).toBeNull();
    expect((await attempt(user.username, user.password, '198.51.100.77')).statusCode).toBe(200);
  }, 180_000);
});

describe('answers that do not tell whether a user name exists', () => {
  it('answers an unknown user name and a wrong password alike, with no count of attempts left', async () => {
    const user = await newUser();
    const ghost = `ghost${unique().tag}`;
    const wrong = answer(await attempt(user.username, 'Wrong#2026', '203.0.113.20'));
    const unknown = answer(await attempt(ghost, 'Wrong#2026', '203.0.113.20'));
    expect(wrong).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    expect(unknown).toEqual(wrong);
  });

  it('locks an unknown user name from an address exactly as an existing one, answer for answer', async () => {
    const user = await newUser();
    const ghost = `ghost${unique().tag}`;
    const known: object[] = [];
    const unknown: object[] = [];
    for (let i = 0; i < 7; i += 1) {
      known.push(answer(await attempt(user.username, 'Wrong#2026', '203.0.113.21')));
      unknown.push(answer(await attempt(ghost, 'Wrong#2026', '203.0.113.21')));
    }
    expect(unknown).toEqual(known);
    expect(known[4]).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED' });
    expect((known[4] as { message: string }).message).toMatch(/^连续登录失败次数过多，请于 \d\d:\d\d 后再试/);
    // The right password from the refused address gets the same answer as the unknown name.
    expect(answer(await attempt(user.username, user.password, '203.0.113.21'))).toEqual(
      answer(await attempt(ghost, user.password, '203.0.113.21')),
    );
  });

  it('audits failed logins of unknown user names too, with the name tried and the address', async () => {
    const ghost = `ghost${unique().tag}`;
    await attempt(ghost, 'Wrong#2026', '203.0.113.22');
    const audit = (await call(t.app, admin, 'GET', '/api/audit?action=auth.login_failed&pageSize=20')).json().items;
    const entry = audit.find((e: { summary: string }) => e.summary.startsWith(ghost));
    expect(entry).toMatchObject({ actorUserId: null, ip: '203.0.113.22' });
    expect(entry.summary).toContain('用户名不存在');
  });
});

describe('password policy', () => {
  it('refuses common and published passwords when creating a user, resetting and changing', async () => {
    for (const password of ['Passw0rd', 'P@ssw0rd', 'Admin@123', 'Aa123456', 'Qwer1234!', 'Lianjian@2026']) {
      const { tag } = unique();
      const res = await call(t.app, admin, 'POST', '/api/users', {
        username: `p${tag}`,
        name: `口令${tag}`,
        idCard: demoIdCard('371102', Number(tag) % 900),
        phone: '13800000000',
        departmentId: 2,
        roleCodes: ['dept_staff'],
        password,
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.message, password).toMatch(/常见|键盘/);
    }
    const user = await newUser();
    const reset = await call(t.app, admin, 'POST', `/api/users/${user.id}/reset-password`, {
      password: 'LIANJIAN@2026',
    });
    expect(reset.statusCode).toBe(400);
    const same = await call(t.app, admin, 'POST', `/api/users/${user.id}/reset-password`, { password: user.password });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toBe('新密码不能与当前密码相同');
    const session = await login(t.app, user.username, user.password);
    const change = await call(t.app, session, 'POST', '/api/auth/password', {
      oldPassword: user.password,
      newPassword: 'Passw0rd',
    });
    expect(change.statusCode).toBe(400);
  });
});

describe('password change required at first login and after a reset', () => {
  it('blocks every other API until the password is changed, and an administrator reset sets it again', async () => {
    const user = await newUser();
    const first = await attempt(user.username, user.password);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    const session = sessionOf(first);
    expect((await call(t.app, session, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    for (const url of ['/api/departments', '/api/subjects', '/api/notifications']) {
      const res = await call(t.app, session, 'GET', url);
      expect(answer(res), url).toEqual({
        status: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: '首次登录或密码被重置后须先修改密码',
      });
    }
    const changed = await call(t.app, session, 'POST', '/api/auth/password', {
      oldPassword: user.password,
      newPassword: 'Xinmima#2027',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await call(t.app, session, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await call(t.app, session, 'GET', '/api/departments')).statusCode).toBe(200);

    const reset = await call(t.app, admin, 'POST', `/api/users/${user.id}/reset-password`, {
      password: 'Chongzhi#2028',
    });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await call(t.app, session, 'GET', '/api/departments')).statusCode).toBe(401);
    const again = await attempt(user.username, 'Chongzhi#2028');
    expect(again.json().user.mustChangePassword).toBe(true);
    expect((await call(t.app, sessionOf(again), 'GET', '/api/departments')).statusCode).toBe(403);
    expect((await call(t.app, sessionOf(again), 'POST', '/api/auth/logout')).statusCode).toBe(204);
  });

  it('does not hold integration tokens to the change', async () => {
    const user = await newUser();
    const issued = await call(t.app, admin, 'POST', '/api/tokens', { userId: user.id, name: '测试对接系统' });
    const bearer = { headers: { authorization: `Bearer ${issued.json().token}` } };
    expect((await call(t.app, bearer, 'GET', '/api/departments')).statusCode).toBe(200);
  });
});

describe('online sessions', () => {
  it('lists active browser sessions for the platform administrator, who can end one', async () => {
    const user = await newUser();
    const signedIn = await attempt(user.username, user.password, '198.51.100.44');
    const session = sessionOf(signedIn);
    const list = await call(t.app, admin, 'GET', '/api/sessions');
    expect(list.statusCode, list.body).toBe(200);
    const mine = list.json().items.filter((s: { username: string }) => s.username === user.username);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      name: expect.stringContaining('安全'),
      departmentName: expect.any(String),
      address: '198.51.100.44',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0) 测试浏览器',
      current: false,
    });
    expect(list.json().items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    expect((await call(t.app, admin, 'DELETE', `/api/sessions/${mine[0].id}`)).statusCode).toBe(204);
    const after = await call(t.app, session, 'GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    const ids = (await call(t.app, admin, 'GET', '/api/sessions')).json().items.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(mine[0].id);
    const audit = (await call(t.app, admin, 'GET', '/api/audit?action=auth.end_session&pageSize=5')).json().items;
    expect(audit[0].summary).toContain(user.username);
    expect((await call(t.app, admin, 'DELETE', `/api/sessions/${mine[0].id}`)).statusCode).toBe(404);
  });

  it('is for the platform administrator only', async () => {
    const deptAdmin = await login(t.app, 'scjg_admin');
    expect((await call(t.app, deptAdmin, 'GET', '/api/sessions')).statusCode).toBe(403);
  });
});
