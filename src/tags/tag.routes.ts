import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { subjectTagView, tagApplyResult, tagAssignByList, tagInput, tagListResult, tagView } from './tag.schemas';
import {
  applyRule,
  assignByList,
  changeTag,
  createTag,
  removeFromSubject,
  searchTags,
  subjectTags,
} from './tag.service';

const tags = ['标签'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const write = { permission: 'registry:tag:write' } as const;

export const tagRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/tags',
    {
      config: { permission: 'registry:tag:read' },
      schema: {
        tags,
        summary: '标签列表（各部门共享）',
        querystring: z.object({ departmentId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(tagView) },
      },
    },
    async (request) => searchTags(deps, actorOf(request), request.query.departmentId ?? null),
  );
  app.post(
    '/api/tags',
    { config: write, schema: { tags, summary: '新增标签', body: tagInput, response: { 200: tagView } } },
    async (request) => createTag(deps, actorOf(request), request.body),
  );
  app.put(
    '/api/tags/:id',
    {
      config: write,
      schema: { tags, summary: '修改标签', params: idParams, body: tagInput, response: { 200: tagView } },
    },
    async (request) => changeTag(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/tags/:id/apply-rule',
    {
      config: write,
      schema: {
        tags,
        summary: '按规则（行业代码、经营范围关键词）赋予标签',
        params: idParams,
        response: { 200: tagApplyResult },
      },
    },
    async (request) => applyRule(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/tags/:id/subjects',
    {
      config: write,
      schema: {
        tags,
        summary: '按名单（统一社会信用代码）赋予标签',
        params: idParams,
        body: tagAssignByList,
        response: { 200: tagListResult },
      },
    },
    async (request) => assignByList(deps, actorOf(request), request.params.id, request.body.usccs),
  );
  app.delete(
    '/api/tags/:id/subjects/:subjectId',
    {
      config: write,
      schema: {
        tags,
        summary: '移除对象的标签',
        params: idParams.extend({ subjectId: z.coerce.number().int().positive() }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await removeFromSubject(deps, actorOf(request), request.params.id, request.params.subjectId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/subjects/:id/tags',
    {
      config: { permission: 'registry:subject:read' },
      schema: { tags, summary: '监管对象的全部标签', params: idParams, response: { 200: z.array(subjectTagView) } },
    },
    async (request) => subjectTags(deps, actorOf(request), request.params.id),
  );
};
