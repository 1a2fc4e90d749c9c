import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  answerConsultation,
  approveSpecialPlan,
  publishSpecialPlan,
  returnSpecialPlan,
  startConsultation,
} from './consultation.service';
import { announcementOf } from './plan-public.service';
import {
  answerInput,
  approveInput,
  consultInput,
  reasonInput,
  specialPlanInput,
  specialPlanSummary,
  specialPlanView,
} from './plan.schemas';
import { formatParams, sendAnnouncement } from './plan.routes';
import {
  changeSpecialPlan,
  createSpecialPlan,
  getSpecialPlan,
  listSpecialPlans,
  submitSpecialPlan,
} from './special-plan.service';

const tags = ['检查计划'];
const read = { permission: 'plan:plan:read' } as const;
const write = { permission: 'plan:plan:write' } as const;
const manage = { permission: 'plan:plan:manage' } as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });
const view = { 200: specialPlanView };

export const specialPlanRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/special-plans',
    {
      config: read,
      schema: {
        tags,
        summary: '专项检查方案列表（本部门的、征求本部门意见的、已公布的）',
        response: { 200: z.array(specialPlanSummary) },
      },
    },
    async (request) => listSpecialPlans(deps, actorOf(request)),
  );
  app.post(
    '/api/special-plans',
    { config: write, schema: { tags, summary: '起草专项检查 / 全项彻查方案', body: specialPlanInput, response: view } },
    async (request) => createSpecialPlan(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/special-plans/:id',
    { config: read, schema: { tags, summary: '方案详情与征求意见情况', params: idParams, response: view } },
    async (request) => getSpecialPlan(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/api/special-plans/:id',
    {
      config: write,
      schema: { tags, summary: '修改草稿或被退回的方案', params: idParams, body: specialPlanInput, response: view },
    },
    async (request) => changeSpecialPlan(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/special-plans/:id/submit',
    { config: write, schema: { tags, summary: '报送联席会议', params: idParams, response: view } },
    async (request) => submitSpecialPlan(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/special-plans/:id/consultation',
    {
      config: manage,
      schema: {
        tags,
        summary: '征求意见（5 个工作日内答复；全项彻查自动纳入相关部门）',
        params: idParams,
        body: consultInput,
        response: view,
      },
    },
    async (request) => startConsultation(deps, actorOf(request), request.params.id, request.body.departmentIds),
  );
  app.post(
    '/api/special-plans/:id/consultations/:departmentId/answer',
    {
      config: write,
      schema: {
        tags,
        summary: '答复征求意见：参加（选择本部门事项）或不参加（说明理由）',
        params: idParams.extend({ departmentId: z.coerce.number().int().positive() }),
        body: answerInput,
        response: view,
      },
    },
    async (request) =>
      answerConsultation(deps, actorOf(request), request.params.id, request.params.departmentId, request.body),
  );
  app.post(
    '/api/special-plans/:id/return',
    {
      config: manage,
      schema: { tags, summary: '退回方案（说明理由）', params: idParams, body: reasonInput, response: view },
    },
    async (request) => returnSpecialPlan(deps, actorOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/special-plans/:id/approve',
    {
      config: manage,
      schema: { tags, summary: '批准方案，并决定是否向社会公布', params: idParams, body: approveInput, response: view },
    },
    async (request) => approveSpecialPlan(deps, actorOf(request), request.params.id, request.body.public),
  );
  app.post(
    '/api/special-plans/:id/publish',
    { config: manage, schema: { tags, summary: '向社会公布已批准的方案', params: idParams, response: view } },
    async (request) => publishSpecialPlan(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/special-plans/:id/announcement.:format',
    { config: read, schema: { tags, summary: '方案公告（PDF / XLSX）', params: idParams.extend(formatParams.shape) } },
    async (request, reply) => {
      await getSpecialPlan(deps, actorOf(request), request.params.id);
      return sendAnnouncement(
        reply,
        await announcementOf(deps.db, 'special', request.params.id),
        request.params.format,
      );
    },
  );
};
