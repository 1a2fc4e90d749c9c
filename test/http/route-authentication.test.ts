import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let staff: Session;

beforeAll(async () => {
  t = await testApp();
  staff = await login(t.app, 'scjg_staff');
});
afterAll(() => t.app.close());

// The login check is decided on the matched route: the router decodes `/%61pi/…` to `/api/…`, so a check of
// the URL text let 16 non-public routes answer anonymously (the hardening issue's finding 3).
describe('authentication is decided on the route, whatever the spelling of the path', () => {
  const spellings = [
    '/%61pi/subjects',
    '/api/%73ubjects',
    '/API/subjects',
    '//api//subjects',
    '/api/subjects/',
    '/%61pi/draw-records',
  ];

  it.each(spellings)('%s answers 401 to an anonymous caller', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('the encoded path reaches the same route for a signed-in user, and public routes stay public', async () => {
    const plain = await call(t.app, staff, 'GET', '/api/subjects?pageSize=1');
    const encoded = await call(t.app, staff, 'GET', '/%61pi/subjects?pageSize=1');
    expect(plain.statusCode).toBe(200);
    expect(encoded.statusCode).toBe(200);
    expect(encoded.json()).toEqual(plain.json());
    expect((await t.app.inject({ method: 'GET', url: '/%61pi/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/plans' })).statusCode).not.toBe(401);
  });

  it('an anonymous caller gets 401 before its body is validated, so it learns nothing of the fields', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/subjects', payload: { uscc: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('uscc');
  });

  it('an anonymous upload is refused before it is read', async () => {
    const boundary = '----lianjian';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n统一社会信用代码\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/imports/subjects?mode=dry-run',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode).toBe(401);
  });
});
