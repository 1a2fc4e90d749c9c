import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import {
  catalogFilters as filtersView,
  catalogItemView,
  catalogPage,
  catalogQuery,
  portalHome as homeView,
  portalSearchQuery,
  portalSearchResult,
} from './catalog.schemas';
import { catalogFilters, catalogItem, catalogItems } from './catalog.service';
import { idParams } from './exposure-case.schemas';
import { portalHome, portalSearch } from './portal-home.service';

const publicTags = ['公众服务'];

/** The public catalog of supervision items, the portal's home and its search box (no login). */
export const catalogRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/public/catalog/items',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '监管事项目录清单：按名称、部门、行业、层级查询（无需登录）',
        security: [],
        querystring: catalogQuery,
        response: { 200: catalogPage },
      },
    },
    async (request) => catalogItems(deps, request.query),
  );
  app.get(
    '/api/public/catalog/filters',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '监管事项目录的筛选项（无需登录）',
        security: [],
        response: { 200: filtersView },
      },
    },
    async () => catalogFilters(deps),
  );
  app.get(
    '/api/public/catalog/items/:id',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '监管事项详情与检查实施清单（无需登录）',
        security: [],
        params: idParams,
        response: { 200: catalogItemView },
      },
    },
    async (request) => catalogItem(deps, request.params.id),
  );
  app.get(
    '/api/public/portal/home',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '服务门户首页：最新监管动态、曝光台与各栏目数量（无需登录）',
        security: [],
        response: { 200: homeView },
      },
    },
    async () => portalHome(deps),
  );
  app.get(
    '/api/public/portal/search',
    {
      config: publicRoute(60),
      schema: {
        tags: publicTags,
        summary: '门户搜索：监管事项、知识库、一业一册、监管动态、曝光台（无需登录）',
        security: [],
        querystring: portalSearchQuery,
        response: { 200: portalSearchResult },
      },
    },
    async (request) => portalSearch(deps, request.query.q),
  );
};
