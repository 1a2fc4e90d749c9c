import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { changeSupervisionRules, getSupervisionRules, supervisionRules } from './visit-rules-setting';

const tags = ['系统设置'];

export const supervisionRuleRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/settings/supervision-rules',
    {
      config: { permission: 'plan:plan:read' },
      schema: {
        tags,
        summary: '监管规则：每年日常检查次数、同一事项检查次数、年度计划公布截止日',
        response: { 200: supervisionRules },
      },
    },
    async (request) => getSupervisionRules(deps, actorOf(request)),
  );
  app.put(
    '/api/settings/supervision-rules',
    {
      config: { permission: 'system:setting:write' },
      schema: {
        tags,
        summary: '修改监管规则（平台管理员）',
        body: supervisionRules,
        response: { 200: supervisionRules },
      },
    },
    async (request) => changeSupervisionRules(deps, actorOf(request), request.body),
  );
};
