import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readUpload } from '../http/file-upload';
import { publicRoute } from '../http/public-route';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { ATTACHMENT_MAX_BYTES } from './complaint-attachment';
import {
  filedAnswer,
  intakeInput,
  lookupInput,
  matterOption,
  publicProgress,
  ratingInput,
  ticketParams,
} from './complaint-intake.schemas';
import { attachOnPortal, fileOnPortal, lookupOnPortal, publicMatters, rateOnPortal } from './complaint-public.service';

const tags = ['公众服务'];

/**
 * 投诉举报 on the public portal (no login; 《朔州市平鲁区“互联网+监管”系统运行管理办法》第三条“为社会公众提供……投诉举报受理反馈服务”):
 * file with photos, follow the progress with the ticket number and lookup code, rate the handling once closed.
 * Every route is rate limited per address; the answers never name the complainant or the staff.
 */
export const complaintPublicRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/public/complaints/matters',
    {
      config: publicRoute(60),
      schema: { tags, summary: '投诉举报事项', security: [], response: { 200: z.array(matterOption) } },
    },
    async () => publicMatters(deps),
  );
  app.post(
    '/api/public/complaints',
    {
      config: publicRoute(5),
      schema: {
        tags,
        summary: '提交投诉举报（可匿名）：返回投诉举报编号和查询码，查询码只显示这一次，请妥善保存',
        security: [],
        body: intakeInput,
        response: { 200: filedAnswer },
      },
    },
    async (request) => fileOnPortal(deps, request.body, request.ip),
  );
  app.post(
    '/api/public/complaints/:ticketNo/attachments',
    {
      config: publicRoute(20),
      bodyLimit: ATTACHMENT_MAX_BYTES + 64 * 1024,
      schema: {
        tags,
        summary:
          '提交后 24 小时内补充附件（JPG、PNG 照片或 PDF，每个不超过 5 MB，最多 5 个；multipart/form-data，先传字段 lookupCode 再传文件）',
        security: [],
        params: ticketParams,
        response: { 200: publicProgress },
      },
    },
    async (request) => {
      const file = await readUpload(request, ATTACHMENT_MAX_BYTES);
      const code = file.fields.lookupCode;
      if (!code) throw new AppError('VALIDATION', '请输入查询码', [{ field: 'lookupCode', message: '请输入查询码' }]);
      return attachOnPortal(deps, request.params.ticketNo, code, file, request.ip);
    },
  );
  app.post(
    '/api/public/complaints/lookup',
    {
      config: publicRoute(10),
      schema: {
        tags,
        summary: '凭投诉举报编号和查询码查询办理进度和答复',
        security: [],
        body: lookupInput,
        response: { 200: publicProgress },
      },
    },
    async (request) => lookupOnPortal(deps, request.body.ticketNo, request.body.lookupCode),
  );
  app.post(
    '/api/public/complaints/rating',
    {
      config: publicRoute(10),
      schema: {
        tags,
        summary: '办结后评价办理情况（1–5 分和意见，每件一次）',
        security: [],
        body: ratingInput,
        response: { 200: publicProgress },
      },
    },
    async (request) => rateOnPortal(deps, request.body, request.ip),
  );
};
