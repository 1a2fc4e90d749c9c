import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  checkItemOption,
  itemVersionSummary,
  itemVersionView,
  supervisionItemInput,
  supervisionItemListQuery,
  supervisionItemPage,
  supervisionItemView,
} from './supervision-item.schemas';
import {
  changeSupervisionItem,
  checkItemChoices,
  createSupervisionItem,
  getSupervisionItem,
  itemVersion,
  itemVersions,
  listSupervisionItems,
} from './supervision-item.service';

const tags = ['监管事项目录清单'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const read = { permission: 'registry:item:read' } as const;
const write = { permission: 'registry:item:write' } as const;

export const supervisionItemRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/items',
    {
      config: read,
      schema: {
        tags,
        summary: '监管事项目录（各部门共享，可按部门、层级、来源、状态筛选）',
        querystring: supervisionItemListQuery,
        response: { 200: supervisionItemPage },
      },
    },
    async (request) => listSupervisionItems(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/items/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '监管事项详情（含检查实施清单）',
        params: idParams,
        response: { 200: supervisionItemView },
      },
    },
    async (request) => getSupervisionItem(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/items',
    {
      config: write,
      schema: {
        tags,
        summary: '新增本部门监管事项（含检查实施清单），记为第 1 版',
        body: supervisionItemInput,
        response: { 200: supervisionItemView },
      },
    },
    async (request) => createSupervisionItem(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/items/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改监管事项及其检查实施清单，每次修改形成新版本',
        params: idParams,
        body: supervisionItemInput,
        response: { 200: supervisionItemView },
      },
    },
    async (request) => changeSupervisionItem(deps, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/items/:id/versions',
    {
      config: read,
      schema: {
        tags,
        summary: '监管事项的修改历史（谁、何时、改了什么）',
        params: idParams,
        response: { 200: z.array(itemVersionSummary) },
      },
    },
    async (request) => itemVersions(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/items/:id/versions/:version',
    {
      config: read,
      schema: {
        tags,
        summary: '监管事项的某一历史版本（含当时的检查实施清单）',
        params: idParams.extend({ version: z.coerce.number().int().positive() }),
        response: { 200: itemVersionView },
      },
    },
    async (request) => itemVersion(deps, actorOf(request), request.params.id, request.params.version),
  );
  app.get(
    '/api/check-items',
    {
      config: read,
      schema: {
        tags,
        summary: '可供随机抽查事项关联的检查子项（有效事项下的现行子项）',
        querystring: z.object({ departmentId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(checkItemOption) },
      },
    },
    async (request) => checkItemChoices(deps, actorOf(request), request.query.departmentId ?? null),
  );
};
