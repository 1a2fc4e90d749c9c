import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, requirePermission } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import { resolveSession } from '../auth/session.service';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';

export const SESSION_COOKIE = 'lj_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** No login needed (login itself, health, public portal). */
    public?: boolean;
    /** Checked before the handler runs; services check again with data scope. */
    permission?: Permission;
    /** Polling (the notification bell): the request does not count as activity for the idle timeout. */
    passive?: boolean;
  }
}

function secretOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/** Every /api route but the API documentation needs a session unless its config says `public`; `permission` is checked declaratively. */
export const authPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || config.public) return;
    const secret = secretOf(request);
    if (!secret) throw new AppError('UNAUTHENTICATED', '请先登录');
    request.actor = await resolveSession(deps, secret, request.ip, { touch: !config.passive });
    if (config.permission) requirePermission(request.actor, config.permission);
  });
});

/** The actor of an authenticated route (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}
