import type { Db } from '../db/database';
import { activeUserIdsWithRole, findUser, findUserByUsername, setUserFields } from './user.repository';
import type { UserRow } from './user.table';

// Accounts as other capabilities read them, and the account state that signing in and changing one's own
// password touch (the auth capability calls these; the users capability owns the table).

export const userByUsername = (db: Db, username: string): Promise<UserRow | undefined> =>
  findUserByUsername(db, username);

export const userById = (db: Db, id: number): Promise<UserRow | undefined> => findUser(db, id);

export async function recordLogin(trx: Db, userId: number, now: Date): Promise<void> {
  await setUserFields(trx, userId, { last_login_at: now });
}

/** The user's own new password: a change required at first login or after a reset is done. */
export async function setOwnPassword(trx: Db, userId: number, passwordHash: string, now: Date): Promise<void> {
  await setUserFields(trx, userId, {
    password_hash: passwordHash,
    password_changed_at: now,
    must_change_password: false,
    updated_at: now,
  });
}

/** Who hears of account lock-outs: the active platform administrators. */
export const platformAdminIds = (db: Db): Promise<number[]> => activeUserIdsWithRole(db, 'platform_admin');

/** The active users holding a role (e.g. every department's administrators, to tell them of a pushed evaluation). */
export const activeUsersWithRole = (db: Db, roleCode: string): Promise<number[]> => activeUserIdsWithRole(db, roleCode);
