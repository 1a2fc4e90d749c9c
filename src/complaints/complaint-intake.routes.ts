import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { readUpload, sendFile } from '../http/file-upload';
import type { AppDeps } from '../shared/context';
import { revealIdentity } from './complainant-identity.service';
import { attachAtCounter, downloadAttachment, listAttachments } from './complaint-intake-attachment.service';
import { ATTACHMENT_MAX_BYTES } from './complaint-attachment';
import {
  attachmentParams,
  attachmentView,
  filedAnswer,
  identityRevealInput,
  identityView,
  intakeInput,
  rewardCandidate,
  rewardInput,
  rewardListQuery,
  rewardView,
  systemIntakeInput,
  ticketParams,
} from './complaint-intake.schemas';
import { enterAtCounter, receiveFromSystem } from './complaint-intake.service';
import { decideReward, listRewardCandidates } from './complaint-reward.service';

const tags = ['投诉举报'];

export const complaintIntakeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/complaints/intake',
    {
      config: { permission: 'complaint:write' },
      schema: {
        tags,
        summary:
          '12345 热线、国家“互联网+监管”系统推送投诉举报（Bearer 令牌；按来源渠道与来源工单号去重：重复推送返回同一编号、不作改变，内容不同则 409）',
        body: systemIntakeInput,
        response: { 200: filedAnswer },
      },
    },
    async (request) => receiveFromSystem(deps, actorOf(request), request.body),
  );
  app.post(
    '/api/complaints/counter',
    {
      config: { permission: 'complaint:write' },
      schema: {
        tags,
        summary: '窗口录入投诉举报（来访、来信、来电）：返回投诉举报编号和查询码（查询码只显示这一次）',
        body: intakeInput,
        response: { 200: filedAnswer },
      },
    },
    async (request) => enterAtCounter(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/complaints/:ticketNo/attachments',
    {
      config: { permission: 'complaint:read' },
      schema: { tags, summary: '投诉举报的附件列表', params: ticketParams, response: { 200: z.array(attachmentView) } },
    },
    async (request) => listAttachments(deps, actorOf(request), request.params.ticketNo),
  );
  app.post(
    '/api/complaints/:ticketNo/attachments',
    {
      config: { permission: 'complaint:write' },
      bodyLimit: ATTACHMENT_MAX_BYTES + 64 * 1024,
      schema: {
        tags,
        summary: '窗口录入时添加附件（JPG、PNG 照片或 PDF，每个不超过 5 MB，每件最多 5 个；multipart/form-data）',
        params: ticketParams,
        response: { 200: z.array(attachmentView) },
      },
    },
    async (request) => {
      const file = await readUpload(request, ATTACHMENT_MAX_BYTES);
      return attachAtCounter(deps, actorOf(request), request.params.ticketNo, file);
    },
  );
  app.get(
    '/api/complaints/:ticketNo/attachments/:attachmentId',
    {
      config: { permission: 'complaint:read' },
      schema: { tags, summary: '下载投诉举报的附件', params: attachmentParams },
    },
    async (request, reply) => {
      const file = await downloadAttachment(
        deps,
        actorOf(request),
        request.params.ticketNo,
        request.params.attachmentId,
      );
      return sendFile(reply, file);
    },
  );
  app.post(
    '/api/complaints/:ticketNo/identity',
    {
      config: { permission: 'complaint:identity', personalData: 'complaint' },
      schema: {
        tags,
        summary: '查看投诉举报人身份和联系方式（须填写理由；承办部门或联席办公室；记入审计日志）',
        params: ticketParams,
        body: identityRevealInput,
        response: { 200: identityView },
      },
    },
    async (request) => revealIdentity(deps, actorOf(request), request.params.ticketNo, request.body.reason),
  );
  app.get(
    '/api/complaint-rewards',
    {
      config: { permission: 'complaint:dispatch' },
      schema: {
        tags,
        summary: '举报奖励：核查属实或部分属实的举报及其奖励决定（decided=false 只列待决定的）',
        querystring: rewardListQuery,
        response: { 200: z.array(rewardCandidate) },
      },
    },
    async (request) =>
      listRewardCandidates(deps, request.query.decided === undefined ? undefined : request.query.decided === 'true'),
  );
  app.post(
    '/api/complaints/:ticketNo/reward',
    {
      config: { permission: 'complaint:dispatch' },
      schema: {
        tags,
        summary: '举报奖励决定（核查属实或部分属实的举报；予以奖励须填金额；只能决定一次）',
        params: ticketParams,
        body: rewardInput,
        response: { 200: rewardView },
      },
    },
    async (request) => decideReward(deps, actorOf(request), request.params.ticketNo, request.body),
  );
};
