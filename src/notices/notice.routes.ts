import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { publicKeyView } from '../shared/reply.schemas';
import { taskNoParams } from '../tasks/task.schemas';
import { inspectionCodeKey } from './inspection-code-key';
import { noticePdf } from './notice-pdf';
import {
  enterpriseAnswer,
  enterpriseInput,
  evaluationInput,
  evaluationView,
  issuedNotice,
  noticeView,
  pdfQuery,
  revokeInput,
  tokenParams,
  verification,
} from './notice.schemas';
import { getNotice, issueNotice, queryCodeMatches, reissueQueryCode, revokeCode } from './notice.service';
import { enterpriseNotices, verifyCode } from './notice-verification.service';
import { listEvaluations, submitEvaluation } from './notice-evaluation.service';

const tags = ['检查任务'];
const publicTags = ['公众服务'];
const read = { permission: 'task:task:read' } as const;
const write = { permission: 'task:notice:write' } as const;
/** Where the QR points: the configured public address, else the address this request came to. */
const originOf = (deps: AppDeps, request: FastifyRequest): string =>
  deps.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;

export const noticeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/tasks/:taskNo/notice',
    {
      config: read,
      schema: {
        tags,
        summary: '检查告知书：部门、检查人员、事项与检查内容、材料、检查码',
        params: taskNoParams,
        response: { 200: noticeView },
      },
    },
    async (request) => getNotice(deps, actorOf(request), request.params.taskNo),
  );
  app.post(
    '/api/tasks/:taskNo/notice',
    {
      config: write,
      schema: {
        tags,
        summary: '生成检查告知书并签发检查码（已有有效检查码时原样返回）；查询码只在签发时返回一次',
        params: taskNoParams,
        response: { 200: issuedNotice },
      },
    },
    async (request) => issueNotice(deps, actorOf(request), request.params.taskNo),
  );
  app.post(
    '/api/tasks/:taskNo/notice/revoke',
    {
      config: write,
      schema: {
        tags,
        summary: '撤销检查码（须说明理由）',
        params: taskNoParams,
        body: revokeInput,
        response: { 200: noticeView },
      },
    },
    async (request) => revokeCode(deps, actorOf(request), request.params.taskNo, request.body.reason),
  );
  app.post(
    '/api/tasks/:taskNo/notice/query-code',
    {
      config: write,
      schema: {
        tags,
        summary:
          '重新发放企业查询码（出具告知书的部门，评价截止前）：原查询码立即作废，新查询码只在本次返回，并发送至监管对象登记的联系方式',
        params: taskNoParams,
        response: { 200: issuedNotice },
      },
    },
    async (request) => reissueQueryCode(deps, actorOf(request), request.params.taskNo),
  );
  app.get(
    '/api/tasks/:taskNo/notice/pdf',
    {
      config: read,
      schema: {
        tags,
        summary: '检查告知书 PDF（带 queryCode 时印上查询码，须与签发时一致）',
        params: taskNoParams,
        querystring: pdfQuery,
      },
    },
    async (request, reply) => {
      const notice = await getNotice(deps, actorOf(request), request.params.taskNo);
      const queryCode =
        request.query.queryCode && (await queryCodeMatches(deps, request.params.taskNo, request.query.queryCode))
          ? request.query.queryCode.toUpperCase()
          : null;
      const pdf = await noticePdf(
        notice,
        notice.code ? `${originOf(deps, request)}${notice.code.verifyPath}` : null,
        queryCode,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="notice-${encodeURIComponent(request.params.taskNo)}.pdf"`)
        .send(pdf);
    },
  );
  app.get(
    '/api/tasks/:taskNo/evaluations',
    {
      config: read,
      schema: {
        tags,
        summary: '检查对象对本任务的评价（满意度、意见、投诉）',
        params: taskNoParams,
        response: { 200: evaluationView.array() },
      },
    },
    async (request) => listEvaluations(deps, actorOf(request), request.params.taskNo),
  );

  app.get(
    '/api/public/inspection-codes/key',
    {
      config: publicRoute(60),
      schema: {
        tags: publicTags,
        summary: '检查码签名公钥（Ed25519，SPKI DER base64）',
        security: [],
        response: { 200: publicKeyView },
      },
    },
    async () => ({
      algorithm: 'ed25519',
      publicKey: (await inspectionCodeKey(deps.db, deps.clock.now())).publicKeyBase64,
    }),
  );
  app.get(
    '/api/public/inspection-codes/:token',
    {
      config: publicRoute(60),
      schema: {
        tags: publicTags,
        summary: '核验检查码：真实有效、已过期、已撤销或无效，及告知书所列信息',
        security: [],
        params: tokenParams,
        response: { 200: verification },
      },
    },
    async (request) => verifyCode(deps, request.params.token),
  );
  app.post(
    '/api/public/inspection-codes/:token/evaluation',
    {
      config: publicRoute(10),
      schema: {
        tags: publicTags,
        summary: '检查对象评价本次检查：各部门提交检查结果后分别评价（每个部门一次），不指定部门时评价全部已开放的部门',
        security: [],
        params: tokenParams,
        body: evaluationInput,
        response: { 200: verification },
      },
    },
    async (request) => submitEvaluation(deps, request.params.token, request.body, request.ip),
  );
  app.post(
    '/api/public/enterprise/notices',
    {
      config: publicRoute(10),
      schema: {
        tags: publicTags,
        summary: '企业查询：统一社会信用代码 + 告知书查询码，查看本单位的检查告知书',
        security: [],
        body: enterpriseInput,
        response: { 200: enterpriseAnswer },
      },
    },
    async (request) => enterpriseNotices(deps, request.body.uscc, request.body.queryCode),
  );
};
