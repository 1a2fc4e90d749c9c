import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import {
  catalogItemInput,
  catalogVersionDetail,
  catalogVersionView,
  draftInput,
  itemParams,
  publicCatalog,
  publicCatalogQuery,
  versionParams,
} from './catalog.schemas';
import {
  createDraft,
  listVersions,
  publicCatalogOf,
  publishDraft,
  removeDraftItem,
  saveDraftItem,
  versionDetail,
} from './catalog.service';

const tags = ['双告知双反馈'];
const read = { permission: 'dualnotice:push:read' } as const;
const write = { permission: 'dualnotice:catalog:write' } as const;

/** The 双告知 catalog: versions, drafting, publication, and the public page. */
export const catalogRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/dual-notice/catalog/versions',
    {
      config: read,
      schema: { tags, summary: '双告知事项目录的各版本', response: { 200: z.array(catalogVersionView) } },
    },
    async () => listVersions(deps),
  );
  app.get(
    '/api/dual-notice/catalog/versions/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '双告知事项目录一个版本的事项',
        params: versionParams,
        response: { 200: catalogVersionDetail },
      },
    },
    async (request) => versionDetail(deps, request.params.id),
  );
  app.post(
    '/api/dual-notice/catalog/versions',
    {
      config: write,
      schema: {
        tags,
        summary: '以当前发布版本为基础起草新版本（同时只有一个草稿）',
        body: draftInput,
        response: { 200: catalogVersionDetail },
      },
    },
    async (request) => createDraft(deps, actorOf(request), request.body.note),
  );
  app.put(
    '/api/dual-notice/catalog/versions/:id/items',
    {
      config: write,
      schema: {
        tags,
        summary: '新增或修改草稿中的事项（按事项编码）',
        params: versionParams,
        body: catalogItemInput,
        response: { 200: catalogVersionDetail },
      },
    },
    async (request) => saveDraftItem(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/dual-notice/catalog/versions/:id/items/:code',
    {
      config: write,
      schema: { tags, summary: '删除草稿中的事项', params: itemParams, response: { 200: catalogVersionDetail } },
    },
    async (request) => removeDraftItem(deps, actorOf(request), request.params.id, request.params.code),
  );
  app.post(
    '/api/dual-notice/catalog/versions/:id/publish',
    {
      config: write,
      schema: {
        tags,
        summary: '发布草稿：发布后不可修改，此后登记的市场主体按此版本告知',
        params: versionParams,
        response: { 200: catalogVersionDetail },
      },
    },
    async (request) => publishDraft(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/public/dual-notice-catalog',
    {
      config: publicRoute(120),
      schema: {
        tags: ['公众服务'],
        summary: '双告知事项目录（无需登录）：当前发布版本的审批事项与审批、主管、执法部门',
        security: [],
        querystring: publicCatalogQuery,
        response: { 200: publicCatalog },
      },
    },
    async (request) => publicCatalogOf(deps, request.query.keyword),
  );
};
