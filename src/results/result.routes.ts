import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  deadlineOverview as overviewSchema,
  publicResultList,
  publicResultQuery,
  returnInput,
  reviewInput,
  reviewView,
  taskNoParams,
} from './result.schemas';
import { deadlineOverview, listPublicResults } from './result.service';
import { approveResults, returnResults, reviewOf } from './result-review.service';

const tags = ['检查实施'];
const approve = { permission: 'task:result:approve' } as const;

/** Approval of results, the results announcement (结果公告) and the deadlines overview. */
export const resultRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/results/deadlines',
    {
      config: { permission: 'task:task:read' },
      schema: {
        tags,
        summary: '期限总览：各部门待录入（7 个工作日）、待审核、待公示（20 个工作日）与逾期公示',
        response: { 200: overviewSchema },
      },
    },
    async (request) => deadlineOverview(deps, actorOf(request)),
  );
  app.get(
    '/api/results/:taskNo',
    {
      config: { permission: 'task:task:read' },
      schema: { tags, summary: '检查结果的各部门提交与审核情况', params: taskNoParams, response: { 200: reviewView } },
    },
    async (request) => reviewOf(deps, actorOf(request), request.params.taskNo),
  );
  app.post(
    '/api/results/:taskNo/approve',
    {
      config: approve,
      schema: {
        tags,
        summary: '审核通过本部门（联席办可指定部门）的检查结果；各部门均通过后任务办结并发布结果公告',
        params: taskNoParams,
        body: reviewInput,
        response: { 200: reviewView },
      },
    },
    async (request) => approveResults(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.post(
    '/api/results/:taskNo/return',
    {
      config: approve,
      schema: {
        tags,
        summary: '说明理由退回检查结果，执法检查人员可修改后重新提交',
        params: taskNoParams,
        body: returnInput,
        response: { 200: reviewView },
      },
    },
    async (request) => returnResults(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.get(
    '/api/public/inspection-results',
    {
      config: publicRoute(120),
      schema: {
        tags: ['公众服务'],
        summary: '抽查结果公告（无需登录）：检查对象、统一社会信用代码、计划、检查日期、部门、事项与结果',
        security: [],
        querystring: publicResultQuery,
        response: { 200: publicResultList },
      },
    },
    async (request) => listPublicResults(deps, request.query),
  );
};
