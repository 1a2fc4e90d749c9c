import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { followUpOverview, listFollowUps, listRoutineSupervisions } from './follow-up-list.service';
import {
  applicationInput,
  applicationList,
  applicationQuery,
  applicationView,
  followUpList,
  followUpNoParams,
  followUpOverview as overviewSchema,
  followUpQuery,
  followUpTransferInput,
  routineSupervisionList,
} from './follow-up.schemas';
import { transferUnlicensed } from './follow-up-transfer.service';
import { listApplications, recordApplication } from './licence-application.service';

const tags = ['双跟踪'];
const read = { permission: 'followup:obligation:read' } as const;

export const followUpRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/follow-ups',
    {
      config: read,
      schema: {
        tags,
        summary: '照后证前跟踪列表（本部门或全部）：待跟踪、逾期、已跟踪、免于跟踪',
        querystring: followUpQuery,
        response: { 200: followUpList },
      },
    },
    async (request) => listFollowUps(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/follow-ups/overview',
    {
      config: read,
      schema: { tags, summary: '各部门照后证前跟踪情况（督查）', response: { 200: overviewSchema } },
    },
    async (request) => followUpOverview(deps, actorOf(request)),
  );
  app.get(
    '/api/follow-ups/routine',
    {
      config: read,
      schema: { tags, summary: '取得许可后纳入日常监管的市场主体', response: { 200: routineSupervisionList } },
    },
    async (request) => listRoutineSupervisions(deps, actorOf(request)),
  );
  app.post(
    '/api/follow-ups/:followUpNo/transfer',
    {
      config: { permission: 'task:task:write' },
      schema: {
        tags,
        summary: '跟踪检查发现未取得许可即开展经营活动：移送立案查处，并列为重点抽查对象',
        params: followUpNoParams,
        body: followUpTransferInput,
        response: { 200: z.object({ followUpNo: z.string(), keyTarget: z.boolean() }) },
      },
    },
    async (request) => transferUnlicensed(deps, actorOf(request), request.params.followUpNo, request.body),
  );
  app.get(
    '/api/follow-ups/applications',
    {
      config: { permission: 'followup:application:read' },
      schema: {
        tags,
        summary: '许可申请办证时限（二跟踪）：已用工作日与承诺、法定时限，各部门统计',
        querystring: applicationQuery,
        response: { 200: applicationList },
      },
    },
    async (request) => listApplications(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/follow-ups/applications',
    {
      config: { permission: 'followup:application:write' },
      schema: {
        tags,
        summary: '登记受理的许可申请（在线录入，或部门系统以令牌调用；同一发送方编号重复提交返回原记录）',
        body: applicationInput,
        response: { 200: z.object({ created: z.boolean(), application: applicationView }) },
      },
    },
    async (request) => recordApplication(deps, actorOf(request), request.body),
  );
};
