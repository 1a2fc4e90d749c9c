import '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { countDownloadRows } from '../http/data-access-audit';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { IMPORT_MAX_BYTES } from './import-file';
import { importKinds } from './import-kinds';
import { type Download, exportTable, importErrorReport, importTemplate, type TableFormat } from './import-reports';
import { getImportJob, listImportJobs } from './import.service';
import { receiveImport } from './import-upload.service';
import { importJobAccepted, importJobView, importListQuery, importModeQuery } from './import.schemas';

const tags = ['导入导出'];
const formats: TableFormat[] = ['xlsx', 'csv'];
const jobParams = z.object({ id: z.uuid({ message: '导入任务编号无效' }) });

function send(reply: FastifyReply, file: Download): FastifyReply {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '');
  countDownloadRows(reply.request, file.written);
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(file.stream);
}

/** Upload (one route per register, with its permission), job progress and error reports, templates, and list exports. */
export const importRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  for (const kind of importKinds) {
    app.post(
      `/api/imports/${kind.kind}`,
      {
        config: { permission: kind.permission },
        schema: {
          tags,
          querystring: importModeQuery,
          response: { 202: importJobAccepted },
          summary: `导入${kind.title}（multipart/form-data 上传一个 CSV 或 XLSX 文件，不超过 200 MB；每人同时一个导入任务；mode=dry-run 试运行（不写入）、all-or-nothing 全部正确才导入、valid-only 仅导入正确行），返回任务编号，后台执行`,
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('BAD_FILE', '请以 multipart/form-data 方式上传文件');
        const accepted = await receiveImport(deps, actorOf(request), kind.kind, request.query.mode, () =>
          request.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }),
        );
        return reply.status(202).send(accepted);
      },
    );
    for (const format of formats) {
      app.get(
        `/api/imports/templates/${kind.kind}.${format}`,
        {
          config: { permission: kind.permission },
          schema: {
            tags,
            summary: `下载${kind.title}导入模板（${format.toUpperCase()}，中文表头${format === 'xlsx' ? '，含填写说明' : ''}）`,
          },
        },
        async (_request, reply) => send(reply, importTemplate(kind.kind, format)),
      );
      const exporter = kind.export;
      if (exporter) {
        app.get(
          `${exporter.listPath}/export.${format}`,
          {
            config: { permission: exporter.permission },
            schema: {
              tags,
              summary: `导出${kind.title}（${format.toUpperCase()}，筛选条件同列表查询，不分页，表头同导入模板）`,
              querystring: exporter.query,
            },
          },
          async (request, reply) =>
            send(reply, await exportTable(deps, actorOf(request), kind.kind, request.query, format)),
        );
      }
    }
  }

  app.get(
    '/api/imports',
    {
      schema: {
        tags,
        summary:
          '本人最近的导入任务（平台管理员可见全部；kind 只列一种名录的导入）；有问题的任务可下载错误报告（/api/imports/{id}/errors.xlsx）',
        querystring: importListQuery,
        response: { 200: z.array(importJobView) },
      },
    },
    async (request) => listImportJobs(deps, actorOf(request), request.query.kind),
  );
  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: '导入任务的进度与结果（提交人或平台管理员）',
        params: jobParams,
        response: { 200: importJobView },
      },
    },
    async (request) => getImportJob(deps, actorOf(request), request.params.id),
  );
  for (const format of formats) {
    app.get(
      `/api/imports/:id/errors.${format}`,
      {
        schema: {
          tags,
          summary: `下载导入错误报告（${format.toUpperCase()}：行号、列名、内容、原因）`,
          params: jobParams,
        },
      },
      async (request, reply) => send(reply, await importErrorReport(deps, actorOf(request), request.params.id, format)),
    );
  }
};
