import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import { idParams } from './exposure-case.schemas';
import { knowledgeEntryView, knowledgeInput, knowledgePage, knowledgeQuery } from './knowledge.schemas';
import { changeEntry, createEntry, entryView, searchKnowledge, staffEntry, staffKnowledge } from './knowledge.service';

const tags = ['服务门户'];
const publicTags = ['公众服务'];
const write = { permission: 'portal:content:write' } as const;

/** 知识库: departments add and maintain entries; the portal searches them. */
export const knowledgeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/portal/knowledge',
    {
      config: write,
      schema: {
        tags,
        summary: '知识库条目（本部门维护的，或全部）',
        querystring: knowledgeQuery,
        response: { 200: knowledgePage },
      },
    },
    async (request) => staffKnowledge(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/portal/knowledge/:id',
    { config: write, schema: { tags, summary: '知识库条目', params: idParams, response: { 200: knowledgeEntryView } } },
    async (request) => staffEntry(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/portal/knowledge',
    {
      config: write,
      schema: { tags, summary: '新增知识库条目', body: knowledgeInput, response: { 200: knowledgeEntryView } },
    },
    async (request) => createEntry(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/portal/knowledge/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改知识库条目（含时效性、废止日期）',
        params: idParams,
        body: knowledgeInput,
        response: { 200: knowledgeEntryView },
      },
    },
    async (request) => changeEntry(deps, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/public/knowledge',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '检索知识库：标题、正文、文号（多个词须同时出现），按相关度和日期排序，匹配处高亮（无需登录）',
        security: [],
        querystring: knowledgeQuery,
        response: { 200: knowledgePage },
      },
    },
    async (request) => searchKnowledge(deps, request.query),
  );
  app.get(
    '/api/public/knowledge/:id',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '知识库条目全文（无需登录）',
        security: [],
        params: idParams,
        response: { 200: knowledgeEntryView },
      },
    },
    async (request) => entryView(deps, request.params.id),
  );
};
