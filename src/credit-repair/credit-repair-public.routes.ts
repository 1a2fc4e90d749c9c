import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import {
  portalApplicationInput,
  portalLookupAnswer,
  portalLookupInput,
  portalProgressAnswer,
  portalProgressInput,
  portalSupplementInput,
  repairParams,
} from './credit-repair.schemas';
import { EVIDENCE_MAX_BYTES } from './repair-apply.service';
import {
  addEvidenceOnPortal,
  applyOnPortal,
  portalLookup,
  portalProgress,
  submitSupplement,
} from './repair-portal.service';
import { readUpload } from '../http/file-upload';

const tags = ['公众服务'];

/**
 * 信用修复 on the public portal (no login): the subject names itself with its 统一社会信用代码 and the 查询码 of its
 * 《信用修复告知书》, applies, hands in evidence and follows the application. Rate limited like the other lookups.
 */
export const creditRepairPublicRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/public/credit-repair/lookup',
    {
      config: publicRoute(10),
      schema: {
        tags,
        summary: '信用修复：统一社会信用代码 + 企业查询码，查看可申请修复的行政处罚及条件',
        security: [],
        body: portalLookupInput,
        response: { 200: portalLookupAnswer },
      },
    },
    async (request) => portalLookup(deps, request.body.uscc, request.body.queryCode),
  );
  app.post(
    '/api/public/credit-repair/applications',
    {
      config: publicRoute(10),
      schema: {
        tags,
        summary: '信用修复：提交申请（承诺、说明、联系人），之后上传证明材料',
        security: [],
        body: portalApplicationInput,
        response: { 200: portalProgressAnswer },
      },
    },
    async (request) => applyOnPortal(deps, request.body, request.ip),
  );
  app.post(
    '/api/public/credit-repair/applications/:repairNo/evidence',
    {
      config: publicRoute(20),
      bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024,
      schema: {
        tags,
        summary: '信用修复：上传证明材料（PDF 或 JPG，不超过 2 MB；multipart/form-data，先传字段 queryCode 再传文件）',
        security: [],
        params: repairParams,
        response: { 200: portalProgressAnswer },
      },
    },
    async (request) => {
      const file = await readUpload(request, EVIDENCE_MAX_BYTES, ['application/pdf', 'image/jpeg']);
      const queryCode = file.fields.queryCode;
      if (!queryCode)
        throw new AppError('VALIDATION', '请输入企业查询码', [{ field: 'queryCode', message: '请输入企业查询码' }]);
      return addEvidenceOnPortal(deps, request.params.repairNo, queryCode, file, request.ip);
    },
  );
  app.post(
    '/api/public/credit-repair/applications/:repairNo/supplement',
    {
      config: publicRoute(10),
      schema: {
        tags,
        summary: '信用修复：补正材料后重新提交',
        security: [],
        params: repairParams,
        body: portalSupplementInput,
        response: { 200: portalProgressAnswer },
      },
    },
    async (request) =>
      submitSupplement(deps, request.params.repairNo, request.body.queryCode, request.body.note, request.ip),
  );
  app.post(
    '/api/public/credit-repair/progress',
    {
      config: publicRoute(10),
      schema: {
        tags,
        summary: '信用修复：凭申请编号和企业查询码查询办理进度',
        security: [],
        body: portalProgressInput,
        response: { 200: portalProgressAnswer },
      },
    },
    async (request) => portalProgress(deps, request.body.repairNo, request.body.queryCode),
  );
};
