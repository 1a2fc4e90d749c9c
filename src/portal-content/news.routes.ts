import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import { idParams, withdrawInput } from './exposure-case.schemas';
import { newsInput, newsPage, newsQuery, newsView, publicNews, publicNewsPage, publicNewsQuery } from './news.schemas';
import {
  changeNews,
  newsDetail,
  newsList,
  publicNewsItem,
  publicNewsList,
  publishNews,
  withdrawNews,
} from './news.service';

const tags = ['服务门户'];
const publicTags = ['公众服务'];
const write = { permission: 'portal:content:write' } as const;

/** 监管动态: departments publish news items; the portal lists them. */
export const newsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/portal/news',
    {
      config: write,
      schema: { tags, summary: '监管动态（本部门的，或全部）', querystring: newsQuery, response: { 200: newsPage } },
    },
    async (request) => newsList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/portal/news/:id',
    { config: write, schema: { tags, summary: '监管动态详情', params: idParams, response: { 200: newsView } } },
    async (request) => newsDetail(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/portal/news',
    { config: write, schema: { tags, summary: '发布监管动态', body: newsInput, response: { 200: newsView } } },
    async (request) => publishNews(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/portal/news/:id',
    {
      config: write,
      schema: { tags, summary: '修改监管动态', params: idParams, body: newsInput, response: { 200: newsView } },
    },
    async (request) => changeNews(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/portal/news/:id/withdraw',
    {
      config: write,
      schema: { tags, summary: '撤回监管动态', params: idParams, body: withdrawInput, response: { 200: newsView } },
    },
    async (request) => withdrawNews(deps, actorOf(request), request.params.id, request.body.reason),
  );
  app.get(
    '/api/public/news',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '监管动态（无需登录）',
        security: [],
        querystring: publicNewsQuery,
        response: { 200: publicNewsPage },
      },
    },
    async (request) => publicNewsList(deps, request.query),
  );
  app.get(
    '/api/public/news/:id',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '监管动态详情（无需登录）',
        security: [],
        params: idParams,
        response: { 200: publicNews },
      },
    },
    async (request) => publicNewsItem(deps, request.params.id),
  );
};
