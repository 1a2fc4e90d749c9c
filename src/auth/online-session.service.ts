import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { type Actor, requirePermission, scopeOf } from './actor';
import type { OnlineSessionView } from './auth.schemas';
import { findOpenBrowserSession, listOpenBrowserSessions, revokeSession } from './session.repository';

function requireSessionAdmin(actor: Actor): void {
  requirePermission(actor, 'system:session:manage');
  if (scopeOf(actor, 'system:session:manage') !== 'all') throw forbidden();
}

/** 在线会话: browser sessions not ended and not idle past the timeout, most recently active first. */
export async function listOnlineSessions(deps: AppDeps, actor: Actor): Promise<OnlineSessionView[]> {
  requireSessionAdmin(actor);
  const now = deps.clock.now();
  const activeSince = new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000);
  const rows = await listOpenBrowserSessions(deps.db, activeSince);
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    username: r.username,
    name: r.name,
    departmentName: r.department_name,
    address: r.ip,
    userAgent: r.user_agent,
    loginAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    current: r.id === actor.sessionId,
  }));
}

/** Ends someone's browser session at once (its next request answers 401); audited. */
export async function endOnlineSession(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requireSessionAdmin(actor);
  if (id === actor.sessionId) throw new AppError('VALIDATION', '不能结束自己当前的会话，请使用“退出登录”');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const session = await findOpenBrowserSession(trx, id);
    if (!session) throw notFound('在线会话');
    await revokeSession(trx, id, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'auth.end_session',
      entityType: 'user',
      entityId: session.user_id,
      summary: `强制结束 ${session.name}（${session.username}）的会话（登录地址 ${session.ip ?? '未知'}）`,
    });
  });
}
