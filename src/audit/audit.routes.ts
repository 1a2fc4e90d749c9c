import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import { pageOf } from '../shared/paging';
import { auditActions, searchAudit, verifyChainAs } from './audit-query.service';
import { publicCheckpoints, writeCheckpointAs } from './audit-checkpoint.service';
import { auditEntryView, auditListQuery, chainReportView, checkpointView, publicCheckpointList } from './audit.schemas';

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
  app.post(
    '/api/audit/checkpoints',
    {
      config: { permission: 'audit:log:verify' },
      schema: {
        tags,
        summary: '立即写入审计日志检查点（对链头的序号与哈希签名，保存在数据库之外并在门户公布）',
        response: { 200: checkpointView },
      },
    },
    async (request) => writeCheckpointAs(deps, actorOf(request)),
  );
  app.get(
    '/api/public/audit-checkpoints',
    {
      config: publicRoute(60),
      schema: {
        tags: ['公众服务'],
        summary: '审计日志检查点（序号、哈希、时间、签名与公钥；任何人可核验，日志被删改即可发现）',
        security: [],
        response: { 200: publicCheckpointList },
      },
    },
    async () => publicCheckpoints(deps),
  );
};
