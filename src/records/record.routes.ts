import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import {
  licenceDetail,
  licenceList,
  penaltyDetail,
  penaltyList,
  registrationDetail,
  registrationList,
} from './record-query.service';
import { enterRecord, receiveRecords, writePermission } from './record-receive.service';
import {
  decisionListQuery,
  licenceView,
  penaltyView,
  receiveBody,
  receiveResult,
  recordInputs,
  type RecordType,
  registrationListQuery,
  registrationView,
  withVersions,
} from './record.schemas';
import { pageOf } from '../shared/paging';

const tags = ['登记注册、行政许可与行政处罚信息'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
/** 1,000 records of a few KB each. */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

const storedResult = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged']),
  id: z.number().int(),
  version: z.number().int(),
  registrationNo: z.string().nullable(),
});

const kinds: { type: RecordType; path: string; title: string }[] = [
  { type: 'registration', path: 'registrations', title: '登记注册信息' },
  { type: 'licence', path: 'licences', title: '行政许可信息' },
  { type: 'penalty', path: 'penalties', title: '行政处罚信息' },
];

/** The body as sent: one record, or `records` (validated record by record in the service, each with its outcome). */
const recordsOf = (body: unknown): unknown[] =>
  body && typeof body === 'object' && Array.isArray((body as { records?: unknown }).records)
    ? (body as { records: unknown[] }).records
    : [body];

export const recordRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  for (const { type, path, title } of kinds) {
    app.post(
      `/api/records/${path}`,
      {
        config: { permission: writePermission[type] },
        bodyLimit: BATCH_BODY_LIMIT,
        // A bad record must not refuse the whole batch: the service validates each record and answers for each.
        attachValidation: true,
        schema: {
          tags,
          summary: `业务系统报送${title}（一条，或 records 中最多 1000 条；按报送部门与业务系统记录编号去重，内容变化记为新版本）`,
          body: receiveBody(recordInputs[type]),
          response: { 200: receiveResult },
        },
      },
      async (request) => {
        if (request.validationError && !(request.body && typeof request.body === 'object'))
          return receiveRecords(deps, actorOf(request), type, [request.body]);
        return receiveRecords(deps, actorOf(request), type, recordsOf(request.body));
      },
    );
  }
  for (const { type, path, title } of kinds) {
    // 业务系统记录编号 may be left out: the platform numbers a record entered online.
    const body = recordInputs[type];
    app.post(
      `/api/records/${path}/online`,
      {
        config: { permission: writePermission[type] },
        attachValidation: true,
        schema: { tags, summary: `在线录入${title}（无业务系统的部门）`, body, response: { 200: storedResult } },
      },
      async (request) => enterRecord(deps, actorOf(request), type, request.body as Record<string, unknown>),
    );
    app.put(
      `/api/records/${path}/:id`,
      {
        config: { permission: writePermission[type] },
        attachValidation: true,
        schema: {
          tags,
          summary: `在线更正本部门报送的${title}（形成新版本）`,
          params: idParams,
          body,
          response: { 200: storedResult },
        },
      },
      async (request) =>
        enterRecord(deps, actorOf(request), type, request.body as Record<string, unknown>, request.params.id),
    );
  }
  app.get(
    '/api/records/registrations',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: '登记注册信息列表（名称或信用代码、报送部门、登记日期、报送方式、登记类型）',
        querystring: registrationListQuery,
        response: { 200: pageOf(registrationView) },
      },
    },
    async (request) => registrationList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/records/registrations/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: '登记注册信息详情与各版本',
        params: idParams,
        response: { 200: withVersions(registrationView) },
      },
    },
    async (request) => registrationDetail(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/records/licences',
    {
      config: { permission: 'records:read', personalData: 'licence_record' },
      schema: {
        tags,
        summary: '行政许可信息列表（行政相对人名称或信用代码、报送部门、决定日期、报送方式、当前状态）',
        querystring: decisionListQuery,
        response: { 200: pageOf(licenceView) },
      },
    },
    async (request) => licenceList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/records/licences/:id',
    {
      config: { permission: 'records:read', personalData: 'licence_record' },
      schema: {
        tags,
        summary: '行政许可信息详情与各版本',
        params: idParams,
        response: { 200: withVersions(licenceView) },
      },
    },
    async (request) => licenceDetail(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/records/penalties',
    {
      config: { permission: 'records:read', personalData: 'penalty_record' },
      schema: {
        tags,
        summary: '行政处罚信息列表（行政相对人名称或信用代码、报送部门、决定日期、报送方式、当前状态）',
        querystring: decisionListQuery,
        response: { 200: pageOf(penaltyView) },
      },
    },
    async (request) => penaltyList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/records/penalties/:id',
    {
      config: { permission: 'records:read', personalData: 'penalty_record' },
      schema: {
        tags,
        summary: '行政处罚信息详情与各版本',
        params: idParams,
        response: { 200: withVersions(penaltyView) },
      },
    },
    async (request) => penaltyDetail(deps, actorOf(request), request.params.id),
  );
};
