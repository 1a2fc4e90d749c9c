import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import {
  addCaseItem,
  caseDetail,
  commitmentScanOf,
  commitmentTemplate,
  giveJointReview,
  issueNotice,
  listCases,
  noticeDocument,
  pendingReviews,
  recordCommitment,
  removeCaseItem,
} from './case.service';
import {
  addItemInput,
  caseDetail as caseDetailSchema,
  caseItemParams,
  casePage,
  caseQuery,
  claimInput,
  commitmentFields,
  commitmentInput,
  idParams,
  jointReviewInput,
  overdueQuery,
  overdueView,
  pendingReviews as pendingReviewsSchema,
  poolPage,
  poolQuery,
  pushPage,
  pushQuery,
  pushStates,
  removeItemInput,
} from './dual-notice.schemas';
import { acknowledge, claim, listPool, listPushes, overdueList } from './push.service';

const tags = ['双告知双反馈'];
const read = { permission: 'dualnotice:push:read' } as const;
const act = { permission: 'dualnotice:push:write' } as const;
const notice = { permission: 'dualnotice:notice:write' } as const;
const SCAN_MAX_BYTES = 5 * 1024 * 1024;

const fileName = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 双告知 workbench, department inbox (签收), shared pool (认领), joint review and the 双反馈 overdue list. */
export const dualNoticeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/dual-notice/pushes',
    {
      config: read,
      schema: {
        tags,
        summary: '推送给本部门的登记信息（签收期限 1 个工作日）',
        querystring: pushQuery,
        response: { 200: pushPage },
      },
    },
    async (request) => listPushes(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/dual-notice/pushes/:id/acknowledge',
    {
      config: act,
      schema: {
        tags,
        summary: '签收推送的登记信息（一反馈）',
        params: idParams,
        response: { 200: z.object({ state: z.enum(pushStates) }) },
      },
    },
    async (request) => ({ state: await acknowledge(deps, actorOf(request), request.params.id) }),
  );
  app.get(
    '/api/dual-notice/pool',
    {
      config: read,
      schema: {
        tags,
        summary: '共享池：审批部门不明确的登记信息（按名称、信用代码、经营范围、日期查询）',
        querystring: poolQuery,
        response: { 200: poolPage },
      },
    },
    async (request) => listPool(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/dual-notice/pool/:id/claim',
    {
      config: act,
      schema: {
        tags,
        summary: '从共享池认领登记信息（本部门一次）',
        params: idParams,
        body: claimInput,
        response: { 200: z.object({ pushId: z.number() }) },
      },
    },
    async (request) => claim(deps, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/dual-notice/overdue',
    {
      config: read,
      schema: {
        tags,
        summary: '双反馈逾期：逾期未签收、逾期签收与许可信息逾期反馈，按部门统计',
        querystring: overdueQuery,
        response: { 200: overdueView },
      },
    },
    async (request) => overdueList(deps, actorOf(request), request.query.departmentId),
  );
  app.get(
    '/api/dual-notice/joint-reviews',
    { config: read, schema: { tags, summary: '待本部门填写意见的联合审核', response: { 200: pendingReviewsSchema } } },
    async (request) => pendingReviews(deps, actorOf(request)),
  );
  app.get(
    '/api/dual-notice/cases',
    {
      config: notice,
      schema: {
        tags,
        summary: '双告知工作台：登记信息、匹配事项与告知状态',
        querystring: caseQuery,
        response: { 200: casePage },
      },
    },
    async (request) => listCases(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/dual-notice/cases/:id',
    {
      config: read,
      schema: { tags, summary: '一条登记信息的双告知详情', params: idParams, response: { 200: caseDetailSchema } },
    },
    async (request) => caseDetail(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/dual-notice/cases/:id/items',
    {
      config: notice,
      schema: {
        tags,
        summary: '增加告知事项（说明理由）',
        params: idParams,
        body: addItemInput,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => addCaseItem(deps, actorOf(request), request.params.id, request.body.code, request.body.reason),
  );
  app.post(
    '/api/dual-notice/cases/:id/items/:code/remove',
    {
      config: notice,
      schema: {
        tags,
        summary: '移除告知事项（说明理由，出具告知书前）',
        params: caseItemParams,
        body: removeItemInput,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) =>
      removeCaseItem(deps, actorOf(request), request.params.id, request.params.code, request.body.reason),
  );
  app.post(
    '/api/dual-notice/cases/:id/notice',
    {
      config: notice,
      schema: { tags, summary: '出具告知书（编号）', params: idParams, response: { 200: caseDetailSchema } },
    },
    async (request) => issueNotice(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/dual-notice/cases/:id/notice.pdf',
    { config: read, schema: { tags, summary: '告知书 PDF', params: idParams } },
    async (request, reply) => {
      const doc = await noticeDocument(deps, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', fileName(doc.fileName))
        .send(doc.pdf);
    },
  );
  app.get(
    '/api/dual-notice/cases/:id/commitment-template.pdf',
    { config: read, schema: { tags, summary: '承诺书（待签署）PDF', params: idParams } },
    async (request, reply) => {
      const doc = await commitmentTemplate(deps, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', fileName(doc.fileName))
        .send(doc.pdf);
    },
  );
  app.post(
    '/api/dual-notice/cases/:id/commitment',
    {
      config: notice,
      schema: {
        tags,
        summary: '登记承诺书（电子签名）',
        params: idParams,
        body: commitmentInput,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => {
      const { eSignature: _e, ...fields } = request.body;
      return recordCommitment(deps, actorOf(request), request.params.id, fields, { eSignature: true });
    },
  );
  app.post(
    '/api/dual-notice/cases/:id/commitment-scan',
    {
      config: notice,
      schema: {
        tags,
        summary: '登记承诺书（上传签署的扫描件，PDF、JPG 或 PNG，不超过 5 MB；multipart/form-data）',
        params: idParams,
        querystring: commitmentFields,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('BAD_FILE', '请以 multipart/form-data 方式上传扫描件');
      const part = await request.file({ limits: { fileSize: SCAN_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError('BAD_FILE', '请求中没有文件');
      const tooLarge = () => new AppError('BAD_FILE', '扫描件不能超过 5 MB', [{ field: 'file', message: '超过 5 MB' }]);
      const data = await part.toBuffer().catch(() => {
        throw tooLarge();
      });
      if (part.file.truncated) throw tooLarge();
      return recordCommitment(deps, actorOf(request), request.params.id, request.query, {
        scan: { fileName: part.filename, contentType: part.mimetype, data },
      });
    },
  );
  app.get(
    '/api/dual-notice/cases/:id/commitment-scan',
    { config: read, schema: { tags, summary: '承诺书扫描件', params: idParams } },
    async (request, reply) => {
      const scan = await commitmentScanOf(deps, actorOf(request), request.params.id);
      return reply
        .type(scan.contentType)
        .header('content-disposition', fileName(scan.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(scan.data);
    },
  );
  app.post(
    '/api/dual-notice/cases/:id/joint-review',
    {
      config: act,
      schema: {
        tags,
        summary: '本部门的联合审核意见（同意／不同意）',
        params: idParams,
        body: jointReviewInput,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => giveJointReview(deps, actorOf(request), request.params.id, request.body),
  );
};
