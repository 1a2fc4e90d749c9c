import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

const NUL_MESSAGE = '请求中含有不允许的字符（空字符）';
const SURROGATE_MESSAGE = '请求中含有不允许的字符（不成对的 UTF-16 代理字符）';

/** A JSON body sent as written (escapes such as \u0000 and \ud800 reach the server as the client wrote them). */
const rawJson = (url: string, text: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: text, headers: { ...headers, 'content-type': 'application/json' } });

const subjectCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('subjects')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('one input rule for every route', () => {
  it('a NUL character in the login name (anonymous) is refused with 400, not a database error', async () => {
    const res = await rawJson('/api/auth/login', '{"username":"admin\\u0000","password":"Lianjian@2026"}');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BAD_INPUT', message: NUL_MESSAGE });
    expect(res.json().error.details).toEqual([{ field: 'body.username', message: NUL_MESSAGE }]);
  });

  it('a NUL character in the public search, the query string or a path parameter is refused with 400', async () => {
    for (const url of [
      '/api/public/inspection-results?keyword=%E6%97%A5%00%E7%85%A7',
      '/api/public/sampling-items?q=%00',
      '/api/public/task-announcements/%00DR',
      '/api/public/inspection-codes/abc%00def',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('BAD_INPUT');
    }
    const signedIn = await call(t.app, admin, 'GET', '/api/subjects?q=%00');
    expect(signedIn.statusCode).toBe(400);
    expect(signedIn.json().error.details[0]).toEqual({ field: 'query.q', message: NUL_MESSAGE });
  });

  it('a lone UTF-16 surrogate in an audited write is refused with 400 and nothing is written', async () => {
    const before = await subjectCount();
    const body = JSON.stringify({
      uscc: '91371102MA3C7X8P4Q',
      name: 'PLACEHOLDER',
      kind: '企业',
      divisionCode: '371102',
      industryCodes: ['5211'],
      creditClass: null,
    }).replace('PLACEHOLDER', '日照\\ud800商贸有限公司');
    const res = await rawJson('/api/subjects', body, admin.headers);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BAD_INPUT', message: SURROGATE_MESSAGE });
    const trailing = await rawJson('/api/auth/login', '{"username":"a\\udc00","password":"x"}');
    expect(trailing.statusCode).toBe(400);
    expect(await subjectCount()).toBe(before);
  });

  it('JSON nested 50,000 levels deep is refused with 400 before parsing, and the server keeps answering', async () => {
    // Public routes take at most 64 KB (src/http/app.ts), so there 10,000 levels (20–60 KB) is the deepest that arrives.
    for (const [url, headers, levels, message] of [
      ['/api/auth/login', {}, 10_000, '请求内容嵌套层级过深（超过 32 层）'],
      ['/api/subjects', admin.headers, 50_000, '请求内容嵌套层级过深（超过 32 层）'],
      ['/api/public/draws/verify', {}, 50_000, '审计包嵌套层级过深（超过 32 层），不是平台生成的审计包'],
    ] as const) {
      for (const deep of [
        '['.repeat(levels) + ']'.repeat(levels),
        `{"a":${'{"a":'.repeat(levels)}1${'}'.repeat(levels + 1)}`,
      ]) {
        const res = await rawJson(url, deep, headers);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'BAD_INPUT', message });
      }
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('what is allowed stays allowed: brackets inside strings, 32 levels, Chinese and emoji (surrogate pairs)', async () => {
    const inString = await rawJson(
      '/api/auth/login',
      JSON.stringify({ username: `${'['.repeat(100)}\\"{{`, password: 'x' }),
    );
    expect(inString.statusCode, inString.body).toBe(401);
    const emoji = await rawJson('/api/auth/login', JSON.stringify({ username: '日照😀用户', password: 'x' }));
    expect(emoji.statusCode, emoji.body).toBe(401);
    const thirtyTwo = await rawJson('/api/public/draws/verify', '['.repeat(32) + ']'.repeat(32));
    expect(thirtyTwo.json().error?.code).not.toBe('BAD_INPUT');
    expect(thirtyTwo.statusCode).toBeLessThan(500);
  });

  it('a NUL character in an uploaded file name is refused with 400 and no import job is started', async () => {
    const jobs = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('import_jobs')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await jobs();
    const boundary = '----hygiene';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''s%00.csv\r\nContent-Type: text/csv\r\n\r\n统一社会信用代码\r\n\r\n--${boundary}--\r\n`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/subjects?mode=dry-run',
      payload,
      headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BAD_INPUT', message: NUL_MESSAGE });
    expect(await jobs()).toBe(before);
  });
});
