import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { SessionTable } from './session.table';

export async function insertSession(db: Db, values: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(values).execute();
}

/** A session with the user and department it acts for, as resolving a secret needs them. */
export const findSessionWithUser = (db: Db, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select([
      's.id',
      's.kind',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.id as user_id',
      'u.username',
      'u.name',
      'u.status',
      'u.must_change_password',
      'u.department_id',
      'd.name as department_name',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function setSessionExpiry(db: Db, id: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function revokeSession(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).execute();
}

/** Revokes a user's open sessions, optionally only one kind and sparing one session. */
export async function revokeUserSessions(
  db: Db,
  userId: number,
  now: Date,
  filter: { kind?: 'browser' | 'api'; exceptId?: string },
): Promise<void> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.exceptId !== undefined) q = q.where('id', '!=', filter.exceptId);
  await q.where('revoked_at', 'is', null).execute();
}

/** Revokes an open API token; undefined when there is none with this id. */
export const revokeApiToken = (db: Db, id: string, now: Date) =>
  db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('kind', '=', 'api')
    .where('revoked_at', 'is', null)
    .returning(['name', 'user_id'])
    .executeTakeFirst();

export const listApiTokens = (db: Db) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      'u.username',
      's.name',
      's.created_at',
      's.expires_at',
      's.revoked_at',
      's.last_seen_at',
    ])
    .where('s.kind', '=', 'api')
    .orderBy('s.created_at', 'desc')
    .execute();

/** A user's roles with data scope and permissions, ordered by code. */
export const rolesWithPermissionsOfUser = (db: Db, userId: number) =>
  db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.code', 'ur.role_code')
    .select(['r.code', 'r.name', 'r.data_scope', 'r.permissions'])
    .where('ur.user_id', '=', userId)
    .orderBy('r.code')
    .execute();

/** Browser sessions not revoked and active since `activeSince`, with their user and department. */
export const listOpenBrowserSessions = (db: Db, activeSince: Date) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select([
      's.id',
      's.user_id',
      'u.username',
      'u.name',
      'd.name as department_name',
      's.ip',
      's.user_agent',
      's.created_at',
      's.last_seen_at',
    ])
    .where('s.kind', '=', 'browser')
    .where('s.revoked_at', 'is', null)
    .where('s.last_seen_at', '>', activeSince)
    .orderBy('s.last_seen_at', 'desc')
    .limit(1000)
    .execute();

/** An open browser session with its user, or undefined. */
export const findOpenBrowserSession = (db: Db, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.user_id', 's.ip', 'u.username', 'u.name'])
    .where('s.id', '=', id)
    .where('s.kind', '=', 'browser')
    .where('s.revoked_at', 'is', null)
    .executeTakeFirst();
