import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let plain: TestApp;
let https: TestApp;
beforeAll(async () => {
  plain = await testApp();
  https = await testApp({ cookieSecure: true });
});
afterAll(async () => {
  await plain.app.close();
  await https.app.close();
});

describe('security headers on every answer', () => {
  it('API answers are never cached and cannot be sniffed or framed', async () => {
    const staff = await login(plain.app, 'scjg_staff');
    for (const res of [
      await call(plain.app, staff, 'GET', '/api/subjects?pageSize=1'),
      await plain.app.inject({ method: 'GET', url: '/api/health' }),
      await plain.app.inject({ method: 'GET', url: '/api/subjects' }),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('behind HTTPS (secure cookies) browsers are told to keep to HTTPS', async () => {
    const res = await https.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
