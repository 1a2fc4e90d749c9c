import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  chartsView,
  exportQuery,
  idParams,
  modelBody,
  modelList,
  modelView,
  resultPage,
  resultQuery,
  runList,
  runNoParams,
  runView,
  startRunBody,
  subjectHistory,
  verificationView,
} from './credit-evaluation.schemas';
import { exportCreditRun } from './credit-export.service';
import { subjectCreditHistory } from './credit-history.service';
import { draftCreditModel, listCreditModels, publishCreditModel, saveCreditModel } from './credit-model.service';
import { pushCreditRun } from './credit-push.service';
import {
  creditRunCharts,
  creditRunDetail,
  creditRunResults,
  creditRunResultsByNo,
  listCreditRuns,
  presentRun,
} from './credit-results.service';
import { startCreditRun } from './credit-run.service';
import { verifyCreditRun } from './credit-verify.service';

const tags = ['信用评价'];
const read = { permission: 'credit:run:read' } as const;
const run = { permission: 'credit:run:write' } as const;
const model = { permission: 'credit:model:write' } as const;

export const creditEvaluationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/credit/models',
    { config: read, schema: { tags, summary: '信用评价模型的各个版本', response: { 200: modelList } } },
    async (request) => listCreditModels(deps, actorOf(request)),
  );
  app.post(
    '/api/credit/models',
    { config: model, schema: { tags, summary: '起草模型新版本（复制最新版本）', response: { 200: modelView } } },
    async (request) => draftCreditModel(deps, actorOf(request)),
  );
  app.put(
    '/api/credit/models/:id',
    {
      config: model,
      schema: {
        tags,
        summary: '修改模型草稿：指标、权重、时间衰减、一票否决、分类分界',
        params: idParams,
        body: modelBody,
        response: { 200: modelView },
      },
    },
    async (request) => saveCreditModel(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/credit/models/:id/publish',
    {
      config: model,
      schema: { tags, summary: '发布模型草稿（发布后不能修改）', params: idParams, response: { 200: modelView } },
    },
    async (request) => publishCreditModel(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/credit/runs',
    { config: read, schema: { tags, summary: '信用评价运行记录', response: { 200: runList } } },
    async (request) => listCreditRuns(deps, actorOf(request)),
  );
  app.post(
    '/api/credit/runs',
    {
      config: run,
      schema: { tags, summary: '运行一个季度的信用评价', body: startRunBody, response: { 200: runView } },
    },
    async (request) => presentRun(deps, await startCreditRun(deps, actorOf(request), request.body.period)),
  );
  app.get(
    '/api/credit/runs/:id',
    { config: read, schema: { tags, summary: '信用评价详情', params: idParams, response: { 200: runView } } },
    async (request) => creditRunDetail(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/credit/runs/:id/results',
    {
      config: read,
      schema: {
        tags,
        summary: '评价结果与分类变动（按分类、区划、行业筛选）',
        params: idParams,
        querystring: resultQuery,
        response: { 200: resultPage },
      },
    },
    async (request) => creditRunResults(deps, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/credit/runs/:id/charts',
    {
      config: read,
      schema: {
        tags,
        summary: '分类分布与变动（按行业门类、行政区划、季度）',
        params: idParams,
        response: { 200: chartsView },
      },
    },
    async (request) => creditRunCharts(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/credit/runs/:id/verify',
    {
      config: read,
      schema: {
        tags,
        summary: '复核：按保存的输入重新计算并比对',
        params: idParams,
        response: { 200: verificationView },
      },
    },
    async (request) => verifyCreditRun(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/credit/runs/:id/push',
    {
      config: run,
      schema: {
        tags,
        summary: '推送评价结果：分类写入名录库并通知各部门',
        params: idParams,
        response: { 200: runView },
      },
    },
    async (request) => presentRun(deps, await pushCreditRun(deps, actorOf(request), request.params.id)),
  );
  app.get(
    '/api/credit/runs/:id/export',
    {
      config: read,
      schema: { tags, summary: '导出评价结果（CSV、XLSX，内部使用）', params: idParams, querystring: exportQuery },
    },
    async (request, reply) => {
      const file = await exportCreditRun(deps, actorOf(request), request.params.id, request.query.format);
      const type =
        request.query.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply
        .header('content-type', type)
        .header(
          'content-disposition',
          `attachment; filename="credit-run.${request.query.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.body);
    },
  );
  app.get(
    '/api/credit/run-results/:runNo',
    {
      config: read,
      schema: {
        tags,
        summary: '部门系统对接：按评价编号分页获取评价结果（Bearer 令牌）',
        params: runNoParams,
        querystring: resultQuery,
        response: { 200: resultPage },
      },
    },
    async (request) => creditRunResultsByNo(deps, actorOf(request), request.params.runNo, request.query),
  );
  app.get(
    '/api/credit/subjects/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: '监管对象的信用评价历史与最近一次各指标得分',
        params: idParams,
        response: { 200: subjectHistory },
      },
    },
    async (request) => subjectCreditHistory(deps, actorOf(request), request.params.id),
  );
};
