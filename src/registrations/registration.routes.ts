import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  registrationInput,
  registrationNoParams,
  registrationPage,
  registrationQuery,
  registrationRules,
  registrationView,
  withdrawInput,
} from './registration.schemas';
import {
  createRegistrations,
  getRegistration,
  listRegistrations,
  ruleSummary,
  withdrawRegistration,
} from './registration.service';
import { confirmRegistration } from './registration-confirm.service';
import {
  answerInput,
  matchInput,
  matchResult,
  proposalNoParams,
  proposalPage,
  proposalQuery,
  proposalView,
} from './visit-matching.schemas';
import { answerProposal } from './visit-merge.service';
import { getProposal, listProposals, matchYear } from './visit-matching.service';

const tags = ['提前登记与合并入企'];
const read = { permission: 'plan:registration:read' } as const;
const write = { permission: 'plan:registration:write' } as const;

export const registrationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/registrations',
    {
      config: read,
      schema: {
        tags,
        summary: '提前登记列表（本部门或全部）',
        querystring: registrationQuery,
        response: { 200: registrationPage },
      },
    },
    async (request) => listRegistrations(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/registrations/rules',
    {
      config: read,
      schema: {
        tags,
        summary: '检查类型与入企规则（白名单、每年日常检查次数、同一事项次数）',
        response: { 200: registrationRules },
      },
    },
    async () => ruleSummary(deps.db),
  );
  app.post(
    '/api/registrations',
    {
      config: write,
      schema: {
        tags,
        summary: '提前登记（可一次登记多个主体；不符合入企规则的整批拒绝并说明理由），随即自动匹配',
        body: registrationInput,
        response: { 200: z.object({ registrations: z.array(registrationView), proposals: z.array(proposalView) }) },
      },
    },
    async (request) => createRegistrations(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/registrations/:registrationNo',
    {
      config: read,
      schema: { tags, summary: '登记详情', params: registrationNoParams, response: { 200: registrationView } },
    },
    async (request) => getRegistration(deps, actorOf(request), request.params.registrationNo),
  );
  app.post(
    '/api/registrations/:registrationNo/withdraw',
    {
      config: write,
      schema: {
        tags,
        summary: '撤回登记（须说明理由，登记保留）',
        params: registrationNoParams,
        body: withdrawInput,
        response: { 200: registrationView },
      },
    },
    async (request) => withdrawRegistration(deps, actorOf(request), request.params.registrationNo, request.body.reason),
  );
  app.post(
    '/api/registrations/:registrationNo/confirm',
    {
      config: write,
      schema: {
        tags,
        summary: '确认登记：转为检查任务（按规则选派人员并发布，相关的待答复合并建议失效）',
        params: registrationNoParams,
        response: { 200: registrationView },
      },
    },
    async (request) => confirmRegistration(deps, actorOf(request), request.params.registrationNo),
  );
  app.post(
    '/api/merge-proposals/match',
    {
      config: write,
      schema: {
        tags,
        summary: '按年度自动匹配登记与抽取任务（重复执行不会重复建议）',
        body: matchInput,
        response: { 200: matchResult },
      },
    },
    async (request) => matchYear(deps, actorOf(request), request.body.year),
  );
  app.get(
    '/api/merge-proposals',
    {
      config: read,
      schema: {
        tags,
        summary: '合并入企建议（本部门参与的或全部；pending=true 为待本部门答复）',
        querystring: proposalQuery,
        response: { 200: proposalPage },
      },
    },
    async (request) => listProposals(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/merge-proposals/:proposalNo',
    {
      config: read,
      schema: { tags, summary: '合并入企建议详情', params: proposalNoParams, response: { 200: proposalView } },
    },
    async (request) => getProposal(deps, actorOf(request), request.params.proposalNo),
  );
  app.post(
    '/api/merge-proposals/:proposalNo/answer',
    {
      config: write,
      schema: {
        tags,
        summary: '答复合并入企建议：接受（受邀部门须选事项）或拒绝（须说明理由）',
        params: proposalNoParams,
        body: answerInput,
        response: { 200: proposalView },
      },
    },
    async (request) => answerProposal(deps, actorOf(request), request.params.proposalNo, request.body),
  );
};
