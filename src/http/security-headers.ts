import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../shared/context';
import { isApiPath } from './auth-plugin';

/**
 * Headers every answer carries: no content sniffing, no framing by other sites, no full URL in the
 * Referer sent elsewhere; API answers (personal data such as phone numbers) are never cached; behind
 * HTTPS (secure cookies) browsers are told to keep to HTTPS.
 */
export const securityHeaders = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    // A route that chose its own caching (inspection photos, private) keeps it.
    if (isApiPath(request.routeOptions.url ?? request.url.split('?')[0]!) && !reply.hasHeader('cache-control')) {
      reply.header('Cache-Control', 'no-store');
    }
    if (deps.config.cookieSecure) reply.header('Strict-Transport-Security', 'max-age=31536000');
  });
});
