import { createHash, randomBytes } from 'node:crypto';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { setOwnPassword, userByUsername } from '../users/user-account.service';
import type { Actor } from './actor';
import { assertStrongPassword, hashPassword, verifyPassword } from './password';
import {
  findSessionWithUser,
  insertSession,
  revokeSession,
  revokeUserSessions,
  rolesWithPermissionsOfUser,
  touchSession,
} from './session.repository';

// Only refresh last_seen_at when it is this old, so reads do not each cost a write.
const TOUCH_AFTER_MS = 30_000;

const tokenId = (secret: string) => createHash('sha256').update(secret).digest('hex');
const minutes = (n: number) => n * 60_000;

export async function newSession(
  db: Db,
  userId: number,
  kind: 'browser' | 'api',
  now: Date,
  ip: string | null,
  name: string | null = null,
  userAgent: string | null = null,
) {
  const secret = randomBytes(32).toString('base64url');
  const id = tokenId(secret);
  await insertSession(db, {
    id,
    user_id: userId,
    kind,
    name,
    created_at: now,
    last_seen_at: now,
    expires_at: null,
    revoked_at: null,
    ip,
    user_agent: userAgent?.slice(0, 300) ?? null,
  });
  return { id, secret };
}

/** Resolves a cookie or bearer secret to an actor; browser sessions expire after the configured idle time. */
export async function resolveSession(
  deps: AppDeps,
  secret: string,
  ip: string | null,
  options: { touch: boolean } = { touch: true },
): Promise<Actor> {
  const now = deps.clock.now();
  const row = await findSessionWithUser(deps.db, tokenId(secret));
  if (!row) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
  if (row.revoked_at) throw new AppError('SESSION_EXPIRED', '登录已失效（已退出、被吊销或密码已修改），请重新登录');
  if (row.status !== 'active') throw new AppError('SESSION_EXPIRED', '账号已停用，请联系管理员');
  if (row.expires_at && row.expires_at <= now) throw new AppError('SESSION_EXPIRED', '令牌已过期');
  const idleMs = minutes(deps.config.sessionIdleMinutes);
  if (row.kind === 'browser' && now.getTime() - row.last_seen_at.getTime() > idleMs) {
    throw new AppError('SESSION_EXPIRED', `超过 ${deps.config.sessionIdleMinutes} 分钟未操作，登录已超时，请重新登录`);
  }
  if (options.touch && now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await touchSession(deps.db, row.id, now);
  }
  return {
    userId: row.user_id,
    username: row.username,
    name: row.name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    roles: await rolesOfUser(deps.db, row.user_id),
    sessionId: row.id,
    sessionKind: row.kind,
    ip,
    // An integration token acts for its system; only a person's browser session is held to the change.
    mustChangePassword: row.kind === 'browser' && row.must_change_password,
  };
}

/** A user's roles with their data scope and permissions, as an Actor carries them. */
export async function rolesOfUser(db: Db, userId: number): Promise<Actor['roles']> {
  const roles = await rolesWithPermissionsOfUser(db, userId);
  return roles.map((r) => ({ code: r.code, name: r.name, dataScope: r.data_scope, permissions: r.permissions }));
}

export async function logout(deps: AppDeps, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await revokeSession(trx, actor.sessionId, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
      summary: `${actor.username} 退出登录`,
    });
  });
}

/**
 * Changing one's own password needs the current one and a different, acceptable new one; it ends the
 * user's other browser sessions and lifts a change required at first login or after a reset.
 */
export async function changeOwnPassword(
  deps: AppDeps,
  actor: Actor,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await userByUsername(deps.db, actor.username);
  if (!user || !(await verifyPassword(oldPassword, user.password_hash))) {
    throw new AppError('VALIDATION', '原密码不正确', [{ field: 'oldPassword', message: '原密码不正确' }]);
  }
  if (oldPassword === newPassword)
    throw new AppError('VALIDATION', '新密码不能与原密码相同', [{ field: 'newPassword', message: '与原密码相同' }]);
  assertStrongPassword(newPassword, actor.username);
  const hash = await hashPassword(newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await setOwnPassword(trx, actor.userId, hash, now);
    await revokeUserSessions(trx, actor.userId, now, { kind: 'browser', exceptId: actor.sessionId });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'auth.change_password',
      entityType: 'user',
      entityId: actor.userId,
      summary: `${actor.username} 修改了自己的密码`,
    });
  });
}

/**
 * Ends a user's open sessions inside the caller's transaction: all of them (account disabled) or only the
 * browser sessions (password reset), so changed rights or credentials take effect at once.
 */
export async function endUserSessions(trx: Db, userId: number, now: Date, kind?: 'browser'): Promise<void> {
  await revokeUserSessions(trx, userId, now, kind ? { kind } : {});
}
