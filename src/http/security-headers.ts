import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../shared/context';
import { isApiPath } from './auth-plugin';

/**
 * Content-Security-Policy of the web app and the API documentation: only this site's own scripts (the
 * build emits no inline script), inline styles allowed because Element Plus sets them, images also from
 * data: and blob: URLs (photos before upload, charts), no plugins, no framing, forms only to this site.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** API answers are data, never a document: nothing in them may load or run, and nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every answer carries: no content sniffing, no framing by other sites, no full URL in the
 * Referer sent elsewhere, a Content-Security-Policy; API answers (personal data such as phone numbers)
 * are never cached; behind HTTPS (secure cookies) browsers are told to keep to HTTPS.
 */
export const securityHeaders = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.addHook('onSend', async (request, reply) => {
    const api = isApiPath(request.routeOptions.url ?? request.url.split('?')[0]!);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    // A route that chose its own caching (inspection photos, private) or policy (photos, sandboxed) keeps it.
    if (api && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', api ? API_CSP : APP_CSP);
    if (deps.config.cookieSecure) reply.header('Strict-Transport-Security', 'max-age=31536000');
  });
});
