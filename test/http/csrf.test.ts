import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import { call, login, type Session, unique } from '../support/http';
import { csvOf, freshUscc } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

/** The session cookie alone: what a browser attaches to a request another page makes. */
const cookieOnly = () => ({ cookie: admin.headers.cookie! });

function subjectBody() {
  const org8 = `YU${unique().tag.padStart(6, '0').slice(-6)}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  return {
    uscc: first17 + usccCheckCharacter(first17),
    name: `日照来源校验${unique().tag}商贸有限公司`,
    kind: '企业',
    legalRepresentative: '厉明',
    divisionCode: '371102',
    industryCodes: ['5211'],
    creditClass: null,
  };
}

const subjectExists = async (uscc: string) =>
  (await t.deps.db.selectFrom('subjects').select('id').where('uscc', '=', uscc).executeTakeFirst()) !== undefined;
const importJobs = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('import_jobs')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A multipart upload as a `no-cors` form post of another page sends it: the cookie, no custom header. */
function crossSiteUpload(csv: Buffer, origin: string | null) {
  const boundary = '----crosssite';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    csv,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/imports/subjects?mode=valid-only',
    payload,
    headers: {
      ...cookieOnly(),
      ...(origin ? { origin } : {}),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}

describe('cross-site request forgery', () => {
  it('a no-cors multipart post from another port of the same host, with the cookie, creates nothing', async () => {
    const uscc = freshUscc();
    const csv = csvOf([
      ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '行业代码', '成立日期', '信用风险分类'],
      [uscc, '日照跨站伪造商贸有限公司', '企业', '371102', '5211', '2019-03-15', 'B'],
    ]);
    const before = await importJobs();
    for (const origin of ['http://localhost:3001', null]) {
      const res = await crossSiteUpload(csv, origin);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error).toEqual({ code: 'CSRF', message: '请求来源校验失败，请刷新页面后重试' });
    }
    expect(await importJobs()).toBe(before);
    expect(await subjectExists(uscc)).toBe(false);
  });

  it('a cookie-authenticated write needs the custom header, and an origin of this site when one is named', async () => {
    const noHeader = subjectBody();
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      payload: noHeader,
      headers: cookieOnly(),
    });
    expect(refused.statusCode).toBe(403);
    expect(await subjectExists(noHeader.uscc)).toBe(false);

    for (const foreign of [
      { origin: 'http://evil.example' },
      { origin: 'http://localhost:8080' },
      { origin: 'https://localhost' },
      { origin: 'null' },
      { referer: 'http://evil.example/page.html' },
    ]) {
      const body = subjectBody();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/subjects',
        payload: body,
        headers: { ...admin.headers, ...foreign },
      });
      expect(res.statusCode, JSON.stringify(foreign)).toBe(403);
      expect(await subjectExists(body.uscc)).toBe(false);
    }

    const own = subjectBody();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      payload: own,
      headers: { ...admin.headers, origin: 'http://localhost', referer: 'http://evil.example/' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const byReferer = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      payload: subjectBody(),
      headers: { ...admin.headers, referer: 'http://localhost/subjects' },
    });
    expect(byReferer.statusCode, byReferer.body).toBe(200);
  });

  it('reads are not affected, and a bearer token (a system integration, not a browser) needs no header', async () => {
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/subjects?pageSize=1',
          headers: { ...cookieOnly(), origin: 'http://evil.example' },
        })
      ).statusCode,
    ).toBe(200);
    const issued = await call(t.app, admin, 'POST', '/api/tokens', { userId: 1, name: '来源校验测试对接' });
    expect(issued.statusCode, issued.body).toBe(200);
    const body = subjectBody();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      payload: body,
      headers: { authorization: `Bearer ${issued.json().token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await subjectExists(body.uscc)).toBe(true);
  });

  it('public writes (login) get the origin check: another site cannot sign a browser in', async () => {
    const payload = { username: 'scjg_staff', password: 'Lianjian@2026' };
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload,
      headers: { origin: 'http://localhost:5174' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.cookies.find((c) => c.name === 'lj_session')).toBeUndefined();
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload,
      headers: { origin: 'http://localhost' },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('behind a proxy the configured public address and, when the proxy is trusted, the forwarded host count as this site', async () => {
    const proxied = await testApp({ publicBaseUrl: 'https://lianjian.rizhao.gov.cn', cookieSecure: true });
    const trusted = await testApp({ trustProxy: true });
    try {
      const payload = { username: 'scjg_staff', password: 'Lianjian@2026' };
      const login = (app: TestApp, headers: Record<string, string>) =>
        app.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers });
      expect(
        (await login(proxied, { host: '127.0.0.1:3000', origin: 'https://lianjian.rizhao.gov.cn' })).statusCode,
      ).toBe(200);
      expect((await login(proxied, { host: '127.0.0.1:3000', origin: 'https://evil.rizhao.gov.cn' })).statusCode).toBe(
        403,
      );
      // Over HTTPS (secure cookies) a page of the same host over plain HTTP is another site.
      expect(
        (await login(proxied, { host: 'lianjian.rizhao.gov.cn', origin: 'http://lianjian.rizhao.gov.cn' })).statusCode,
      ).toBe(403);
      const forwarded = { host: '127.0.0.1:3000', 'x-forwarded-host': 'jg.example.cn', 'x-forwarded-proto': 'https' };
      expect((await login(trusted, { ...forwarded, origin: 'https://jg.example.cn' })).statusCode).toBe(200);
      expect((await login(trusted, { ...forwarded, origin: 'https://jg.example.cn:8443' })).statusCode).toBe(403);
      // Without trust the forwarded host is the caller's word, not the site's.
      expect((await login(t, { ...forwarded, origin: 'https://jg.example.cn' })).statusCode).toBe(403);
    } finally {
      await proxied.app.close();
      await trusted.app.close();
    }
  });
});
