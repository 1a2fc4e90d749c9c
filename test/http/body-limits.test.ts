import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

const MB = 1024 * 1024;
const jsonOf = (bytes: number) => `{"padding":"${'x'.repeat(bytes)}"}`;

// Anonymous 500 MB bodies on the public bundle verification left the process at 5.4 GB (the hardening issue's
// finding 1): every route now has a ceiling, small for JSON and smaller for public routes.
describe('request bodies are bounded per route and refused with 413 in Chinese', () => {
  it('a public route takes 64 KB, a signed-in JSON route 1 MB, the public bundle verification 32 MB', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: jsonOf(100 * 1024),
    });
    expect(login.statusCode).toBe(413);
    expect(login.json()).toEqual({ error: { code: 'TOO_LARGE', message: '请求内容过大，超过本接口 64 KB 的上限' } });

    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/tags',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: jsonOf(2 * MB),
    });
    expect(signedIn.statusCode).toBe(413);
    expect(signedIn.json().error.message).toBe('请求内容过大，超过本接口 1 MB 的上限');

    const bundle = await t.app.inject({
      method: 'POST',
      url: '/api/public/draws/verify',
      headers: { 'content-type': 'application/json' },
      payload: jsonOf(33 * MB),
    });
    expect(bundle.statusCode).toBe(413);
    expect(bundle.json().error).toEqual({ code: 'TOO_LARGE', message: '请求内容过大，超过本接口 32 MB 的上限' });
  });

  it('a body sent without a length is cut off once it passes the limit, not read to its end', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    let sent = 0;
    // The server answers 413 and closes the connection; the client sees the answer or, writing on, the closed pipe.
    const outcome = await new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/public/draws/verify',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      // Up to 512 MB, a megabyte at a time, while the connection is open.
      const chunk = Buffer.alloc(MB, 0x20);
      const pump = () => {
        while (sent < 512 * MB && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!req.destroyed) req.end();
      };
      req.write('{"padding":"');
      pump();
    });
    if ('status' in outcome) {
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body).error.code).toBe('TOO_LARGE');
    } else expect(['EPIPE', 'ECONNRESET']).toContain(outcome.error);
    // The server read up to its 32 MB limit and no further: far less than the 512 MB on offer was sent.
    expect(sent).toBeGreaterThanOrEqual(32 * MB);
    expect(sent).toBeLessThan(128 * MB);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('a third bundle arriving while two are being received is refused before its body is read', async () => {
    const opened: (() => void)[] = [];
    const reading: Promise<void>[] = [];
    const slow = () => {
      let started!: () => void;
      reading.push(new Promise<void>((resolve) => (started = resolve)));
      let finish!: () => void;
      const stream = new Readable({
        read() {
          started();
          if (!finish) {
            finish = () => this.push(null);
            opened.push(finish);
            this.push('{"format":');
          }
        },
      });
      return t.app.inject({
        method: 'POST',
        url: '/api/public/draws/verify',
        headers: { 'content-type': 'application/json' },
        payload: stream,
      });
    };
    const first = slow();
    const second = slow();
    await Promise.all(reading);
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/public/draws/verify',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(third.statusCode).toBe(429);
    expect(third.json().error.message).toBe('正在核验其他审计包，请稍后再试');
    for (const finish of opened) finish();
    // Both end as a bad bundle (unfinished JSON), and a place is free again.
    expect([(await first).json().error.message, (await second).json().error.message]).toEqual([
      '文件不是有效的 JSON',
      '文件不是有效的 JSON',
    ]);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/public/draws/verify',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(after.statusCode).not.toBe(429);
  });
});
