import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-departments';
import { organUscc } from '../../src/shared/uscc';
import { databaseOf } from './test-platform';

export interface Session {
  headers: Record<string, string>;
}

/**
 * Signs in. Accounts that tests create through the API must change their password at first login; unless
 * `keepPasswordChange` is set, that step is waived here, the one place, so tests can go on using them.
 */
export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
  options: { keepPasswordChange?: boolean } = {},
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'lj_session');
  expect(cookie?.httpOnly).toBe(true);
  if (res.json().user.mustChangePassword && !options.keepPasswordChange) await waivePasswordChange(app, username);
  // The web client's header (src/http/csrf.ts): cookie-authenticated writes without it are refused.
  return { headers: { cookie: `lj_session=${cookie!.value}`, 'x-lianjian-request': '1' } };
}

// Written directly: no service lifts the flag without a new password, and tests keep the one they chose.
async function waivePasswordChange(app: FastifyInstance, username: string): Promise<void> {
  const db = await databaseOf(app);
  await db.updateTable('users').set({ must_change_password: false }).where('username', '=', username).execute();
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
