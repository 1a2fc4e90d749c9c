import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  applicationDetail as detailView,
  applicationPage,
  applicationQuery,
  counterApplicationInput,
  decisionInput,
  documentParams,
  documentSetView,
  eligibilityAnswer,
  evidenceParams,
  penaltyParams,
  repairCreated,
  repairParams,
  serviceInput,
} from './credit-repair.schemas';
import { penaltyDocument, penaltyDocumentSet, recordService, serviceReceipt } from './penalty-documents.service';
import { addEvidenceAtCounter, applyAtCounter, EVIDENCE_MAX_BYTES } from './repair-apply.service';
import { decideRepair } from './repair-decision.service';
import { applicationDetail, counterEligibility, evidenceFile, listApplications } from './repair-query.service';
import { readUpload, sendFile } from '../http/file-upload';

const tags = ['信用修复与五书同达'];
const read = { permission: 'credit:repair:read' } as const;
const write = { permission: 'credit:repair:write' } as const;
const decide = { permission: 'credit:repair:decide' } as const;
const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;

export const creditRepairRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/credit-repair/penalties/:penaltyId/documents',
    {
      config: read,
      schema: {
        tags,
        summary: '五书同达：处罚的配套文书与送达情况',
        params: penaltyParams,
        response: { 200: documentSetView },
      },
    },
    async (request) => penaltyDocumentSet(deps, actorOf(request), request.params.penaltyId),
  );
  app.get(
    '/api/credit-repair/penalties/:penaltyId/documents/:kind',
    {
      config: read,
      schema: {
        tags,
        summary:
          '五书同达文书 PDF（publicity-notice 公示告知书、compliance-advice 合规建议书、repair-notice 信用修复告知书、seal-authorisation 电子公章使用授权书）',
        params: documentParams,
      },
    },
    async (request, reply) => {
      const doc = await penaltyDocument(deps, actorOf(request), request.params.penaltyId, request.params.kind);
      return sendFile(reply, { fileName: doc.fileName, contentType: 'application/pdf', data: doc.pdf });
    },
  );
  app.post(
    '/api/credit-repair/penalties/:penaltyId/service',
    {
      config: write,
      schema: {
        tags,
        summary: '登记五书同达送达：方式、日期、送达人、受送达人电子签名（或已上传回证）',
        params: penaltyParams,
        body: serviceInput,
        response: { 200: documentSetView },
      },
    },
    async (request) => recordService(deps, actorOf(request), request.params.penaltyId, request.body),
  );
  app.post(
    '/api/credit-repair/penalties/:penaltyId/service-receipt',
    {
      config: write,
      schema: {
        tags,
        summary:
          '登记五书同达送达并上传送达回证（PDF、JPG 或 PNG，不超过 5 MB；multipart/form-data，送达信息在查询参数中）',
        params: penaltyParams,
        querystring: serviceInput,
        response: { 200: documentSetView },
      },
    },
    async (request) => {
      const receipt = await readUpload(request, RECEIPT_MAX_BYTES, ['application/pdf', 'image/jpeg', 'image/png']);
      return recordService(deps, actorOf(request), request.params.penaltyId, request.query, receipt);
    },
  );
  app.get(
    '/api/credit-repair/penalties/:penaltyId/service-receipt',
    { config: read, schema: { tags, summary: '五书同达送达回证', params: penaltyParams } },
    async (request, reply) => sendFile(reply, await serviceReceipt(deps, actorOf(request), request.params.penaltyId)),
  );
  app.get(
    '/api/credit-repair/penalties/:penaltyId/eligibility',
    {
      config: read,
      schema: {
        tags,
        summary: '该处罚现在能否申请信用修复及原因',
        params: penaltyParams,
        response: { 200: eligibilityAnswer },
      },
    },
    async (request) => counterEligibility(deps, actorOf(request), request.params.penaltyId),
  );
  app.get(
    '/api/credit-repair/applications',
    {
      config: read,
      schema: {
        tags,
        summary: '信用修复申请（按状态，含逾期）',
        querystring: applicationQuery,
        response: { 200: applicationPage },
      },
    },
    async (request) => listApplications(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/credit-repair/applications',
    {
      config: write,
      schema: {
        tags,
        summary: '窗口代企业提交信用修复申请',
        body: counterApplicationInput,
        response: { 200: repairCreated },
      },
    },
    async (request) => {
      const { penaltyId, ...input } = request.body;
      return { repairNo: await applyAtCounter(deps, actorOf(request), penaltyId, input) };
    },
  );
  app.get(
    '/api/credit-repair/applications/:repairNo',
    {
      config: read,
      schema: {
        tags,
        summary: '信用修复申请详情：处罚、承诺、证明材料和办理过程',
        params: repairParams,
        response: { 200: detailView },
      },
    },
    async (request) => applicationDetail(deps, actorOf(request), request.params.repairNo),
  );
  app.post(
    '/api/credit-repair/applications/:repairNo/evidence',
    {
      config: write,
      schema: {
        tags,
        summary: '窗口代为上传证明材料（PDF 或 JPG，不超过 2 MB；multipart/form-data）',
        params: repairParams,
        response: { 200: detailView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const file = await readUpload(request, EVIDENCE_MAX_BYTES, ['application/pdf', 'image/jpeg']);
      await addEvidenceAtCounter(deps, actor, request.params.repairNo, file);
      return applicationDetail(deps, actor, request.params.repairNo);
    },
  );
  app.get(
    '/api/credit-repair/applications/:repairNo/evidence/:evidenceId',
    { config: read, schema: { tags, summary: '证明材料（PDF 或 JPG）', params: evidenceParams } },
    async (request, reply) =>
      sendFile(
        reply,
        await evidenceFile(deps, actorOf(request), request.params.repairNo, request.params.evidenceId),
        true,
      ),
  );
  app.post(
    '/api/credit-repair/applications/:repairNo/decision',
    {
      config: decide,
      schema: {
        tags,
        summary: '信用主管部门办理：受理、要求补正、核准修复（提前停止公示、信用记录已修复、推送信用平台）或不予修复',
        params: repairParams,
        body: decisionInput,
        response: { 200: detailView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await decideRepair(deps, actor, request.params.repairNo, request.body);
      return applicationDetail(deps, actor, request.params.repairNo);
    },
  );
};
