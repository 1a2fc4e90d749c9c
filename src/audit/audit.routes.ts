import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { pageOf } from '../shared/paging';
import { auditActions, searchAudit, verifyChainAs } from './audit-query.service';
import { auditEntryView, auditListQuery, chainReportView } from './audit.schemas';

const tags = ['审计日志'];

export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit:log:read' },
      schema: { tags, summary: '审计日志查询', querystring: auditListQuery, response: { 200: pageOf(auditEntryView) } },
    },
    async (request) => searchAudit(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/audit/actions',
    {
      config: { permission: 'audit:log:read' },
      schema: { tags, summary: '已记录的操作类型', response: { 200: z.array(z.string()) } },
    },
    async (request) => auditActions(deps, actorOf(request)),
  );
  app.post(
    '/api/audit/verify',
    {
      config: { permission: 'audit:log:verify' },
      schema: { tags, summary: '重新计算哈希链并报告第一条断裂记录', response: { 200: chainReportView } },
    },
    async (request) => verifyChainAs(deps, actorOf(request)),
  );
};
