import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { copyDetail, copyInput, copyNoParams, copyPage, copyQuery, readInput } from './copy.schemas';
import { getCopy, listCopies, readCopy, sendCopy } from './copy.service';

const tags = ['移送与协查'];

/** 抄告抄送: sent to the departments concerned, each acknowledges (已阅) and may reply. */
export const copyRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/copy-notices',
    {
      config: { permission: 'transfer:read' },
      schema: {
        tags,
        summary: '抄告抄送（本部门发出或收到的，或全部）',
        querystring: copyQuery,
        response: { 200: copyPage },
      },
    },
    async (request) => listCopies(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/copy-notices/:copyNo',
    {
      config: { permission: 'transfer:read' },
      schema: { tags, summary: '抄告详情和各部门签阅情况', params: copyNoParams, response: { 200: copyDetail } },
    },
    async (request) => getCopy(deps, actorOf(request), request.params.copyNo),
  );
  app.post(
    '/api/copy-notices',
    {
      config: { permission: 'transfer:write' },
      schema: {
        tags,
        summary: '抄告抄送检查发现、处罚决定等',
        body: copyInput,
        response: { 200: z.object({ copyNo: z.string() }) },
      },
    },
    async (request) => sendCopy(deps, actorOf(request), request.body),
  );
  app.post(
    '/api/copy-notices/:copyNo/read',
    {
      config: { permission: 'transfer:write' },
      schema: {
        tags,
        summary: '签阅抄告（可回复）',
        params: copyNoParams,
        body: readInput,
        response: { 200: copyDetail },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await readCopy(deps, actor, request.params.copyNo, request.body.reply);
      return getCopy(deps, actor, request.params.copyNo);
    },
  );
};
