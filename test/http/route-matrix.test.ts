import type { FastifyContextConfig, HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../support/http';
import {
  captureRouteConfig,
  listOperations,
  nextClientAddress,
  type Operation,
  operationKey,
  urlOf,
} from '../support/route-catalog';
import {
  ANONYMOUS,
  makeRouteFixtures,
  type PathValues,
  type Principal,
  signInEveryone,
} from '../support/route-fixtures';
import { isolatedApp, type TestApp } from '../support/test-platform';

/**
 * Every operation of the OpenAPI document × anonymous and every demo account, with the expected answer derived from
 * the route's own config: anonymous → 401 unless the route is public; an account without the route's declared
 * permission → 403; one with it → neither 401 nor 403-for-permission; nobody ever a 5xx. Path parameters name real
 * records (makeRouteFixtures); bodies are empty, so writes mostly stop at validation. It runs on a database of its own
 * (isolatedApp), so what the writes that do go through change reaches no other test.
 */

interface Row {
  op: Operation;
  principal: string;
  status: number;
  body: string;
}

const GENERIC_FORBIDDEN = '没有执行此操作的权限';

let t: TestApp;
let configs: Map<string, FastifyContextConfig>;
let operations: Operation[];
let principals: Principal[];
let pathValues: PathValues;
const rows: Row[] = [];
const variantRows: (Row & { url: string })[] = [];

/** Reads first, logout last: a write that succeeds must not change what a later read of the matrix sees. */
const order = (op: Operation) => (op.path === '/api/auth/logout' ? 3 : op.method === 'GET' ? 0 : 1);

beforeAll(async () => {
  t = await isolatedApp();
  configs = captureRouteConfig(t.app);
  await t.app.ready();
  operations = (await listOperations(t.app)).sort((a, b) => order(a) - order(b));
  principals = await signInEveryone(t);
  pathValues = (await makeRouteFixtures(t, await login(t.app, 'admin'))).pathValue;

  for (const op of operations) {
    const url = urlOf(op, (name) => pathValues(op, name));
    for (const p of principals) {
      const res = await t.app.inject({
        method: op.method,
        url,
        headers: p.session?.headers ?? {},
        remoteAddress: nextClientAddress(),
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
      });
      rows.push({ op, principal: p.name, status: res.statusCode, body: res.body.slice(0, 200) });
    }
  }
  // The same routes spelled differently, anonymously: each spelling must still be refused (or not found).
  for (const op of operations.filter((o) => !configs.get(operationKey(o))?.public)) {
    const plain = urlOf(op, (name) => pathValues(op, name));
    for (const url of spellings(plain)) {
      const res = await t.app.inject({ method: op.method, url, remoteAddress: nextClientAddress() });
      variantRows.push({ op, principal: ANONYMOUS, url, status: res.statusCode, body: res.body.slice(0, 200) });
    }
  }
}, 300_000);
afterAll(() => t?.app.close());

/** `/%61pi/…`, `/API/…`, `//api//…` and a `..` that comes back to the same path. */
function spellings(url: string): string[] {
  const rest = url.slice('/api'.length);
  return [`/%61pi${rest}`, `/API${rest}`, url.replace(/\//g, '//'), `/api/%2e%2e/api${rest}`];
}

/** What a row should have answered, or null when it did. */
function problem(row: Row): string | null {
  const config = configs.get(operationKey(row.op));
  if (!config) return '路由配置未知（该接口从未被匹配）';
  if (row.status >= 500) return '服务器错误';
  const principal = principals.find((p) => p.name === row.principal)!;
  if (config.public) return row.status === 401 ? '公开接口要求登录' : null;
  if (!principal.session) return row.status === 401 ? null : '匿名可访问';
  if (row.status === 401) return '已登录仍被要求登录';
  const permission = config.permission;
  if (!permission) return null;
  const granted = principal.permissions.has(permission);
  if (!granted) return row.status === 403 ? null : `缺少 ${permission} 却得到 ${row.status}`;
  if (row.status === 403 && row.body.includes(GENERIC_FORBIDDEN)) return `具有 ${permission} 却被拒绝`;
  return null;
}

const describeRow = (r: Row) => `${r.op.method} ${r.op.path} × ${r.principal} → ${r.status} ${r.body}`;
const leaked = (r: Row) => r.status >= 200 && r.status < 400;

describe('the route matrix (OpenAPI operations × anonymous and every demo account)', () => {
  it('covers every operation of the document, each with a known route config', () => {
    const requests = rows.length + variantRows.length;
    const leaks =
      rows.filter((r) => problem(r) !== null && leaked(r)).length + variantRows.filter((r) => leaked(r)).length;
    console.log(
      `路由矩阵：${operations.length} 个接口 × ${principals.length} 个身份 = ${rows.length} 次请求，` +
        `另有匿名变体路径 ${variantRows.length} 次，共 ${requests} 次；越权 ${leaks} 处`,
    );
    expect(operations.length).toBeGreaterThan(180);
    expect(operations.filter((op) => !configs.has(operationKey(op))).map((op) => operationKey(op))).toEqual([]);
    const methods = new Set<HTTPMethods>(operations.map((op) => op.method));
    expect([...methods].sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
  });

  it('every answer is the one the permission table and the public flag give, and none is a 5xx', () => {
    const wrong = rows.filter((r) => problem(r) !== null).map((r) => `${problem(r)}：${describeRow(r)}`);
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('an account with the permission gets past the check on every route it is granted', () => {
    // Not vacuous: each signed-in account passes the check on some routes and is refused on others (admin on none).
    for (const p of principals.filter((x) => x.session)) {
      const mine = rows.filter((r) => r.principal === p.name);
      expect(
        mine.some((r) => r.status < 300),
        p.name,
      ).toBe(true);
      if (p.name !== 'admin')
        expect(
          mine.some((r) => r.status === 403),
          p.name,
        ).toBe(true);
    }
  });

  it('no spelling of a non-public path (encoded, upper case, doubled slashes, dot segments) answers anonymously', () => {
    const open = variantRows.filter((r) => r.status !== 401 && r.status !== 404);
    expect(open.map((r) => `${r.url} → ${r.status} ${r.body}`)).toEqual([]);
    expect(variantRows.length).toBeGreaterThan(600);
  });
});
