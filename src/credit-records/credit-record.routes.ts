import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { pageOf } from '../shared/paging';
import { correctCreditRecord } from './credit-record-correct.service';
import { creditRecordDetail, creditRecordList } from './credit-record-query.service';
import { enterCreditRecord, receiveCreditRecords } from './credit-record-receive.service';
import {
  creditCorrectionBody,
  creditListQuery,
  creditReceiveBody,
  creditReceiveResult,
  creditRecordDetail as detailView,
  creditRecordInput,
  creditRecordView,
  creditStored,
} from './credit-record.schemas';

const tags = ['信用记录'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const read = { permission: 'credit:record:read' } as const;
const write = { permission: 'credit:record:write' } as const;

/** The body as sent: one record, or `records` (validated record by record, each with its outcome). */
const recordsOf = (body: unknown): unknown[] =>
  body && typeof body === 'object' && Array.isArray((body as { records?: unknown }).records)
    ? (body as { records: unknown[] }).records
    : [body];

export const creditRecordRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/credit/records',
    {
      config: write,
      bodyLimit: 16 * 1024 * 1024,
      // A bad record must not refuse the whole batch: the service validates each record and answers for each.
      attachValidation: true,
      schema: {
        tags,
        summary:
          '业务系统报送信用记录（经营异常名录、严重违法失信名单的列入与移出，年报未报，违反告知承诺，表彰奖励，投诉举报属实；一条或 records 中最多 1000 条，按报送部门与业务系统记录编号去重）',
        body: creditReceiveBody,
        response: { 200: creditReceiveResult },
      },
    },
    async (request) => receiveCreditRecords(deps, actorOf(request), recordsOf(request.body)),
  );
  app.post(
    '/api/credit/records/online',
    {
      config: write,
      attachValidation: true,
      schema: {
        tags,
        summary: '在线录入信用记录（无业务系统的部门；未填业务系统记录编号时由平台编号）',
        body: creditRecordInput,
        response: { 200: creditStored },
      },
    },
    async (request) => enterCreditRecord(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/credit/records',
    {
      config: read,
      schema: {
        tags,
        summary: '信用记录列表（主体、类别、状态、来源、部门、认定日期；本部门或全部）',
        querystring: creditListQuery,
        response: { 200: pageOf(creditRecordView) },
      },
    },
    async (request) => creditRecordList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/credit/records/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '信用记录详情与各版本、状态变化',
        params: idParams,
        response: { 200: detailView },
      },
    },
    async (request) => creditRecordDetail(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/credit/records/:id/correction',
    {
      config: { permission: 'credit:record:correct' },
      schema: {
        tags,
        summary: '信用主管部门更正或撤销信用记录（须填写理由，记入审计日志）',
        params: idParams,
        body: creditCorrectionBody,
        response: { 200: creditStored },
      },
    },
    async (request) => correctCreditRecord(deps, actorOf(request), request.params.id, request.body),
  );
};
