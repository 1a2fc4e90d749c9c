import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { changeSamplingDefaults, getSamplingDefaults } from './sampling-defaults.service';
import {
  classRatios,
  publicSamplingPage,
  publicSamplingQuery,
  samplingDefaults,
  samplingItemInput,
  samplingItemListQuery,
  samplingItemPage,
  samplingItemView,
} from './sampling-item.schemas';
import {
  changeSamplingItem,
  createSamplingItem,
  getSamplingItem,
  listSamplingItems,
  publicSamplingItems,
  publishSamplingItem,
} from './sampling-item.service';

const tags = ['随机抽查事项清单'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const read = { permission: 'registry:item:read' } as const;
const write = { permission: 'registry:item:write' } as const;
const publish = { permission: 'registry:item:publish' } as const;

export const samplingItemRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/sampling-items',
    {
      config: read,
      schema: {
        tags,
        summary: '随机抽查事项清单（各部门共享）',
        querystring: samplingItemListQuery,
        response: { 200: samplingItemPage },
      },
    },
    async (request) => listSamplingItems(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/sampling-items/:id',
    {
      config: read,
      schema: { tags, summary: '随机抽查事项详情', params: idParams, response: { 200: samplingItemView } },
    },
    async (request) => getSamplingItem(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/sampling-items',
    {
      config: write,
      schema: {
        tags,
        summary: '新增本部门随机抽查事项（未填比例时采用默认比例）',
        body: samplingItemInput,
        response: { 200: samplingItemView },
      },
    },
    async (request) => createSamplingItem(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/sampling-items/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改随机抽查事项',
        params: idParams,
        body: samplingItemInput,
        response: { 200: samplingItemView },
      },
    },
    async (request) => changeSamplingItem(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/sampling-items/:id/publish',
    {
      config: publish,
      schema: { tags, summary: '向社会公布随机抽查事项', params: idParams, response: { 200: samplingItemView } },
    },
    async (request) => publishSamplingItem(deps, actorOf(request), request.params.id, true),
  );
  app.post(
    '/api/sampling-items/:id/unpublish',
    { config: publish, schema: { tags, summary: '撤回公布', params: idParams, response: { 200: samplingItemView } } },
    async (request) => publishSamplingItem(deps, actorOf(request), request.params.id, false),
  );
  app.get(
    '/api/public/sampling-items',
    {
      config: publicRoute(120),
      schema: {
        tags: ['公众服务'],
        summary: '已公布的随机抽查事项清单（无需登录）',
        security: [],
        querystring: publicSamplingQuery,
        response: { 200: publicSamplingPage },
      },
    },
    async (request) => publicSamplingItems(deps, request.query),
  );
  app.get(
    '/api/settings/sampling-defaults',
    {
      config: read,
      schema: {
        tags,
        summary: '随机抽查默认比例（按信用风险分类 A/B/C/D，百分比）',
        response: { 200: samplingDefaults },
      },
    },
    async (request) => getSamplingDefaults(deps, actorOf(request)),
  );
  app.put(
    '/api/settings/sampling-defaults',
    {
      config: { permission: 'system:setting:write' },
      schema: {
        tags,
        summary: '修改随机抽查默认比例（平台管理员）',
        body: classRatios,
        response: { 200: samplingDefaults },
      },
    },
    async (request) => changeSamplingDefaults(deps, actorOf(request), request.body),
  );
};
