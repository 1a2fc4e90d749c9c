import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-departments';
import { organUscc } from '../../src/shared/uscc';

export interface Session {
  headers: Record<string, string>;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'lj_session');
  expect(cookie?.httpOnly).toBe(true);
  // The web client's header (src/http/csrf.ts): cookie-authenticated writes without it are refused.
  return { headers: { cookie: `lj_session=${cookie!.value}`, 'x-lianjian-request': '1' } };
}

export function call(
  app: FastifyInstance,
  session: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: object,
) {
  return app.inject({ method, url, payload, headers: session?.headers ?? {} });
}

let serial = Math.floor(Math.random() * 400_000);
/** A unique suffix and a valid, unused department USCC for test data. */
export function unique(): { tag: string; uscc: string } {
  serial += 1;
  return { tag: `${serial}`, uscc: organUscc('371102', 500_000 + serial) };
}

/** A valid 18-digit ID number (checksum correct) for test users. */
export { demoIdCard } from '../../src/demo/demo-seed';
