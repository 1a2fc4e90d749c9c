import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { type Actor, requirePermission, scopeOf } from './actor';
import type { TokenCreate, TokenView } from './auth.schemas';
import { listApiTokens, revokeApiToken, setSessionExpiry } from './session.repository';
import { newSession } from './session.service';
import { userById } from '../users/user-account.service';

function requireTokenAdmin(actor: Actor): void {
  requirePermission(actor, 'system:token:write');
  if (scopeOf(actor, 'system:token:write') !== 'all') throw forbidden();
}

export async function issueToken(
  deps: AppDeps,
  actor: Actor,
  input: TokenCreate,
): Promise<{ id: string; token: string }> {
  requireTokenAdmin(actor);
  const now = deps.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now)
    throw new AppError('VALIDATION', '有效期须晚于当前时间', [{ field: 'expiresAt', message: '已过期' }]);
  return deps.db.transaction().execute(async (trx) => {
    const user = await userById(trx, input.userId);
    if (!user) throw notFound('用户');
    const { id, secret } = await newSession(trx, user.id, 'api', now, actor.ip, input.name);
    if (expiresAt) await setSessionExpiry(trx, id, expiresAt);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'token.issue',
      entityType: 'token',
      entityId: id.slice(0, 16),
      summary: `为 ${user.username} 签发系统对接令牌“${input.name}”`,
      after: { userId: user.id, name: input.name, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id, token: secret };
  });
}

export async function listTokens(deps: AppDeps, actor: Actor): Promise<TokenView[]> {
  requireTokenAdmin(actor);
  const rows = await listApiTokens(deps.db);
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    username: r.username,
    name: r.name ?? '',
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastSeenAt: r.last_seen_at.toISOString(),
  }));
}

export async function revokeToken(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requireTokenAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await revokeApiToken(trx, id, now);
    if (!row) throw notFound('有效的令牌');
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'token.revoke',
      entityType: 'token',
      entityId: id.slice(0, 16),
      summary: `吊销系统对接令牌“${row.name ?? ''}”`,
    });
  });
}
