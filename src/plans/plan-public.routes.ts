import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import { z } from 'zod';
import type { AppDeps } from '../shared/context';
import { announcementOf, publicPlan, publicPlans } from './plan-public.service';
import { publicPlanDetail, publicPlanParams, publicPlanSummary } from './plan.schemas';
import { formatParams, sendAnnouncement } from './plan.routes';

const tags = ['公众服务'];

export const planPublicRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/public/plans',
    {
      config: publicRoute(120),
      schema: {
        tags,
        summary: '已公布的年度日常检查计划和专项检查方案（无需登录）',
        security: [],
        response: { 200: z.array(publicPlanSummary) },
      },
    },
    async () => publicPlans(deps),
  );
  app.get(
    '/api/public/plans/:kind/:id',
    {
      config: publicRoute(120),
      schema: {
        tags,
        summary: '已公布计划的全部事项（无需登录）',
        security: [],
        params: publicPlanParams,
        response: { 200: publicPlanDetail },
      },
    },
    async (request) => publicPlan(deps, request.params.kind, request.params.id),
  );
  app.get(
    '/api/public/plans/:kind/:id/announcement.:format',
    {
      config: publicRoute(20),
      schema: {
        tags,
        summary: '计划公告 PDF / XLSX（无需登录）',
        security: [],
        params: publicPlanParams.extend(formatParams.shape),
      },
    },
    async (request, reply) => {
      await publicPlan(deps, request.params.kind, request.params.id);
      return sendAnnouncement(
        reply,
        await announcementOf(deps.db, request.params.kind, request.params.id),
        request.params.format,
      );
    },
  );
};
