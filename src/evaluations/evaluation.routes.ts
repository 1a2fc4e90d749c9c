import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { evaluationWorkbook } from './evaluation-export';
import { evaluationSummary as summarySchema, summaryQuery } from './evaluation.schemas';
import { evaluationSummary } from './evaluation.service';

const tags = ['检查评议'];
const read = { permission: 'task:task:read' } as const;

/** 检查评议 (《黄浦区精准高效协同监管实施办法（试行）》第十七条): the enterprises' evaluations summed up for the effectiveness evaluation (staff only). */
export const evaluationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/evaluations/summary',
    {
      config: read,
      schema: {
        tags,
        summary:
          '检查评议汇总：满意度、投诉、评价率，按部门、行业门类、联合与单部门、现场与非现场、月份，投诉与低分清单',
        querystring: summaryQuery,
        response: { 200: summarySchema },
      },
    },
    async (request) => evaluationSummary(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/evaluations/summary.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: '导出检查评议汇总（Excel：汇总、按部门、按行业、投诉与低分）',
        querystring: summaryQuery,
      },
    },
    async (request, reply) => {
      const file = await evaluationWorkbook(deps, actorOf(request), request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="evaluations.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.stream);
    },
  );
};
