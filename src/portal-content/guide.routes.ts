import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { sendFile } from '../http/file-upload';
import { publicRoute } from '../http/public-route';
import type { AppDeps } from '../shared/context';
import { guidePdf } from './guide-pdf';
import { guidesForInspectionCode } from './guide-links.service';
import {
  guideLeadRow,
  guideLinks,
  guideTextInput,
  guideWorkspace,
  industryParams,
  leadInput,
  publicGuide,
  publicGuideQuery,
  publicGuideSummary,
  tokenParams,
} from './guide.schemas';
import {
  assignLead,
  guideLeadList,
  guideWorkspaceOf,
  publicGuide as readPublicGuide,
  publicGuides,
  publishGuide,
  saveGuideDraft,
} from './guide.service';

const tags = ['服务门户'];
const publicTags = ['公众服务'];
const write = { permission: 'portal:guide:write' } as const;

/** 一业一册: lead departments, drafts and published versions; the portal page, the PDF and the 检查码 link. */
export const guideRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/portal/guides',
    {
      config: write,
      schema: { tags, summary: '一业一册：各行业的牵头部门与发布情况', response: { 200: z.array(guideLeadRow) } },
    },
    async (request) => guideLeadList(deps, actorOf(request)),
  );
  app.get(
    '/api/portal/guides/:code',
    {
      config: write,
      schema: {
        tags,
        summary: '一个行业的指南：草稿、各版本与当前适用的监管事项',
        params: industryParams,
        response: { 200: guideWorkspace },
      },
    },
    async (request) => guideWorkspaceOf(deps, actorOf(request), request.params.code),
  );
  app.put(
    '/api/portal/guides/:code/lead',
    {
      config: write,
      schema: {
        tags,
        summary: '指定行业的牵头部门（联席会议办公室）',
        params: industryParams,
        body: leadInput,
        response: { 200: guideWorkspace },
      },
    },
    async (request) => assignLead(deps, actorOf(request), request.params.code, request.body.departmentId),
  );
  app.put(
    '/api/portal/guides/:code/draft',
    {
      config: write,
      schema: {
        tags,
        summary: '保存指南草稿（牵头部门）',
        params: industryParams,
        body: guideTextInput,
        response: { 200: guideWorkspace },
      },
    },
    async (request) => saveGuideDraft(deps, actorOf(request), request.params.code, request.body),
  );
  app.post(
    '/api/portal/guides/:code/publish',
    {
      config: write,
      schema: {
        tags,
        summary: '发布指南草稿：汇集适用的监管事项与检查内容，发布后的版本不可修改（牵头部门）',
        params: industryParams,
        response: { 200: guideWorkspace },
      },
    },
    async (request) => publishGuide(deps, actorOf(request), request.params.code),
  );
  app.get(
    '/api/public/guides',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '已发布的一业一册合规经营指南（无需登录）',
        security: [],
        response: { 200: z.array(publicGuideSummary) },
      },
    },
    async () => publicGuides(deps),
  );
  app.get(
    '/api/public/guides/for-code/:token',
    {
      config: publicRoute(60),
      schema: {
        tags: publicTags,
        summary: '检查码对应监管对象所属行业的一业一册（沿行业分类向上取最具体的一册；无需登录）',
        security: [],
        params: tokenParams,
        response: { 200: guideLinks },
      },
    },
    async (request) => guidesForInspectionCode(deps, request.params.token),
  );
  app.get(
    '/api/public/guides/:code',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '一业一册合规经营指南（最新版或指定版本；无需登录）',
        security: [],
        params: industryParams,
        querystring: publicGuideQuery,
        response: { 200: publicGuide },
      },
    },
    async (request) => readPublicGuide(deps, request.params.code, request.query.version),
  );
  app.get(
    '/api/public/guides/:code/pdf',
    {
      config: publicRoute(30),
      schema: {
        tags: publicTags,
        summary: '一业一册合规经营指南 PDF（无需登录）',
        security: [],
        params: industryParams,
        querystring: publicGuideQuery,
      },
    },
    async (request, reply) => {
      const guide = await readPublicGuide(deps, request.params.code, request.query.version);
      const pdf = await guidePdf(guide);
      return sendFile(reply, {
        fileName: `${guide.industryName}合规经营指南（一业一册）第${guide.version}版.pdf`,
        contentType: 'application/pdf',
        data: pdf,
      });
    },
  );
};
