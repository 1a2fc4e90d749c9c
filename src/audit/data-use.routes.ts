import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { pageOf } from '../shared/paging';
import { dataUseQuery, dataUseView } from './data-use.schemas';
import { dataUseCsv, listDataUse } from './data-use.service';

const tags = ['审计日志'];
const read = { permission: 'audit:export:read' } as const;

/** 数据使用记录: exports and reads of personal data, with a CSV of the same list. */
export const dataUseRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/audit/data-use',
    {
      config: read,
      schema: {
        tags,
        summary: '数据使用记录：谁导出了什么、谁查阅了个人信息（部门管理员只看本部门人员）',
        querystring: dataUseQuery,
        response: { 200: pageOf(dataUseView) },
      },
    },
    async (request) => listDataUse(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/audit/data-use.csv',
    { config: read, schema: { tags, summary: '下载数据使用记录（CSV）', querystring: dataUseQuery } },
    async (request, reply) => {
      const body = await dataUseCsv(deps, actorOf(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="data-use.csv"; filename*=UTF-8''${encodeURIComponent('数据使用记录.csv')}`,
        )
        .send(body);
    },
  );
};
