import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_JSON_DEPTH, jsonNestsDeeper } from '../http/input-hygiene';
import { publicRoute } from '../http/public-route';
import { AppError } from '../shared/app-error';
import { BUNDLE_UPLOAD_LIMIT, verifyBundleText } from './bundle-verify.service';
import { verifyOutcome } from './draw.schemas';

/** Bundles being received or checked at once; more are refused before their body is read. */
const MAX_AT_ONCE = 2;

/**
 * The public recomputation of an uploaded audit bundle. Registered in a scope of its own: here a JSON
 * body is kept as text (parsed once, by the bundle reader, rather than parsed, printed and parsed
 * again), up to BUNDLE_UPLOAD_LIMIT; a larger bundle is checked with `lianjian draw verify`.
 */
export const bundleVerifyRoutes: FastifyPluginAsyncZod = async (app) => {
  let inFlight = 0;
  const counted = new WeakSet<object>();
  // This scope's JSON parser replaces the platform's (src/http/input-hygiene.ts), keeping its depth rule.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BUNDLE_UPLOAD_LIMIT },
    (_r, body, done) => {
      if (jsonNestsDeeper(body as string, MAX_JSON_DEPTH))
        done(
          new AppError('BAD_INPUT', `审计包嵌套层级过深（超过 ${MAX_JSON_DEPTH} 层），不是平台生成的审计包`),
          undefined,
        );
      else done(null, body);
    },
  );
  app.addHook('onRequest', async (request) => {
    if (inFlight >= MAX_AT_ONCE) throw new AppError('RATE_LIMITED', '正在核验其他审计包，请稍后再试');
    inFlight += 1;
    counted.add(request);
  });
  const done = async (request: object) => {
    if (counted.delete(request)) inFlight -= 1;
  };
  app.addHook('onResponse', done);
  app.addHook('onRequestAbort', done);

  app.post(
    '/api/public/draws/verify',
    {
      config: publicRoute(10),
      bodyLimit: BUNDLE_UPLOAD_LIMIT,
      schema: {
        tags: ['公众服务'],
        summary: `上传审计包（JSON，不超过 ${BUNDLE_UPLOAD_LIMIT / 1024 / 1024} MB，约 14 万户的轮次）重算，报告“一致”或第一处差异；更大的审计包请用 lianjian draw verify 核验`,
        security: [],
        response: { 200: verifyOutcome },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string') throw new AppError('BAD_FILE', '请以 application/json 上传审计包');
      return verifyBundleText(request.body);
    },
  );
};
