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
    /** Allowed to a session that must change its password first (me, the change itself, logout). */
    beforePasswordChange?: boolean;
  }
}

function secretOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/**
 * Whether a request needs a session, decided on the matched route rather than on the URL text: the
 * router decodes `/%61pi/…` to `/api/…`, so a test of the raw URL would let such a request through.
 * A matched API route needs one unless its config is `public` (the documentation is not an API route);
 * any other request needs one when its path, decoded, with repeated slashes folded and in lower case,
 * is under /api/ (so an unknown API path, in any spelling, answers 401 before login).
 */
export function needsSession(request: FastifyRequest): boolean {
  const pattern = request.routeOptions.url;
  if (pattern !== undefined && !request.is404 && isApiPath(pattern)) return !request.routeOptions.config.public;
  // No API route matched (the 404 handler, or the web app's files): still refuse anything that reads as an API path.
  const path = request.url.split('?')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return isApiPath(decoded.replace(/\/{2,}/g, '/').toLowerCase());
}

/** Whether a path (or route pattern) is part of the API, the documentation at /api/docs excepted. */
export const isApiPath = (path: string): boolean =>
  (path === '/api' || path.startsWith('/api/')) && !(path === '/api/docs' || path.startsWith('/api/docs/'));

/**
 * Every API route but the documentation needs a session unless its config says `public`; `permission`
 * is checked declaratively. The check runs when the request arrives, before its body is read or
 * validated, so an anonymous caller learns nothing from validation and no upload is stored for it.
 */
export const authPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!needsSession(request)) return;
    const config = request.routeOptions.config;
    const secret = secretOf(request);
    if (!secret) throw new AppError('UNAUTHENTICATED', '请先登录');
    request.actor = await resolveSession(deps, secret, request.ip, { touch: !config.passive });
    if (request.actor.mustChangePassword && !config.beforePasswordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码被重置后须先修改密码');
    if (config.permission) requirePermission(request.actor, config.permission);
  });
});

/** The actor of an authenticated route (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}
