import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { noContent } from '../shared/reply.schemas';
import {
  draftIndicatorVersion,
  indicatorCatalog,
  listIndicatorVersions,
  publishIndicatorVersion,
  updateIndicatorDraft,
} from './indicator-version.service';
import { answerNotice, escalateNotice, issueNotices, listNotices } from './performance-notice.service';
import { departmentScores, evaluationReport, listEvaluations, ranking } from './performance-query.service';
import { finishAnnualEvaluation, runAnnualEvaluation } from './performance-run.service';
import {
  annualInput,
  answerInput,
  catalogView,
  departmentDetail,
  departmentParams,
  draftOutcome,
  escalateInput,
  evaluationList,
  idParams,
  issueInput,
  issueOutcome,
  noticeList,
  noticeQuery,
  rankingQuery,
  rankingView,
  versionInput,
  versionList,
} from './performance.schemas';

const tags = ['监管履职评价'];
const read = { permission: 'performance:read' } as const;
const manage = { permission: 'performance:manage' } as const;

/** 监管履职评价: the indicator system, daily and annual evaluations with evidence, the report, 限期整改 notices. */
export const performanceRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/performance/catalog',
    { config: read, schema: { tags, summary: '可选的评价指标（计算口径）', response: { 200: catalogView } } },
    async (request) => indicatorCatalog(actorOf(request)),
  );
  app.get(
    '/api/performance/versions',
    { config: read, schema: { tags, summary: '履职评价指标体系的各个版本', response: { 200: versionList } } },
    async (request) => listIndicatorVersions(deps, actorOf(request)),
  );
  app.post(
    '/api/performance/versions',
    {
      config: manage,
      schema: { tags, summary: '起草指标体系新版本（复制现行版本）', response: { 200: draftOutcome } },
    },
    async (request) => draftIndicatorVersion(deps, actorOf(request)),
  );
  app.put(
    '/api/performance/versions/:id',
    {
      config: manage,
      schema: { tags, summary: '修改指标体系草稿', params: idParams, body: versionInput, response: { 204: noContent } },
    },
    async (request, reply) => {
      await updateIndicatorDraft(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/performance/versions/:id/publish',
    {
      config: manage,
      schema: { tags, summary: '发布指标体系草稿（发布后不可修改）', params: idParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      await publishIndicatorVersion(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/performance/evaluations',
    { config: read, schema: { tags, summary: '年度评价和日常评价', response: { 200: evaluationList } } },
    async (request) => listEvaluations(deps, actorOf(request)),
  );
  app.get(
    '/api/performance/ranking',
    {
      config: read,
      schema: {
        tags,
        summary: '评价排名（默认最新的日常评价）',
        querystring: rankingQuery,
        response: { 200: rankingView },
      },
    },
    async (request) => ranking(deps, actorOf(request), request.query.evaluationId),
  );
  app.post(
    '/api/performance/annual',
    {
      config: manage,
      schema: {
        tags,
        summary: '开展（或重新计算）年度评价',
        body: annualInput,
        response: { 200: draftOutcome.pick({ id: true }) },
      },
    },
    async (request) => runAnnualEvaluation(deps, actorOf(request), request.body.year),
  );
  app.post(
    '/api/performance/evaluations/:id/finish',
    {
      config: manage,
      schema: {
        tags,
        summary: '完成年度评价：出具报告，评价结果不再修改',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await finishAnnualEvaluation(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/performance/evaluations/:id/departments/:departmentId',
    {
      config: read,
      schema: {
        tags,
        summary: '部门的评价得分：维度、指标与失分依据',
        params: departmentParams,
        response: { 200: departmentDetail },
      },
    },
    async (request) => departmentScores(deps, actorOf(request), request.params.id, request.params.departmentId),
  );
  app.get(
    '/api/performance/evaluations/:id/report.pdf',
    { config: read, schema: { tags, summary: '下载年度评价结果报告（PDF）', params: idParams } },
    async (request, reply) => {
      const file = await evaluationReport(deps, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="performance-report.pdf"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.body);
    },
  );
  app.get(
    '/api/performance/notices',
    {
      config: read,
      schema: { tags, summary: '限期整改通知', querystring: noticeQuery, response: { 200: noticeList } },
    },
    async (request) => listNotices(deps, actorOf(request), request.query.evaluationId),
  );
  app.post(
    '/api/performance/notices',
    {
      config: manage,
      schema: {
        tags,
        summary: '下发限期整改通知（一个部门，或低于分数线的全部部门）',
        body: issueInput,
        response: { 200: issueOutcome },
      },
    },
    async (request) => issueNotices(deps, actorOf(request), request.body),
  );
  app.post(
    '/api/performance/notices/:id/answer',
    {
      config: read,
      schema: {
        tags,
        summary: '反馈整改情况（被通知部门）',
        params: idParams,
        body: answerInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await answerNotice(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/performance/notices/:id/escalate',
    {
      config: manage,
      schema: {
        tags,
        summary: '逾期未整改的予以通报',
        params: idParams,
        body: escalateInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await escalateNotice(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
};
