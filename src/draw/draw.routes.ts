import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRoute } from '../http/public-route';
import { publicKeyView } from '../shared/reply.schemas';
import { actorOf } from '../http/auth-plugin';
import type { AppDeps } from '../shared/context';
import { z } from 'zod';
import {
  drawRunInput,
  recordNoParams,
  recordVerifyOutcome,
  recordView,
  drawRunView,
  roundCommitInput,
  roundNoParams,
  roundSummary,
  roundView,
  selfCheckQuery,
  selfCheckView,
} from './draw.schemas';
import { selfCheck, staffSelfCheck } from './draw-public.service';
import { commitRound, runRoundDraw } from './draw.service';
import {
  getRecord,
  getRound,
  listRounds,
  publicRound,
  readerBundle,
  recordBundle,
  verifyRecord,
} from './draw-record.service';
import { bundleJson } from './engine/bundle';
import { bundleVerifyRoutes } from './bundle-verify.routes';
import { recordCsv } from './draw-csv';
import { drawSigner } from './platform-key';

const tags = ['双随机抽取'];
const publicTags = ['公众服务'];
const read = { permission: 'draw:round:read' } as const;
const write = { permission: 'draw:round:write' } as const;

export const drawRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/draws',
    { config: read, schema: { tags, summary: '抽取轮次列表', response: { 200: z.array(roundSummary) } } },
    async (request) => listRounds(deps, actorOf(request)),
  );
  app.post(
    '/api/draws',
    {
      config: write,
      schema: {
        tags,
        summary: '承诺抽取：冻结对象框架和人员，公布默克尔根与随机源声明',
        body: roundCommitInput,
        response: { 200: roundView },
      },
    },
    async (request) => commitRound(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/draws/:roundNo',
    {
      config: read,
      schema: { tags, summary: '抽取轮次：承诺和全部抽取记录', params: roundNoParams, response: { 200: roundView } },
    },
    async (request) => getRound(deps, actorOf(request), request.params.roundNo),
  );
  app.post(
    '/api/draws/:roundNo/records',
    {
      config: write,
      schema: {
        tags,
        summary:
          '录入随机源并执行抽取（已抽取过的须说明重新抽取理由，原记录保留）；应答为封存的记录与统计，任务清单另见 GET /api/draw-records/{recordNo}',
        params: roundNoParams,
        body: drawRunInput,
        response: { 200: drawRunView },
      },
    },
    async (request) => runRoundDraw(deps, actorOf(request), request.params.roundNo, request.body),
  );
  app.get(
    '/api/draw-records/:recordNo',
    {
      config: read,
      schema: {
        tags,
        summary: '抽取记录：指标、检查任务、无法配齐人员的任务及原因',
        params: recordNoParams,
        response: { 200: recordView },
      },
    },
    async (request) => getRecord(deps, actorOf(request), request.params.recordNo),
  );
  app.get(
    '/api/draw-records/:recordNo/bundle',
    {
      config: read,
      schema: {
        tags,
        summary: '下载审计包（JSON，可用 lianjian draw verify 独立重算；只限数据范围为全部部门的用户）',
        params: recordNoParams,
      },
    },
    async (request, reply) => {
      const bundle = await recordBundle(deps, actorOf(request), request.params.recordNo);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.recordNo}.json"`)
        .send(bundleJson(bundle));
    },
  );
  app.get(
    '/api/draw-records/:recordNo/frame.csv',
    {
      config: read,
      schema: {
        tags,
        summary: '审计包：对象框架 CSV（主体、事项、入样概率、随机数、是否抽中；部门用户只含本部门的事项）',
        params: recordNoParams,
      },
    },
    async (request, reply) => {
      const bundle = await readerBundle(deps, actorOf(request), request.params.recordNo);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.recordNo}-frame.csv"`)
        .send(recordCsv(bundle, 'frame'));
    },
  );
  app.get(
    '/api/draw-records/:recordNo/tasks.csv',
    {
      config: read,
      schema: { tags, summary: '审计包：检查任务 CSV（部门用户只含有本部门事项的任务）', params: recordNoParams },
    },
    async (request, reply) => {
      const bundle = await readerBundle(deps, actorOf(request), request.params.recordNo);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.recordNo}-tasks.csv"`)
        .send(recordCsv(bundle, 'tasks'));
    },
  );

  app.get(
    '/api/public/draws/key',
    {
      config: publicRoute(60),
      schema: {
        tags: publicTags,
        summary: '平台抽取记录签名公钥（Ed25519，SPKI DER base64）',
        security: [],
        response: { 200: publicKeyView },
      },
    },
    async () => {
      const signer = await drawSigner(deps.db, deps.clock.now());
      return { algorithm: 'ed25519', publicKey: signer.publicKey };
    },
  );
  app.get(
    '/api/public/draws/:roundNo',
    {
      config: publicRoute(120),
      schema: {
        tags: publicTags,
        summary: '抽取承诺与抽取记录（无需登录）',
        security: [],
        params: roundNoParams,
        response: { 200: roundView },
      },
    },
    async (request) => publicRound(deps, request.params.roundNo),
  );
  app.get(
    '/api/public/draw-records/:recordNo/verify',
    {
      config: publicRoute(20),
      schema: {
        tags: publicTags,
        summary: '重算抽取记录，报告“一致”或第一处差异',
        security: [],
        params: recordNoParams,
        response: { 200: recordVerifyOutcome },
      },
    },
    async (request) => verifyRecord(deps, request.params.recordNo),
  );
  app.get(
    '/api/public/draw-records/:recordNo/self-check',
    {
      config: publicRoute(60),
      schema: {
        tags: publicTags,
        summary: '主体自查：按统一社会信用代码查看本主体的随机数与各事项是否抽中（入样概率会反映信用分类，不公开）',
        security: [],
        params: recordNoParams,
        querystring: selfCheckQuery,
        response: { 200: selfCheckView },
      },
    },
    async (request) => selfCheck(deps, request.params.recordNo, request.query.uscc, false),
  );
  app.get(
    '/api/draw-records/:recordNo/self-check',
    {
      config: read,
      schema: {
        tags,
        summary: '主体核查（工作人员）：某主体的随机数、各事项入样概率与结果、默克尔叶子与证明',
        params: recordNoParams,
        querystring: selfCheckQuery,
        response: { 200: selfCheckView },
      },
    },
    async (request) => staffSelfCheck(deps, actorOf(request), request.params.recordNo, request.query.uscc),
  );
  await app.register(bundleVerifyRoutes);
};
