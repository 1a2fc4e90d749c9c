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

/**
 * The address's count, locked for this transaction so that parallel failures each count (a row with no
 * failures is made first when there is none).
 */
export async function lockAddressCount(db: Db, username: string, address: string, now: Date): Promise<AddressCount> {
  await db
    .insertInto('login_throttles')
    .values({ username, address, failures: 0, blocked_until: null, last_failed_at: now })
    .onConflict((oc) => oc.columns(['username', 'address']).doNothing())
    .execute();
  const row = await db
    .selectFrom('login_throttles')
    .select(['failures', 'blocked_until', 'last_failed_at'])
    .where('username', '=', username)
    .where('address', '=', address)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { failures: row.failures, blockedUntil: row.blocked_until, lastFailedAt: row.last_failed_at };
}

/** Call after lockAddressCount, in the same transaction. */
export async function saveAddressCount(db: Db, username: string, address: string, c: AddressCount): Promise<void> {
  await db
    .updateTable('login_throttles')
    .set({ failures: c.failures, blocked_until: c.blockedUntil, last_failed_at: c.lastFailedAt })
    .where('username', '=', username)
    .where('address', '=', address)
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

/** The name's count over all addresses, locked for this transaction (made first when there is none). */
export async function lockAccountCount(db: Db, username: string, now: Date): Promise<AccountCount> {
  await db
    .insertInto('login_lockouts')
    .values({ username, window_started_at: now, failures: 0, locked_at: null })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const row = await db
    .selectFrom('login_lockouts')
    .select(['window_started_at', 'failures', 'locked_at'])
    .where('username', '=', username)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { windowStartedAt: row.window_started_at, failures: row.failures, lockedAt: row.locked_at };
}

/** Call after lockAccountCount, in the same transaction. */
export async function saveAccountCount(db: Db, username: string, c: AccountCount): Promise<void> {
  await db
    .updateTable('login_lockouts')
    .set({ window_started_at: c.windowStartedAt, failures: c.failures, locked_at: c.lockedAt })
    .where('username', '=', username)
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
