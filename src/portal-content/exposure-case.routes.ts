import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import {
  exposureCaseDetail,
  exposureCaseInput,
  exposureCasePage,
  exposureCaseQuery,
  idParams,
  penaltyOption,
  publicExposureCase,
  publicExposurePage,
  publicExposureQuery,
  withdrawInput,
} from './exposure-case.schemas';
import {
  caseDetail,
  caseList,
  casePenaltyOptions,
  changeCase,
  publicCase,
  publicCases,
  publishCase,
  withdrawCase,
} from './exposure-case.service';

const tags = ['服务门户'];
const publicTags = ['公众服务'];
const write = { permission: 'portal:content:write' } as const;

/** 曝光台: departments publish, update and withdraw typical cases; the portal lists the published ones. */
export const exposureCaseRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/portal/exposure-cases',
    {
      config: write,
      schema: {
        tags,
        summary: '曝光台案例（本部门的，或全部）',
        querystring: exposureCaseQuery,
        response: { 200: exposureCasePage },
      },
    },
    async (request) => caseList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/portal/exposure-cases/penalties',
    {
      config: write,
      schema: {
        tags,
        summary: '可关联的本部门行政处罚决定',
        querystring: z.object({ q: z.string().trim().max(100).optional() }),
        response: { 200: z.array(penaltyOption) },
      },
    },
    async (request) => casePenaltyOptions(deps, actorOf(request), request.query.q),
  );
  app.get(
    '/api/portal/exposure-cases/:id',
    {
      config: write,
      schema: { tags, summary: '曝光台案例与发布记录', params: idParams, response: { 200: exposureCaseDetail } },
    },
    async (request) => caseDetail(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/portal/exposure-cases',
    {
      config: write,
      schema: { tags, summary: '发布曝光台案例', body: exposureCaseInput, response: { 200: exposureCaseDetail } },
    },
    async (request) => publishCase(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/portal/exposure-cases/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '更新曝光台案例（形成新版本，原内容保留在发布记录中）',
        params: idParams,
        body: exposureCaseInput,
        response: { 200: exposureCaseDetail },
      },
    },
    async (request) => changeCase(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/portal/exposure-cases/:id/withdraw',
    {
      config: write,
      schema: {
        tags,
        summary: '撤回曝光台案例（须填写理由；撤回后不在门户显示，记录保留）',
        params: idParams,
        body: withdrawInput,
        response: { 200: exposureCaseDetail },
      },
    },
    async (request) => withdrawCase(deps, actorOf(request), request.params.id, request.body.reason),
  );
  app.get(
    '/api/public/exposure-cases',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '曝光台：已发布的典型案例（无需登录）',
        security: [],
        querystring: publicExposureQuery,
        response: { 200: publicExposurePage },
      },
    },
    async (request) => publicCases(deps, request.query),
  );
  app.get(
    '/api/public/exposure-cases/:id',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '曝光台案例详情（无需登录）',
        security: [],
        params: idParams,
        response: { 200: publicExposureCase },
      },
    },
    async (request) => publicCase(deps, request.params.id),
  );
};
