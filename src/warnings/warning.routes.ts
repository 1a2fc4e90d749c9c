import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { checkWarning, disposeWarning, feedbackWarning, markFalsePositive } from './warning-disposal.service';
import {
  changeWarningRule,
  getWarning,
  listWarningRules,
  listWarnings,
  overdueWarnings,
} from './warning-query.service';
import { runRuleNow } from './warning-run.service';
import {
  checkInput,
  codeParams,
  disposeInput,
  falsePositiveInput,
  feedbackInput,
  idParams,
  overdueView,
  ruleInput,
  ruleList,
  runOutcome,
  warningDetail,
  warningPage,
  warningQuery,
} from './warning.schemas';

const tags = ['风险预警'];
const read = { permission: 'warning:read' } as const;
const handle = { permission: 'warning:handle' } as const;

/** 风险预警: the list with its charts, the detail, the disposal steps, the overdue list and the rules. */
export const warningRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/warnings',
    {
      config: read,
      schema: {
        tags,
        summary: '风险预警（本部门的，或全部）与按等级、状态、部门统计',
        querystring: warningQuery,
        response: { 200: warningPage },
      },
    },
    async (request) => listWarnings(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/warnings/overdue',
    { config: read, schema: { tags, summary: '逾期未处置的预警', response: { 200: overdueView } } },
    async (request) => overdueWarnings(deps, actorOf(request)),
  );
  app.get(
    '/api/warnings/rules',
    { config: read, schema: { tags, summary: '预警规则、命中率与运行记录', response: { 200: ruleList } } },
    async (request) => listWarningRules(deps, actorOf(request)),
  );
  app.put(
    '/api/warnings/rules/:code',
    {
      config: { permission: 'warning:rule' },
      schema: { tags, summary: '修改预警规则', params: codeParams, body: ruleInput, response: { 204: noContent } },
    },
    async (request, reply) => {
      await changeWarningRule(deps, actorOf(request), request.params.code, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/warnings/rules/:code/run',
    {
      config: { permission: 'warning:rule' },
      schema: { tags, summary: '立即运行预警规则', params: codeParams, response: { 200: runOutcome } },
    },
    async (request) => runRuleNow(deps, actorOf(request), request.params.code),
  );
  app.get(
    '/api/warnings/:id',
    {
      config: read,
      schema: { tags, summary: '预警详情与处置过程', params: idParams, response: { 200: warningDetail } },
    },
    async (request) => getWarning(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/warnings/:id/check',
    {
      config: handle,
      schema: { tags, summary: '核查预警', params: idParams, body: checkInput, response: { 204: noContent } },
    },
    async (request, reply) => {
      await checkWarning(deps, actorOf(request), request.params.id, request.body.note);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/warnings/:id/dispose',
    {
      config: handle,
      schema: {
        tags,
        summary: '处置预警：现场核查（生成预警核查任务）或非现场处置',
        params: idParams,
        body: disposeInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await disposeWarning(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/warnings/:id/feedback',
    {
      config: handle,
      schema: {
        tags,
        summary: '反馈处置结果并关闭预警',
        params: idParams,
        body: feedbackInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await feedbackWarning(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/warnings/:id/false-positive',
    {
      config: handle,
      schema: { tags, summary: '认定为误报', params: idParams, body: falsePositiveInput, response: { 204: noContent } },
    },
    async (request, reply) => {
      await markFalsePositive(deps, actorOf(request), request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );
};
