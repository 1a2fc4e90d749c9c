import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { getAssistance, listAssistance } from './assistance-query.service';
import {
  acceptAssistance,
  answerAssistance,
  createAssistanceTask,
  declineAssistance,
  requestAssistance,
} from './assistance.service';
import {
  answerInput,
  assistanceDetail,
  assistanceInput,
  assistancePage,
  assistanceQuery,
  assistanceTaskInput,
  declineInput,
  requestNoParams,
} from './assistance.schemas';

const tags = ['移送与协查'];
const write = { permission: 'transfer:write' } as const;

/** 执法协助、协查协办: asked by one department, accepted and answered (or declined) by another. */
export const assistanceRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/assistance-requests',
    {
      config: { permission: 'transfer:read' },
      schema: {
        tags,
        summary: '协查请求（本部门提出或收到的，或全部）',
        querystring: assistanceQuery,
        response: { 200: assistancePage },
      },
    },
    async (request) => listAssistance(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/assistance-requests/:requestNo',
    {
      config: { permission: 'transfer:read' },
      schema: { tags, summary: '协查请求详情和办理过程', params: requestNoParams, response: { 200: assistanceDetail } },
    },
    async (request) => getAssistance(deps, actorOf(request), request.params.requestNo),
  );
  app.post(
    '/api/assistance-requests',
    {
      config: write,
      schema: {
        tags,
        summary: '提出执法协助或协查协办请求',
        body: assistanceInput,
        response: { 200: z.object({ requestNo: z.string() }) },
      },
    },
    async (request) => requestAssistance(deps, actorOf(request), request.body),
  );
  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B | null,
    run: (no: string, input: z.infer<B>, actor: ReturnType<typeof actorOf>) => Promise<void>,
  ) =>
    app.post(
      `/api/assistance-requests/:requestNo/${path}`,
      {
        config: write,
        schema: {
          tags,
          summary,
          params: requestNoParams,
          ...(body ? { body } : {}),
          response: { 200: assistanceDetail },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await run(request.params.requestNo, request.body as z.infer<B>, actor);
        return getAssistance(deps, actor, request.params.requestNo);
      },
    );
  step('accept', '被请求部门受理协查请求', null, (no, _b, actor) => acceptAssistance(deps, actor, no));
  step('answer', '答复协查请求（材料或意见）', answerInput, (no, b, actor) =>
    answerAssistance(deps, actor, no, b.answer),
  );
  step('decline', '拒绝协查请求（须填写理由）', declineInput, (no, b, actor) =>
    declineAssistance(deps, actor, no, b.reason),
  );
  step('task', '为协查请求安排现场核查任务（与其他部门的计划检查合并入企）', assistanceTaskInput, (no, b, actor) =>
    createAssistanceTask(deps, actor, no, b),
  );
};
