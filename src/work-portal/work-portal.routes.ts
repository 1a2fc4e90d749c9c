import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { dashboard } from './dashboard.service';
import { myTodos } from './todos.service';
import { dashboardQuery, dashboardView, todoQuery, todoView } from './work-portal.schemas';

const tags = ['工作门户'];

/** 工作门户: the to-dos of the signed-in user and the leader dashboard (领导驾驶舱). */
export const workPortalRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/work-portal/todos',
    {
      schema: {
        tags,
        summary: '我的待办：各项业务中待我（本部门）办理的事项及期限（每类按期限先后列出前 first 条，默认 5 条）',
        querystring: todoQuery,
        response: { 200: todoView },
      },
    },
    async (request) => myTodos(deps, actorOf(request), request.query.first),
  );
  app.get(
    '/api/work-portal/dashboard',
    {
      config: { permission: 'dashboard:read' },
      schema: {
        tags,
        summary: '领导驾驶舱：监管对象、检查完成、联合检查、期限、投诉预警、信用与风险分布（部门只看本部门）',
        querystring: dashboardQuery,
        response: { 200: dashboardView },
      },
    },
    async (request) => dashboard(deps, actorOf(request), request.query),
  );
};
