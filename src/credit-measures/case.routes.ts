import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { getCase, listCases, overdueFeedback, subjectCases } from './case-query.service';
import { endCase, initiateCases } from './case.service';
import { caseInput, casePage, caseQuery, caseView, feedbackInput, initiated, overdueView } from './case.schemas';
import { recordFeedback } from './feedback.service';
import { idParams, reasonInput } from './measure.schemas';

const tags = ['联合奖惩'];
const read = { permission: 'credit:measure:read' } as const;

/** 联合奖惩对象: initiated by the credit office, 实施反馈 by each implementing department, the overdue list. */
export const caseRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/credit-measures/cases',
    {
      config: read,
      schema: {
        tags,
        summary: '联合奖惩对象（本部门发起或实施的，或全部）',
        querystring: caseQuery,
        response: { 200: casePage },
      },
    },
    async (request) => listCases(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/credit-measures/cases/:id',
    {
      config: read,
      schema: { tags, summary: '联合奖惩对象详情与实施反馈', params: idParams, response: { 200: caseView } },
    },
    async (request) => getCase(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/credit-measures/cases',
    {
      config: { permission: 'credit:measure:write' },
      schema: {
        tags,
        summary: '发起联合奖惩：按已发布的措施列入对象（每个对象一件），通知各实施部门',
        body: caseInput,
        response: { 200: initiated },
      },
    },
    async (request) => initiateCases(deps, actorOf(request), request.body),
  );
  app.post(
    '/api/credit-measures/cases/:id/end',
    {
      config: { permission: 'credit:measure:write' },
      schema: {
        tags,
        summary: '提前解除联合奖惩对象',
        params: idParams,
        body: reasonInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await endCase(deps, actorOf(request), request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/credit-measures/cases/:id/feedback',
    {
      config: { permission: 'credit:measure:apply' },
      schema: {
        tags,
        summary: '登记本部门的实施反馈（已实施或不适用）',
        params: idParams,
        body: feedbackInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await recordFeedback(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/credit-measures/overdue',
    {
      config: read,
      schema: { tags, summary: '实施反馈逾期清单（10 个工作日）与按部门统计', response: { 200: overdueView } },
    },
    async (request) => overdueFeedback(deps, actorOf(request)),
  );
  app.get(
    '/api/credit-measures/subjects/:subjectId',
    {
      config: read,
      schema: {
        tags,
        summary: '监管对象的联合奖惩记录',
        params: z.object({ subjectId: z.coerce.number().int().positive() }),
        response: { 200: z.array(caseView) },
      },
    },
    async (request) => subjectCases(deps, actorOf(request), request.params.subjectId),
  );
};
