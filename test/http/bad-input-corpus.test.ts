import type { FastifyContextConfig, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyCases, pathValues, queryValues } from '../support/bad-input';
import { login, type Session } from '../support/http';
import {
  captureRouteConfig,
  listOperations,
  nextClientAddress,
  type Operation,
  operationKey,
  urlOf,
} from '../support/route-catalog';
import { makeRouteFixtures, type RouteFixtures } from '../support/route-fixtures';
import { isolatedApp, type TestApp } from '../support/test-platform';

/**
 * A corpus of bad input over the whole API: every write route gets bad JSON bodies generated from its own schema
 * (wrong types, missing and extra properties, 100 KB strings, NUL, lone surrogates, deep nesting, numbers out of
 * range, invalid dates, non-JSON), and every route with query or path parameters gets bad values there. The caller
 * holds the route's permission, so the request reaches validation and, where the rest is valid, the handler and the
 * database. No answer may be a 5xx, and the platform must still answer afterwards. Runs on its own database
 * (isolatedApp): the valid parts of the corpus do write.
 */

interface Outcome {
  route: string;
  name: string;
  status: number;
  body: string;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: TestApp;
let configs: Map<string, FastifyContextConfig>;
let operations: Operation[];
let fixtures: RouteFixtures;
let sessions: Record<'admin' | 'inspector' | 'spare', Session>;
const outcomes: Outcome[] = [];
const settings: [string, object][] = [];

/** Who sends the corpus to a route: someone who passes its permission check, so the input is what gets tested. */
function callerOf(op: Operation): Session | null {
  if (configs.get(operationKey(op))?.public) return null;
  if (op.path.startsWith('/api/auth/')) return sessions.spare;
  if (op.path.startsWith('/api/inspections/')) return sessions.inspector;
  return sessions.admin;
}

async function send(op: Operation, name: string, options: InjectOptions & { url: string }) {
  const caller = callerOf(op);
  const res = await t.app.inject({
    ...options,
    method: op.method,
    remoteAddress: nextClientAddress(),
    headers: { ...(caller?.headers ?? {}), ...(options.headers ?? {}) },
  });
  outcomes.push({ route: `${op.method} ${op.path}`, name, status: res.statusCode, body: res.body.slice(0, 160) });
}

/** Reads first, then writes; the routes that end or change the caller's own session last. */
const order = (op: Operation) => (op.path.startsWith('/api/auth/') ? 2 : WRITES.has(op.method) ? 1 : 0);

beforeAll(async () => {
  t = await isolatedApp();
  configs = captureRouteConfig(t.app);
  await t.app.ready();
  operations = (await listOperations(t.app)).sort((a, b) => order(a) - order(b));
  const admin = await login(t.app, 'admin');
  fixtures = await makeRouteFixtures(t, admin);
  sessions = {
    admin,
    inspector: await login(t.app, 'scjg_jc01'),
    spare: await login(t.app, fixtures.spare.username, fixtures.spare.password),
  };
  for (const url of ['/api/settings/sampling-defaults', '/api/settings/supervision-rules'])
    settings.push([url, (await t.app.inject({ url, headers: admin.headers })).json()]);
  // Learn each route's config (public or not) from one anonymous call, which changes nothing.
  for (const op of operations)
    await t.app.inject({
      method: op.method,
      url: urlOf(op, (n) => fixtures.pathValue(op, n)),
      remoteAddress: nextClientAddress(),
    });

  for (const op of operations) {
    const url = urlOf(op, (n) => fixtures.pathValue(op, n));
    for (const param of op.queryParams)
      for (const [name, value] of queryValues)
        await send(op, `query ${param.name}: ${name}`, { url: `${url}?${param.name}=${value}` });
    for (const param of op.pathParams)
      for (const [name, value] of pathValues) {
        const bad = urlOf(op, (n) => (n === param.name ? value : encodeURIComponent(fixtures.pathValue(op, n))), true);
        await send(op, `path ${param.name}: ${name}`, { url: bad });
      }
    if (!WRITES.has(op.method)) continue;
    for (const c of op.multipart ? multipartCases() : bodyCases(op.body, fixtures.hints))
      await send(op, c.name, { url, payload: c.payload, headers: { 'content-type': c.contentType } });
  }
}, 600_000);
afterAll(async () => {
  // Put back the settings the valid part of the corpus changed: later suites on this database draw with them.
  for (const [url, body] of settings)
    expect(
      (await t.app.inject({ method: 'PUT', url, payload: body, headers: sessions.admin.headers })).statusCode,
    ).toBe(200);
  await t?.app.close();
});

/** Uploads that are not: no boundary, no parts, a part with a NUL in its file name, an endless part. */
function multipartCases() {
  const boundary = '----corpus';
  const part = (filename: string, body: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n--${boundary}--\r\n`;
  const type = `multipart/form-data; boundary=${boundary}`;
  return [
    { name: 'multipart without boundary', payload: 'x', contentType: 'multipart/form-data' },
    { name: 'multipart without parts', payload: `--${boundary}--\r\n`, contentType: type },
    { name: 'multipart NUL in file name', payload: part('a\u0000.csv', 'x'), contentType: type },
    { name: 'multipart surrogate in file name', payload: part('\ud800.csv', 'x'), contentType: type },
    {
      name: 'multipart unterminated',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"`,
      contentType: type,
    },
    { name: 'multipart NUL content', payload: part('a.csv', '统一社会信用代码\r\n\u0000\u0000'), contentType: type },
    { name: 'JSON to an upload route', payload: '{}', contentType: 'application/json' },
  ];
}

describe('the bad-input corpus over every route', () => {
  it('is in the thousands and reaches every write route', () => {
    const writes = operations.filter((op) => WRITES.has(op.method));
    const reached = new Set(outcomes.map((o) => o.route));
    console.log(
      `错误输入语料：${outcomes.length} 次请求，覆盖 ${reached.size} 个接口（其中写接口 ${writes.length} 个）；` +
        `5xx ${outcomes.filter((o) => o.status >= 500).length} 次`,
    );
    expect(writes.filter((op) => !reached.has(`${op.method} ${op.path}`))).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(5000);
    // Not all refused at the door: some of the corpus got past validation or reached the handler.
    expect(outcomes.filter((o) => o.status === 400).length).toBeGreaterThan(1000);
    expect(outcomes.some((o) => o.status === 404 || o.status === 409 || o.status === 422)).toBe(true);
  });

  it('no answer is a 5xx', () => {
    const failures = outcomes.filter((o) => o.status >= 500);
    if (failures.length) {
      const byRoute = new Map<string, number>();
      for (const f of failures) byRoute.set(f.route, (byRoute.get(f.route) ?? 0) + 1);
      console.log(
        `5xx：${failures.length} 次，${byRoute.size} 个接口\n` +
          failures.map((f) => `${f.route} | ${f.name} | ${f.status} | ${f.body}`).join('\n'),
      );
    }
    expect(failures.map((f) => `${f.route} | ${f.name} | ${f.status}`)).toEqual([]);
  });

  it('the platform still answers afterwards', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
    // The corpus's callers were still signed in at the end, so no part of it was answered 401 for want of a session.
    for (const session of [sessions.admin, sessions.inspector])
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode).toBe(
        200,
      );
  });
});
