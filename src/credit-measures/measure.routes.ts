import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import { listMeasures, measureDetail, publicMeasures } from './measure-query.service';
import { changeMeasure, createMeasure, publishMeasure, withdrawMeasure } from './measure.service';
import {
  idParams,
  measureDetail as detailView,
  measureInput,
  measurePage,
  measureQuery,
  measureView,
  publicMeasurePage,
  publicMeasureQuery,
  reasonInput,
} from './measure.schemas';

const tags = ['联合奖惩'];
const read = { permission: 'credit:measure:read' } as const;
const write = { permission: 'credit:measure:write' } as const;

/** 联合奖惩措施清单: kept by the credit office, read by departments, published on the portal. */
export const measureRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/credit-measures/measures',
    {
      config: read,
      schema: {
        tags,
        summary: '联合奖惩措施清单（含草稿与已撤销）',
        querystring: measureQuery,
        response: { 200: measurePage },
      },
    },
    async (request) => listMeasures(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/credit-measures/measures/:id',
    {
      config: read,
      schema: { tags, summary: '联合奖惩措施详情与版本记录', params: idParams, response: { 200: detailView } },
    },
    async (request) => measureDetail(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/credit-measures/measures',
    {
      config: write,
      schema: { tags, summary: '新增联合奖惩措施（草稿）', body: measureInput, response: { 200: measureView } },
    },
    async (request) => createMeasure(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/credit-measures/measures/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改联合奖惩措施（形成新版本；已发布的即时更新公示）',
        params: idParams,
        body: measureInput,
        response: { 200: measureView },
      },
    },
    async (request) => changeMeasure(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/credit-measures/measures/:id/publish',
    {
      config: write,
      schema: {
        tags,
        summary: '发布联合奖惩措施（公开的在门户公示）',
        params: idParams,
        response: { 200: measureView },
      },
    },
    async (request) => publishMeasure(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/credit-measures/measures/:id/withdraw',
    {
      config: write,
      schema: {
        tags,
        summary: '撤销联合奖惩措施（须无实施中的对象）',
        params: idParams,
        body: reasonInput,
        response: { 200: measureView },
      },
    },
    async (request) => withdrawMeasure(deps, actorOf(request), request.params.id, request.body.reason),
  );
  app.get(
    '/api/public/credit-measures',
    {
      config: publicRoute(120),
      schema: {
        tags: ['公众服务'],
        summary: '联合奖惩措施清单（已发布且公开的，无需登录）',
        security: [],
        querystring: publicMeasureQuery,
        response: { 200: publicMeasurePage },
      },
    },
    async (request) => publicMeasures(deps, request.query),
  );
};
