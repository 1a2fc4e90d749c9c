import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-plugin';
import { readUpload } from '../http/file-upload';
import type { AppDeps } from '../shared/context';
import { pageOf } from '../shared/paging';
import { noContent } from '../shared/reply.schemas';
import {
  actionRecordList,
  anomalyList,
  batchDetailOf,
  batchList,
  fieldSpecs,
  overdueList,
} from './aggregation-query.service';
import {
  actionRecordQuery,
  actionRecordView,
  anomalyListQuery,
  anomalyView,
  batchAnswer,
  batchDetail,
  batchEnvelope,
  batchListQuery,
  batchView,
  completenessAnswer,
  fieldSpecView,
  kindEnum,
  overdueSummary,
  writeOffInput,
} from './aggregation.schemas';
import { writeOff } from './anomaly.service';
import { batchTemplate, readBatchFile } from './batch-file';
import { receiveBatch } from './batch-intake.service';
import { checkCompletenessNow } from './completeness-check.service';
import { exchangeRoutes } from './exchange.routes';

const tags = ['数据汇聚'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const read = { permission: 'aggregation:read' } as const;
/** Lists that show received records (a citizen party's name among them): reads are audited as personal data. */
const readBatch = { ...read, personalData: 'aggregation_batch' } as const;
const readAnomalies = { ...read, personalData: 'data_anomaly' } as const;
const write = { permission: 'aggregation:write' } as const;
const manage = { permission: 'aggregation:manage' } as const;
/** 2,000 records of a few KB each. */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;
const FILE_MAX_BYTES = 20 * 1024 * 1024;
const envelopeOf = (body: unknown) =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** 数据汇聚: the intake (API, batch file, online entry), batches, anomalies, the 监管行为信息库 and the field spec. */
export const aggregationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/aggregation/batches',
    {
      config: write,
      bodyLimit: BATCH_BODY_LIMIT,
      // A bad record must not refuse the whole batch: every record is validated on its own and answered.
      attachValidation: true,
      schema: {
        tags,
        summary:
          '部门业务系统报送监管数据（令牌认证；信封 {批次号?, 数据类别, 记录:[…]}，每条记录有 主键 和 操作 i/u/d；逐条校验，异常记入异常数据，5 个工作日内整改重报）',
        body: batchEnvelope,
        response: { 200: batchAnswer },
      },
    },
    async (request) => {
      const body = envelopeOf(request.body);
      return receiveBatch(deps, actorOf(request), {
        channel: '接口',
        kind: body['数据类别'],
        records: body['记录'],
        senderBatchNo: typeof body['批次号'] === 'string' ? body['批次号'].trim().slice(0, 40) || null : null,
      });
    },
  );
  app.post(
    '/api/aggregation/batches/file',
    {
      config: write,
      schema: {
        tags,
        summary:
          '上传批量文件（multipart/form-data，按数据类别的模板填写的 XLSX 或 CSV，最多 2000 行；kind 为数据类别）',
        querystring: z.object({ kind: kindEnum }),
        response: { 200: batchAnswer },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const file = await readUpload(request, FILE_MAX_BYTES);
      const kind = request.query.kind;
      const { records, rows } = await readBatchFile(kind, file.fileName, file.data);
      return receiveBatch(deps, actor, { channel: '批量文件', kind, records, rows, fileName: file.fileName });
    },
  );
  app.post(
    '/api/aggregation/online',
    {
      config: write,
      attachValidation: true,
      schema: {
        tags,
        summary: '在线填报一条监管数据（未建业务系统的部门；字段同接口）',
        body: z.object({ 数据类别: z.string(), 记录: z.record(z.string(), z.unknown()) }),
        response: { 200: batchAnswer },
      },
    },
    async (request) => {
      const body = envelopeOf(request.body);
      return receiveBatch(deps, actorOf(request), {
        channel: '在线填报',
        kind: body['数据类别'],
        records: body['记录'] && typeof body['记录'] === 'object' ? [body['记录']] : [],
      });
    },
  );
  app.get(
    '/api/aggregation/templates/:recordKind',
    {
      config: read,
      schema: {
        tags,
        summary: '下载批量文件模板（表头为国家数据标准字段名，另附填写说明）',
        params: z.object({ recordKind: kindEnum }),
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const file = await batchTemplate(request.params.recordKind, request.query.format);
      return reply
        .header(
          'content-type',
          request.query.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header(
          'content-disposition',
          `attachment; filename="template.${request.query.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.body);
    },
  );
  app.get(
    '/api/aggregation/spec',
    {
      config: read,
      schema: {
        tags,
        summary: '接口说明：各数据类别的字段、必填、取值和示例（与校验规则同源）',
        response: { 200: z.array(fieldSpecView) },
      },
    },
    async () => fieldSpecs(),
  );
  app.get(
    '/api/aggregation/batches',
    {
      config: read,
      schema: {
        tags,
        summary: '汇聚批次（部门只看本部门）',
        querystring: batchListQuery,
        response: { 200: pageOf(batchView) },
      },
    },
    async (request) => batchList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/aggregation/batches/:id',
    {
      config: readBatch,
      schema: { tags, summary: '汇聚批次详情：记录与异常', params: idParams, response: { 200: batchDetail } },
    },
    async (request) => batchDetailOf(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/aggregation/anomalies',
    {
      config: readAnomalies,
      schema: {
        tags,
        summary: '异常数据（部门只看本部门），含整改期限和剩余工作日',
        querystring: anomalyListQuery,
        response: { 200: pageOf(anomalyView) },
      },
    },
    async (request) => anomalyList(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/aggregation/anomalies/overdue',
    { config: read, schema: { tags, summary: '逾期未整改的异常数据，按部门统计', response: { 200: overdueSummary } } },
    async (request) => overdueList(deps, actorOf(request)),
  );
  app.post(
    '/api/aggregation/anomalies/:id/write-off',
    {
      config: manage,
      schema: {
        tags,
        summary: '核销异常数据（须写明理由）',
        params: idParams,
        body: writeOffInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await writeOff(deps, actorOf(request), request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/aggregation/completeness-check',
    {
      config: manage,
      schema: {
        tags,
        summary: '立即核查各部门上月行政检查数据的报送情况（未报送）',
        response: { 200: completenessAnswer },
      },
    },
    async (request) => checkCompletenessNow(deps, actorOf(request)),
  );
  app.get(
    '/api/aggregation/records',
    {
      config: readBatch,
      schema: {
        tags,
        summary: '监管行为信息库：监管计划、行政检查、行政强制、其他监管行为（部门只看本部门报送的）',
        querystring: actionRecordQuery,
        response: { 200: pageOf(actionRecordView) },
      },
    },
    async (request) => actionRecordList(deps, actorOf(request), request.query),
  );
  await exchangeRoutes(app, deps);
};
