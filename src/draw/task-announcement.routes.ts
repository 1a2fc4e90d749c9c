import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { recordNoParams } from './draw.schemas';
import { announcementPdf, announcementXlsx } from './task-announcement-files';
import {
  announcementDetail as detailSchema,
  announcementList,
  announcementListQuery,
  announcementSummary as summarySchema,
  announcementTaskQuery,
  publishInput,
} from './task-announcement.schemas';
import { listAnnouncements, publishAnnouncement } from './task-announcement.service';
import { announcementDetail } from './task-announcement-detail.service';

const publicTags = ['公众服务'];
const disposition = (name: string, ext: string) =>
  `attachment; filename="${name}.${ext}"; filename*=UTF-8''${encodeURIComponent(`任务公告-${name}.${ext}`)}`;

export const taskAnnouncementRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/draw-records/:recordNo/publish',
    {
      config: { permission: 'draw:round:write' },
      schema: {
        tags: ['双随机抽取'],
        summary: '发布任务公告：本轮当前记录的检查任务由待发布转为已发布（只能发布一次）',
        params: recordNoParams,
        body: publishInput,
        response: { 200: summarySchema },
      },
    },
    async (request) => publishAnnouncement(deps, actorOf(request), request.params.recordNo, request.body),
  );

  app.get(
    '/api/public/task-announcements',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '任务公告列表（无需登录）',
        security: [],
        querystring: announcementListQuery,
        response: { 200: announcementList },
      },
    },
    async (request) => listAnnouncements(deps, request.query),
  );
  app.get(
    '/api/public/task-announcements/:recordNo',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '任务公告：检查对象名称、统一社会信用代码、检查部门、事项与检查期（不含信用分类和检查人员）',
        security: [],
        params: recordNoParams,
        querystring: announcementTaskQuery,
        response: { 200: detailSchema },
      },
    },
    async (request) => announcementDetail(deps, request.params.recordNo, request.query),
  );
  app.get(
    '/api/public/task-announcements/:recordNo/pdf',
    {
      config: publicRoute(20),
      schema: { tags: publicTags, summary: '下载任务公告 PDF', security: [], params: recordNoParams },
    },
    async (request, reply) => {
      const pdf = await announcementPdf(deps.db, request.params.recordNo);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', disposition(request.params.recordNo, 'pdf'))
        .send(pdf);
    },
  );
  app.get(
    '/api/public/task-announcements/:recordNo/xlsx',
    {
      config: publicRoute(20),
      schema: { tags: publicTags, summary: '下载任务公告 Excel', security: [], params: recordNoParams },
    },
    async (request, reply) => {
      const stream = await announcementXlsx(deps.db, request.params.recordNo);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', disposition(request.params.recordNo, 'xlsx'))
        .send(stream);
    },
  );
};
