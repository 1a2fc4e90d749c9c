import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { healthCheckReportPdf } from './health-check-report';
import { exportRecords } from './inspection-record-export';
import {
  exportQuery,
  offsiteInput,
  offsiteView,
  recordPage,
  recordQuery,
  taskNoParams,
  transferInput,
  transferList,
  transferView,
} from './inspection-record.schemas';
import { listTransfers, transferFinding } from './case-transfer.service';
import { getOffsite, recordOffsite } from './inspection-record.service';
import { listRecords } from './inspection-record-list.service';

const tags = ['检查记录'];
const read = { permission: 'task:task:read' } as const;
const write = { permission: 'task:task:write' } as const;

/** The list of inspection records, their export (national fields), 法治体检报告, transfers to case investigation, off-site inspection. */
export const inspectionRecordRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/inspection-records',
    {
      config: read,
      schema: {
        tags,
        summary:
          '检查记录：每个任务每个部门已完成的检查（现场或非现场），按检查日期从新到旧；可按检查日期、部门、结果、移送情况、对象名称或统一社会信用代码、任务编号筛选',
        querystring: recordQuery,
        response: { 200: recordPage },
      },
    },
    async (request) => listRecords(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/inspection-records/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出行政检查行为数据（全国互联网+监管字段，每个任务每个部门一行；xlsx 或 csv）',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const file = await exportRecords(deps, actorOf(request), request.query);
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="inspection-records.${request.query.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.stream);
    },
  );
  app.get(
    '/api/inspection-records/:taskNo/report.pdf',
    {
      config: read,
      schema: { tags, summary: '法治体检报告 PDF（发现的问题、法律依据与整改指导）', params: taskNoParams },
    },
    async (request, reply) => {
      const pdf = await healthCheckReportPdf(deps, actorOf(request), request.params.taskNo);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename*=UTF-8''${encodeURIComponent(`法治体检报告-${request.params.taskNo}.pdf`)}`,
        )
        .send(pdf);
    },
  );
  app.get(
    '/api/inspection-records/:taskNo/transfers',
    {
      config: read,
      schema: { tags, summary: '本任务移送立案查处的检查发现', params: taskNoParams, response: { 200: transferList } },
    },
    async (request) => listTransfers(deps, actorOf(request), request.params.taskNo),
  );
  app.post(
    '/api/inspection-records/:taskNo/transfers',
    {
      config: write,
      schema: {
        tags,
        summary: '将不符合的检查发现移送立案查处（程序衔接），附检查结果与照片为证据',
        params: taskNoParams,
        body: transferInput,
        response: { 200: transferView },
      },
    },
    async (request) => transferFinding(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.post(
    '/api/inspection-records/:taskNo/offsite',
    {
      config: write,
      schema: {
        tags,
        summary: '录入非现场检查（数据比对、远程视频等），代替现场检查',
        params: taskNoParams,
        body: offsiteInput,
        response: { 200: offsiteView },
      },
    },
    async (request) => recordOffsite(deps, actorOf(request), request.params.taskNo, request.body),
  );
  app.get(
    '/api/inspection-records/:taskNo/offsite/:departmentId',
    {
      config: read,
      schema: {
        tags,
        summary: '一个部门的非现场检查',
        params: taskNoParams.extend({ departmentId: z.coerce.number().int().positive() }),
        response: { 200: offsiteView },
      },
    },
    async (request) => getOffsite(deps, actorOf(request), request.params.taskNo, request.params.departmentId),
  );
};
