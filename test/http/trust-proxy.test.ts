import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/test-platform';

let direct: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  direct = await testApp();
  proxied = await testApp({ trustProxy: 1 });
});
afterAll(async () => {
  await direct.app.close();
  await proxied.app.close();
});

/** The enterprise lookup (public, 10 a minute per address) as a visitor behind the proxy at `forwardedFor`. */
const lookup = (t: TestApp, forwardedFor: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/enterprise/notices',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { uscc: '91371102MA3C0000XX', queryCode: 'ABCDEFGHJK' },
  });

describe('behind a reverse proxy', () => {
  it('with LIANJIAN_TRUST_PROXY the public limits count each visitor; without it, every request looks like the proxy', async () => {
    const viaProxy = [];
    for (let i = 0; i < 12; i += 1) viaProxy.push((await lookup(proxied, `203.0.113.${i + 1}`)).statusCode);
    expect(viaProxy).not.toContain(429);
    const oneVisitor = [];
    for (let i = 0; i < 12; i += 1) oneVisitor.push((await lookup(proxied, '198.51.100.7')).statusCode);
    expect(oneVisitor.slice(-1)).toEqual([429]);
    const untrusted = [];
    for (let i = 0; i < 12; i += 1) untrusted.push((await lookup(direct, `192.0.2.${i + 1}`)).statusCode);
    expect(untrusted.slice(-1)).toEqual([429]);
  });
});
