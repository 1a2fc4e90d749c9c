import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import { login } from '../support/http';
import { testPlatform } from '../support/test-platform';
import type { FastifyInstance } from 'fastify';

let app: FastifyInstance;
const built = existsSync(fileURLToPath(new URL('../../web/dist/index.html', import.meta.url)));

beforeAll(async () => {
  app = await buildApp((await testPlatform()).deps, { serveWeb: true });
});
afterAll(() => app.close());

describe('serving the web app and the API documentation', () => {
  it('serves the OpenAPI document without login', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.info.title).toContain('联检');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/audit/verify', '/api/calendar/add-working-days']),
    );
  });

  it('answers unknown API paths with 401 before login and a JSON 404 after', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(401);
    const session = await login(app, 'admin');
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: session.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('接口不存在');
  });

  // `npm test` builds the web app before the module tests.
  it('serves the app for client routes, and 404 (not HTML) for missing asset files', async () => {
    expect(built, 'web/dist 不存在：请先运行 npm run build:web').toBe(true);
    const page = await app.inject({ method: 'GET', url: '/users?page=2' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const asset = await app.inject({ method: 'GET', url: '/assets/index-0ld0ld.js' });
    expect(asset.statusCode).toBe(404);
    // A 检查码 URL whose signature (after the last dot) happens to be all letters and digits is a client route, not a file.
    const verify = await app.inject({
      method: 'GET',
      url: `/public/verify/eyJhbGciOiJFZERTQSJ9.eyJ0IjoiQ1EyMDI2In0.${'AbCd0123'.repeat(10)}xyZ789`,
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.headers['content-type']).toContain('text/html');
    // A mangled 检查码 link gets the verification page too (it shows 检查码无效), not a JSON 404.
    for (const garbage of ['not-a-code.png', 'abc/def.ghi', 'x.%00', 'A'.repeat(2100)]) {
      const page = await app.inject({ method: 'GET', url: `/public/verify/${garbage}` });
      expect(page.statusCode, garbage.slice(0, 20)).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });
});
