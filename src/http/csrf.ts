import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { needsSession, SESSION_COOKIE } from './auth-plugin';

/**
 * The header the web client sends with every request. A page of another site (another port of the
 * same host included) cannot add a custom header to a request without a CORS preflight, and this
 * server answers no preflight, so a write carrying it comes from a page of this platform.
 */
export const REQUEST_HEADER = 'x-lianjian-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const refused = (): AppError => new AppError('CSRF', '请求来源校验失败，请刷新页面后重试');

/** The origin the browser says the request comes from: Origin, else the Referer's origin; undefined when neither is sent; null when unreadable. */
function claimedOrigin(request: FastifyRequest): URL | null | undefined {
  const claimed = request.headers.origin ?? request.headers.referer;
  if (claimed === undefined) return undefined;
  try {
    return new URL(claimed);
  } catch {
    // "null" (a sandboxed frame, a file, a redirect across sites) and anything else unreadable.
    return null;
  }
}

/**
 * Whether an origin is this site: the configured public address, or the host the request was sent to
 * (X-Forwarded-Host and -Proto only when the proxy is trusted) with the same scheme; behind HTTPS
 * (secure cookies) a proxy that ends TLS may reach the server over plain HTTP, and the page is https.
 */
export function isOwnOrigin(origin: URL, request: FastifyRequest, config: AppConfig): boolean {
  if (config.publicBaseUrl && origin.origin === new URL(config.publicBaseUrl).origin) return true;
  const scheme = config.cookieSecure ? 'https:' : `${request.protocol}:`;
  if (origin.protocol !== scheme) return false;
  try {
    // Normalised the same way as the origin, so "host:443" and "host" over https are one host.
    return origin.host === new URL(`${origin.protocol}//${request.host}`).host;
  } catch {
    return false;
  }
}

/**
 * Cross-site request forgery: every write (POST, PUT, PATCH, DELETE) whose Origin (or Referer) names
 * another site is refused, public routes such as login and the evaluation form included; a write
 * authenticated by the session cookie must also carry REQUEST_HEADER. Bearer-token clients (system
 * integrations) are not browsers: a page cannot make a browser send their token, so they need neither.
 * Runs when the request arrives, before the session is looked up or the body read.
 */
export const csrfProtection = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (/^Bearer \S/.test(request.headers.authorization ?? '')) return;
    const origin = claimedOrigin(request);
    if (origin !== undefined && (origin === null || !isOwnOrigin(origin, request, deps.config))) throw refused();
    const byCookie = request.cookies[SESSION_COOKIE] !== undefined && needsSession(request);
    if (byCookie && request.headers[REQUEST_HEADER] !== '1') throw refused();
  });
});
