import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  assessmentList,
  assessmentResults,
  changeAssessment,
  createAssessment,
  getAssessment,
  startAssessment,
} from './risk-assessment.service';
import {
  assessmentIdParams,
  assessmentInput,
  assessmentListQuery,
  assessmentPage,
  assessmentView,
  indicatorCatalog,
  issueOutcome,
  resultPage,
  resultQuery,
  runOutcome,
  subjectRiskView,
} from './risk-assessment.schemas';
import { assessmentReport, issueAssessment } from './risk-issue.service';
import { runAssessment } from './risk-run.service';
import { defaultCaps, indicatorKinds, indicatorRules } from './risk-score';
import { subjectRisk } from './subject-risk.service';

const tags = ['行业安全风险评估'];
const read = { permission: 'risk:assessment:read' } as const;
const write = { permission: 'risk:assessment:write' } as const;

export const riskAssessmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/risk-assessments',
    {
      config: read,
      schema: {
        tags,
        summary: '行业安全风险评估列表（本部门或全部）',
        querystring: assessmentListQuery,
        response: { 200: assessmentPage },
      },
    },
    async (request) => assessmentList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/risk-assessments/indicators',
    {
      config: read,
      schema: { tags, summary: '可用的评估指标及其计分规则', response: { 200: indicatorCatalog } },
    },
    async () => indicatorKinds.map((kind) => ({ kind, rule: indicatorRules[kind], cap: defaultCaps[kind] ?? null })),
  );
  app.post(
    '/api/risk-assessments',
    {
      config: write,
      schema: {
        tags,
        summary: '新建本部门的风险评估（草稿）：启动原因、评估主体、范围、指标体系、分级规则、排险措施',
        body: assessmentInput,
        response: { 200: assessmentView },
      },
    },
    async (request) => createAssessment(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/risk-assessments/:id',
    {
      config: read,
      schema: { tags, summary: '风险评估详情', params: assessmentIdParams, response: { 200: assessmentView } },
    },
    async (request) => getAssessment(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/api/risk-assessments/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改评估规则（仅草稿）',
        params: assessmentIdParams,
        body: assessmentInput,
        response: { 200: assessmentView },
      },
    },
    async (request) => changeAssessment(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/risk-assessments/:id/start',
    {
      config: write,
      schema: {
        tags,
        summary: '开始评估（草稿 → 评估中，评估规则不再修改）',
        params: assessmentIdParams,
        response: { 200: assessmentView },
      },
    },
    async (request) => startAssessment(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/risk-assessments/:id/run',
    {
      config: write,
      schema: {
        tags,
        summary: '按平台数据运行规则计算（结果替换上次运行）',
        params: assessmentIdParams,
        response: { 200: runOutcome },
      },
    },
    async (request) => runAssessment(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/risk-assessments/:id/results',
    {
      config: read,
      schema: {
        tags,
        summary: '评估结果（逐户评分、等级）与等级分布',
        params: assessmentIdParams,
        querystring: resultQuery,
        response: { 200: resultPage },
      },
    },
    async (request) => assessmentResults(deps, actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/api/risk-assessments/:id/issue',
    {
      config: write,
      schema: {
        tags,
        summary: '发布：评估等级归集为本部门的行业风险等级，出具风险评估报告，评估不再修改',
        params: assessmentIdParams,
        response: { 200: issueOutcome },
      },
    },
    async (request) => issueAssessment(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/risk-assessments/:id/report.pdf',
    { config: read, schema: { tags, summary: '下载风险评估报告（PDF）', params: assessmentIdParams } },
    async (request, reply) => {
      const file = await assessmentReport(deps, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="risk-assessment.pdf"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.body);
    },
  );
  app.get(
    '/api/risk-assessments/subjects/:id',
    {
      config: { permission: 'registry:subject:read' },
      schema: {
        tags,
        summary: '监管对象的行业风险：各部门等级及来源评估、综合行业风险（就高不就低）',
        params: assessmentIdParams,
        response: { 200: subjectRiskView },
      },
    },
    async (request) => subjectRisk(deps, actorOf(request), request.params.id),
  );
};
