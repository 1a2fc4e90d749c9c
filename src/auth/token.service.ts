import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { type Actor, requirePermission, scopeOf } from './actor';
import type { TokenCreate, TokenView } from './auth.schemas';
import { newSession } from './session.service';

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
    const user = await trx
      .selectFrom('users')
      .select(['id', 'username', 'status'])
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!user) throw notFound('用户');
    const { id, secret } = await newSession(trx, user.id, 'api', now, actor.ip, input.name);
    if (expiresAt) await trx.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
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
  const rows = await deps.db
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
    const row = await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('kind', '=', 'api')
      .where('revoked_at', 'is', null)
      .returning(['name', 'user_id'])
      .executeTakeFirst();
    if (!row) throw notFound('有效的令牌');
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'token.revoke',
      entityType: 'token',
      entityId: id.slice(0, 16),
      summary: `吊销系统对接令牌“${row.name ?? ''}”`,
    });
  });
}
