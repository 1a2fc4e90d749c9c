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
      // API answers are data: nothing in them may load or run, and nothing may frame them.
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('the API documentation (a page) gets the app policy: its own scripts only, no framing, no plugins', async () => {
    const res = await plain.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const policy = res.headers['content-security-policy'];
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ])
      expect(policy).toContain(directive);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('behind HTTPS (secure cookies) browsers are told to keep to HTTPS', async () => {
    const res = await https.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
