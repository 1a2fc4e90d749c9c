import type { Db } from '../db/database';
import type { AccountCount, AddressCount } from './login-throttle';

export async function findAddressCount(db: Db, username: string, address: string): Promise<AddressCount | undefined> {
  const row = await db
    .selectFrom('login_throttles')
    .select(['failures', 'blocked_until', 'last_failed_at'])
    .where('username', '=', username)
    .where('address', '=', address)
    .executeTakeFirst();
  return row && { failures: row.failures, blockedUntil: row.blocked_until, lastFailedAt: row.last_failed_at };
}

export async function saveAddressCount(db: Db, username: string, address: string, c: AddressCount): Promise<void> {
  const values = { failures: c.failures, blocked_until: c.blockedUntil, last_failed_at: c.lastFailedAt };
  await db
    .insertInto('login_throttles')
    .values({ username, address, ...values })
    .onConflict((oc) => oc.columns(['username', 'address']).doUpdateSet(values))
    .execute();
}

export async function findAccountCount(db: Db, username: string): Promise<AccountCount | undefined> {
  const row = await db
    .selectFrom('login_lockouts')
    .select(['window_started_at', 'failures', 'locked_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  return row && { windowStartedAt: row.window_started_at, failures: row.failures, lockedAt: row.locked_at };
}

export async function saveAccountCount(db: Db, username: string, c: AccountCount): Promise<void> {
  const values = { window_started_at: c.windowStartedAt, failures: c.failures, locked_at: c.lockedAt };
  await db
    .insertInto('login_lockouts')
    .values({ username, ...values })
    .onConflict((oc) => oc.column('username').doUpdateSet(values))
    .execute();
}

/** A success from an address starts its count over. */
export async function clearAddressCount(db: Db, username: string, address: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('username', '=', username).where('address', '=', address).execute();
}

/** An administrator's unlock (or a new account taking the name): every count for the name goes. */
export async function clearCounts(db: Db, username: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('username', '=', username).execute();
  await db.deleteFrom('login_lockouts').where('username', '=', username).execute();
}

/** Counts nobody needs any more: quiet for a day and not refusing (names sprayed by a guesser do not pile up). */
export async function forgetStaleCounts(db: Db, before: Date): Promise<void> {
  await db
    .deleteFrom('login_throttles')
    .where('last_failed_at', '<', before)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]))
    .execute();
  await db
    .deleteFrom('login_lockouts')
    .where('window_started_at', '<', before)
    .where('locked_at', 'is', null)
    .execute();
}
