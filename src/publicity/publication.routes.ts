import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import { publicPublication, searchPublicity } from './public-publicity.service';
import {
  exportPublications,
  listPublications,
  overdueList,
  penaltiesOfTask,
  publicationDetail,
} from './publication-query.service';
import { publicityMode, reviewAndPublish, setPublicityMode } from './publication.service';
import {
  exportQuery,
  modeView,
  overdueView,
  publicationDetail as detailView,
  publicationIdParams,
  publicationPage,
  publicationQuery,
  publicPage,
  publicQuery,
  publicRecord,
  taskPenaltyList,
} from './publication.schemas';

const tags = ['双公示'];
const read = { permission: 'publicity:record:read' } as const;
const write = { permission: 'publicity:record:write' } as const;

export const publicationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/publicity/publications',
    {
      config: read,
      schema: {
        tags,
        summary: '行政许可、行政处罚的公示情况（本部门或全部）',
        querystring: publicationQuery,
        response: { 200: publicationPage },
      },
    },
    async (request) => listPublications(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/publicity/publications/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '公示记录详情：公示数据项与推送信用平台的记录',
        params: publicationIdParams,
        response: { 200: detailView },
      },
    },
    async (request) => publicationDetail(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/publicity/publications/:id/publish',
    {
      config: write,
      schema: {
        tags,
        summary: '审核公示：公示本部门的一条记录并推送信用平台',
        params: publicationIdParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await reviewAndPublish(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/publicity/overdue',
    {
      config: read,
      schema: { tags, summary: '双公示逾期清单与检查后行政处罚的归集情况（按部门）', response: { 200: overdueView } },
    },
    async (request) => overdueList(deps, actorOf(request)),
  );
  app.get(
    '/api/publicity/mode',
    { config: write, schema: { tags, summary: '本部门的公示方式（审核公示或自动公示）', response: { 200: modeView } } },
    async (request) => publicityMode(deps, actorOf(request)),
  );
  app.put(
    '/api/publicity/mode',
    { config: write, schema: { tags, summary: '设置本部门的公示方式', body: modeView, response: { 204: noContent } } },
    async (request, reply) => {
      await setPublicityMode(deps, actorOf(request), request.body.autoPublish);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/publicity/export',
    {
      config: { permission: 'publicity:record:export' },
      schema: { tags, summary: '按国家双公示数据项导出（CSV、XLSX）', querystring: exportQuery },
    },
    async (request, reply) => {
      const file = await exportPublications(deps, actorOf(request), request.query);
      const type =
        request.query.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply
        .header('content-type', type)
        .header(
          'content-disposition',
          `attachment; filename="publicity.${request.query.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.body);
    },
  );
  app.get(
    '/api/publicity/tasks/:taskNo/penalties',
    {
      config: { permission: 'task:task:read' },
      schema: {
        tags,
        summary: '检查任务后作出的行政处罚决定及其归集时间',
        params: z.object({ taskNo: z.string().trim().min(1).max(60) }),
        response: { 200: taskPenaltyList },
      },
    },
    async (request) => penaltiesOfTask(deps, request.params.taskNo),
  );

  app.get(
    '/api/public/publicity',
    {
      config: publicRoute(120),
      schema: {
        tags: ['公众服务'],
        summary: '双公示查询：按名称或统一社会信用代码（无需登录）',
        security: [],
        querystring: publicQuery,
        response: { 200: publicPage },
      },
    },
    async (request) => searchPublicity(deps, request.query),
  );
  app.get(
    '/api/public/publicity/:id',
    {
      config: publicRoute(120),
      schema: {
        tags: ['公众服务'],
        summary: '双公示详情（无需登录）',
        security: [],
        params: publicationIdParams,
        response: { 200: publicRecord },
      },
    },
    async (request) => publicPublication(deps, request.params.id),
  );
};
