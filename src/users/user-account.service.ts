import type { Db } from '../db/database';
import { findUser, findUserByUsername, setUserFields } from './user.repository';
import type { UserRow } from './user.table';

// Accounts as other capabilities read them, and the account state that signing in and changing one's own
// password touch (the auth capability calls these; the users capability owns the table).

export const userByUsername = (db: Db, username: string): Promise<UserRow | undefined> =>
  findUserByUsername(db, username);

export const userById = (db: Db, id: number): Promise<UserRow | undefined> => findUser(db, id);

/** A wrong password: counts the failure, or locks the account until `lockedUntil` (and restarts the count). */
export async function recordFailedLogin(
  trx: Db,
  userId: number,
  failedAttempts: number,
  lockedUntil: Date | null,
): Promise<void> {
  await setUserFields(trx, userId, { failed_attempts: failedAttempts, locked_until: lockedUntil });
}

/** A successful login clears the failure count and any expired lock. */
export async function recordLogin(trx: Db, userId: number, now: Date): Promise<void> {
  await setUserFields(trx, userId, { failed_attempts: 0, locked_until: null, last_login_at: now });
}

export async function setOwnPassword(trx: Db, userId: number, passwordHash: string, now: Date): Promise<void> {
  await setUserFields(trx, userId, { password_hash: passwordHash, password_changed_at: now, updated_at: now });
}
